import { words } from "../../src/domain/intents/normalise";

/** A phrasing as the recogniser reads it, for comparing with the bank. */
export const norm = (s: string) => words(s).join(" ");

/** The command a reply's "start" button would open, if it has one. */
export const startedBy = (cards: unknown) =>
  JSON.stringify(cards).match(/"verb":"intentStart"[^}]*"data":\{"intent":"(\w+)"\}/)?.[1];

/** Whether a reply asks first ("Do you want to…?" with "No, it's a question"). */
export const asksFirst = (cards: unknown) => JSON.stringify(cards).includes('"intentAskInstead"');
