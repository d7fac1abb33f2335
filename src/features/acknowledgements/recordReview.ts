import { aYearAfter, nextReviewOf } from "../../domain/policy/annualReview";
import type { PolicyVersion } from "../../domain/policy/policyVersion";
import { mayRecordPolicyReview } from "../../domain/people/permissions";
import type { Person } from "../../domain/people/person";
import { accept, refuse, type Decision } from "../../domain/result";
import { findAll } from "../../store/findAll";
import type { AcknowledgementServices } from "./acknowledgementServices";
import { policyReviewKind, type PolicyReviewRecord } from "../../app/policy/policyRecords";

/*
 * "This policy will be reviewed annually": when the owner (or the Headteacher) has reviewed the
 * version in force and found nothing to change, recording it stops the review reminders until
 * the same date next year. One record per version and day, so a repeated command changes nothing.
 */
export async function recordReview(
  services: AcknowledgementServices,
  actor: Person,
): Promise<
  Decision<
    { review: PolicyReviewRecord; firstTime: boolean },
    "REVIEW.ROLE" | "REVIEW.NO_VERSION" | "REVIEW.CHANGE_PENDING"
  >
> {
  if (!mayRecordPolicyReview(actor)) {
    return refuse(
      "REVIEW.ROLE",
      "Only the policy owner or the Headteacher can record the policy's review.",
    );
  }
  const versions = services.policyVersions;
  const [current, upcoming] = [await versions.inForce(), await versions.upcoming()];
  if (!current) return refuse("REVIEW.NO_VERSION", "There is no version in force to review.");
  if (upcoming) {
    return refuse(
      "REVIEW.CHANGE_PENDING",
      `Version ${upcoming.label} has already been published and takes effect on ${upcoming.effectiveFrom}: that is this year's review.`,
    );
  }
  const day = versions.today();
  const review: PolicyReviewRecord = {
    version: current.label,
    reviewedAt: services.clock.now().toISOString(),
    reviewedBy: actor.aadObjectId,
    nextReview: aYearAfter(day),
  };
  const created = await services.store
    .collection(policyReviewKind)
    .create(`${current.label}:${day}`, review);
  return accept(
    created.ok ? { review, firstTime: true } : { review: created.existing.data, firstTime: false },
  );
}

/** When the version is next due for review: a year after its last recorded review, or its own date. */
export async function nextReviewFor(
  services: AcknowledgementServices,
  version: PolicyVersion,
): Promise<string> {
  const reviews = await findAll(services.store.collection(policyReviewKind), {
    where: { version: version.label },
  });
  return nextReviewOf(
    version.document.meta.nextReview,
    reviews.map((r) => r.data.nextReview),
  );
}
