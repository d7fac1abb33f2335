import type { Role } from "../../src/domain/people/person";
import { words } from "../../src/domain/intents/normalise";

/** A phrasing as the recogniser reads it, for comparing with the bank. */
export const norm = (s: string) => words(s).join(" ");

/** The command a reply's "start" button would open, if it has one. */
export const startedBy = (cards: unknown) =>
  JSON.stringify(cards).match(/"verb":"intentStart"[^}]*"data":\{"intent":"(\w+)"\}/)?.[1];

/** Whether a reply asks first ("Do you want to…?" with "No, it's a question"). */
export const asksFirst = (cards: unknown) => JSON.stringify(cards).includes('"intentAskInstead"');

/**
 * What each command's reply says that nothing else does (a form's own sentence, never a button
 * title: the button offered beside an answer also carries it), and who has the command.
 */
export const COMMAND_OPENED: Record<string, { readonly opened: RegExp; readonly by: Role }> = {
  report: {
    opened: /This goes in confidence to the Headteacher \(or to the Chair of Governors/,
    by: "staff",
  },
  mediaEnquiry: { opened: /direct enquiries for publication to the Headteacher/, by: "staff" },
  proposePost: { opened: /both confirm it before the Resources Manager posts it/, by: "staff" },
  showPolicy: { opened: /In force: Version/, by: "staff" },
  myPosts: { opened: /You have not proposed any posts yet/, by: "staff" },
  waitingForYou: { opened: /What is waiting for you/, by: "headteacher" },
  askPermission: { opened: /The policy asks for written permission before these/, by: "staff" },
  myPermissions: { opened: /You have not asked for any written permission/, by: "staff" },
  // The form, or (after the command word with the suggestion itself) the suggestion filed.
  suggest: {
    opened: /considers every suggestion at the yearly review|Suggestion recorded for the review/,
    by: "staff",
  },
  deputy: {
    opened: /While you are away, your deputy confirms posts in your place/,
    by: "aht-publicity",
  },
  recordTraining: { opened: /"label":"Completed on"/, by: "headteacher" },
  help: { opened: /What I can do for you/, by: "staff" },
  thanks: { opened: /You're welcome/, by: "staff" },
};
