/** Dates and numbers as the school office reads them (British English, the school's time zone). */

export function formatDateTime(iso: string | null, timeZone: string): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  // One UK format everywhere: "1 December 2026, 14:05", as on the cards.
  const day = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone }).format(date);
  const time = new Intl.DateTimeFormat("en-GB", {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone,
  }).format(date);
  return `${day}, ${time}`;
}

export function formatDate(iso: string | null, timeZone: string): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone }).format(date);
}

export function formatCount(n: number): string {
  return n.toLocaleString("en-GB");
}

/** Whole per cent, rounded down so "100%" only ever means everyone. */
export function percent(part: number, total: number): number {
  return total === 0 ? 0 : Math.floor((part / total) * 100);
}

/**
 * A calendar date as given (YYYY-MM-DD, e.g. a post's intended date): a day, not an instant, so
 * it is read in UTC and never shifts a day in a time zone behind it. Anything else is shown as is.
 */
export function formatCalendarDate(day: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" }).format(date);
}
