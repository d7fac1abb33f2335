import fs from "node:fs";
import path from "node:path";
import type { Role } from "../../src/domain/people/person";
import { words } from "../../src/domain/intents/normalise";
import { loadIntentBank } from "../../src/policy/intentBankFile";
import { installActivity, messageActivity, post } from "./activities";
import { startAppUnderTest, type AppUnderTest } from "./inProcessApp";
import { personWith } from "./sampleRoster";

/** A phrasing as the recogniser reads it, for comparing with the bank. */
export const norm = (s: string) => words(s).join(" ");

/** The command a reply's "start" button would open, if it has one. */
export const startedBy = (cards: unknown) =>
  JSON.stringify(cards).match(/"verb":"intentStart"[^}]*"data":\{"intent":"(\w+)"[,}]/)?.[1];

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

/** A phrasing list's lines that are in the intent bank (case and punctuation aside): none may be. */
export function inIntentBank(lists: Record<string, readonly string[] | string>): string[] {
  const bank = new Set(loadIntentBank().map((e) => norm(e.text)));
  return Object.entries(lists)
    .filter(([key]) => key !== "_about")
    .flatMap(([, list]) => [list].flat())
    .filter((p) => bank.has(norm(p)));
}

/** Sends a message as the roster's first holder of the role; what came back, as text and cards. */
export async function sayAs(t: AppUnderTest, role: Role, text: string) {
  t.connector.clear();
  await post(t.app.url, messageActivity(personWith(role), t.connector.url, text));
  const cards = t.connector.cards();
  return { reply: t.connector.texts().join("\n"), json: JSON.stringify(cards), cards };
}

/** A phrasing list of test/fixtures: command (or "question") → its lines. */
export function readPhrasings(file: string): Record<string, string[]> {
  return JSON.parse(fs.readFileSync(path.join(__dirname, "../fixtures", file), "utf8")) as Record<
    string,
    string[]
  >;
}

/** The app for sending phrasings: a lifted question limit, and each role's holder installed. */
export async function appForPhrasings(roles: Iterable<Role>): Promise<AppUnderTest> {
  const t = await startAppUnderTest({
    OUTBOX_POLL_MS: "60000",
    SCHEDULE_TICK_MS: "3600000",
    // One person sends a whole list, well over an hour's questions; the limit has its own tests.
    RATE_LIMIT_QUESTIONS_PER_HOUR: "1000",
  });
  for (const role of new Set(roles))
    await post(t.app.url, installActivity(personWith(role), t.connector.url));
  return t;
}
