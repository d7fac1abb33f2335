import { DateTime } from "luxon";

/*
 * School working hours for report time limits ("remind after 8 working hours"): counted only
 * inside the configured day span on school days, in the school's time zone.
 */
export interface SchoolHours {
  readonly startHour: number;
  readonly endHour: number;
  /** Luxon weekdays, Monday = 1. */
  readonly days: readonly number[];
}

export const DEFAULT_SCHOOL_HOURS: SchoolHours = {
  startHour: 8,
  endHour: 17,
  days: [1, 2, 3, 4, 5],
};

export function parseSchoolHours(text: string): SchoolHours | undefined {
  const m =
    /^(\d{1,2}):00-(\d{1,2}):00(?:\s+(mon|tue|wed|thu|fri|sat|sun)-(mon|tue|wed|thu|fri|sat|sun))?$/i.exec(
      text.trim(),
    );
  if (!m) return undefined;
  const names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
  const from = m[3] ? names.indexOf(m[3].toLowerCase()) + 1 : 1;
  const to = m[4] ? names.indexOf(m[4].toLowerCase()) + 1 : 5;
  const startHour = Number(m[1]);
  const endHour = Number(m[2]);
  if (startHour >= endHour || endHour > 24 || from > to) return undefined;
  return { startHour, endHour, days: Array.from({ length: to - from + 1 }, (_, i) => from + i) };
}

/** Working hours between two instants (minute precision). */
export function workingHoursBetween(
  fromIso: string,
  to: Date,
  hours: SchoolHours,
  timeZone: string,
): number {
  let cursor = DateTime.fromISO(fromIso).setZone(timeZone);
  const end = DateTime.fromJSDate(to).setZone(timeZone);
  let minutes = 0;
  while (cursor < end) {
    const dayStart = cursor.set({ hour: hours.startHour, minute: 0, second: 0, millisecond: 0 });
    const dayEnd = cursor.set({ hour: hours.endHour, minute: 0, second: 0, millisecond: 0 });
    if (hours.days.includes(cursor.weekday)) {
      const from = cursor > dayStart ? cursor : dayStart;
      const until = end < dayEnd ? end : dayEnd;
      if (until > from) minutes += until.diff(from, "minutes").minutes;
    }
    cursor = cursor.plus({ days: 1 }).startOf("day");
  }
  return minutes / 60;
}
