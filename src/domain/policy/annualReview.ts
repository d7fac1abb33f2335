import { DateTime } from "luxon";

/*
 * "This policy will be reviewed annually": a version's review falls due a year after it takes
 * effect, or a year after a review that found nothing to change. A date that does not exist next
 * year (29 February) falls on the last day of that month.
 */
export function aYearAfter(day: string): string {
  return DateTime.fromISO(day, { zone: "UTC" }).plus({ years: 1 }).toISODate()!;
}

/**
 * The review date a newly published version carries: its own, if the author set one after it
 * takes effect; otherwise a year after it takes effect (a date inherited from the version before,
 * already past, would start the review reminders on the day the new version takes effect).
 */
export function reviewDateFor(effectiveFrom: string, declared: string | undefined): string {
  return declared && declared > effectiveFrom ? declared : aYearAfter(effectiveFrom);
}

/** The date the version in force is due for review: the latest recorded review's, or its own. */
export function nextReviewOf(
  versionNextReview: string,
  recordedNextReviews: readonly string[],
): string {
  return [versionNextReview, ...recordedNextReviews].sort().pop()!;
}
