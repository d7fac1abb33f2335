import { DateTime } from "luxon";

/*
 * One way to write dates for people, everywhere: "1 December 2026" (and "1 December 2026,
 * 14:05" where the time matters), in the school's time zone.
 */
function inZone(iso: string, timeZone: string): DateTime {
  return iso.length === 10
    ? DateTime.fromISO(iso, { zone: timeZone })
    : DateTime.fromISO(iso).setZone(timeZone);
}

export function readableDate(iso: string, timeZone: string): string {
  return inZone(iso, timeZone).toFormat("d LLLL yyyy");
}

export function readableDateTime(iso: string, timeZone: string): string {
  return inZone(iso, timeZone).toFormat("d LLLL yyyy, HH:mm");
}

/** The school-local calendar date of an instant (yyyy-mm-dd). */
export function schoolDate(now: Date, timeZone: string): string {
  return DateTime.fromJSDate(now).setZone(timeZone).toISODate()!;
}
