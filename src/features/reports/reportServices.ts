import type { AppServices } from "../../app/services";

/**
 * What misuse reports and media enquiries use of the app's services, and nothing else: the
 * store, the roster, the clock and ids, the outbox for every message a decision implies, the
 * school's time zone, the rate limits, and the cards port that turns their views into the
 * messages the outbox stores. Their settings (reminders, retention, school hours)
 * come from the config the feature's jobs are given.
 */
export type ReportServices = Pick<
  AppServices,
  | "store"
  | "directory"
  | "clock"
  | "ids"
  | "logger"
  | "outbox"
  | "schoolTimeZone"
  | "rateLimits"
  | "reportCards"
>;
