import type { AppServices } from "../../app/services";

/**
 * What post approvals use of the app's services, and nothing else: the store, the roster, the
 * clock and ids, the outbox for every message a decision implies, the school's time zone and
 * rate limits, the module's own settings (accounts, consent list, reminder hours), and the cards
 * port that turns its views into the messages the outbox stores.
 */
export type PostServices = Pick<
  AppServices,
  | "store"
  | "directory"
  | "clock"
  | "ids"
  | "logger"
  | "outbox"
  | "schoolTimeZone"
  | "rateLimits"
  | "posts"
  | "postCards"
>;
