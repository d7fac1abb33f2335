import { DateTime } from "luxon";
import { accept, refuse, type Decision } from "../result";

/*
 * "Staff will be notified of any changes no later than one month from the date those changes
 * are intended to take effect": the effective date must be at least one calendar month after
 * the day staff are notified, counted in the school's time zone (31 January + 1 month is the
 * last day of February).
 */
export function earliestEffectiveDate(notifiedAt: Date, timeZone: string): string {
  return DateTime.fromJSDate(notifiedAt, { zone: timeZone })
    .startOf("day")
    .plus({ months: 1 })
    .toISODate()!;
}

export function checkNotice(
  effectiveFrom: string,
  notifiedAt: Date,
  timeZone: string,
): Decision<{ earliest: string }, "NOTICE.TOO_SHORT" | "NOTICE.BAD_DATE"> {
  const effective = DateTime.fromISO(effectiveFrom, { zone: timeZone });
  if (!effective.isValid || !/^\d{4}-\d{2}-\d{2}$/.test(effectiveFrom)) {
    return refuse("NOTICE.BAD_DATE", `"${effectiveFrom}" is not a date written YYYY-MM-DD.`);
  }
  const earliest = earliestEffectiveDate(notifiedAt, timeZone);
  if (effectiveFrom < earliest) {
    return refuse(
      "NOTICE.TOO_SHORT",
      `Staff must be notified at least one month before changes take effect. Notified today, the earliest effective date is ${earliest}.`,
    );
  }
  return accept({ earliest });
}
