import type { Role } from "../../src/domain/people/person";
import {
  asksFirst,
  COMMAND_OPENED,
  appForPhrasings,
  inIntentBank,
  readPhrasings,
  sayAs,
  startedBy,
} from "../support/commandReplies";
import type { AppUnderTest } from "../support/inProcessApp";

/*
 * Every command in staff's own words, from lists written after the recogniser's last change, each
 * by a writer who read only the policy and what each command does (6–8 phrasings for each of the
 * 13 commands and 28 policy questions), sent through the real bot endpoint by someone who has the
 * command. Each was run once before it was committed, and its floors are that run's figures (or
 * the run after a change, when that gained), so a change that loses ground on words nobody tuned
 * on fails here.
 *  - unseen-4, written on 2026-12-04: first run 80 of 99 directly, 6 one click away, 13 astray;
 *    1 of 28 questions taken ("is written permission needed to use the school logo on my own
 *    blog" opened the form; "is/are … needed/allowed" now reads as asking whether). With the
 *    phrasings of 2026-12-06: 86 directly, 7 one click away, 6 astray.
 *  - unseen-5, written on 2026-12-06 by a writer apart from the ones who wrote that day's 346
 *    new command phrasings and 87 everyday messages (none saw another's lines, the bank or these
 *    lists; 11 lines that were in the bank word for word were replaced by the writer before any
 *    run): on the recogniser before those lines 88 of 104 directly, 6 one click away, 10 astray;
 *    after, 90, 6 and 8. No question taken for a command either time.
 */
const LISTS = [
  { file: "command-phrasings-unseen-4.json", phrasings: 99, opened: 86, astray: 6 },
  { file: "command-phrasings-unseen-5.json", phrasings: 104, opened: 90, astray: 8 },
];
const COMMANDS = Object.keys(COMMAND_OPENED);

describe.each(LISTS)(
  "every command in words written after the recogniser was tuned ($file)",
  (list) => {
    const fresh = readPhrasings(list.file);
    let t: AppUnderTest;

    beforeAll(async () => {
      t = await appForPhrasings(Object.values(COMMAND_OPENED).map((c) => c.by));
    });
    afterAll(async () => t.stop());

    const say = (role: Role, text: string) => sayAs(t, role, text);

    test("when the list is checked, then every command has six to eight phrasings, there are 28 questions, and none is in the training bank", () => {
      for (const command of COMMANDS) expect(fresh[command]!.length).toBeGreaterThanOrEqual(6);
      expect(COMMANDS.reduce((n, c) => n + fresh[c]!.length, 0)).toBe(list.phrasings);
      expect(fresh["question"]).toHaveLength(28);
      expect(inIntentBank(fresh)).toEqual([]);
    });

    test(`when the phrasings are sent, then at least as many open their command directly as recorded (${list.opened} of ${list.phrasings}), no more go astray (${list.astray}), and no question is taken for a command`, async () => {
      const opened: string[] = [];
      const offered: string[] = [];
      const astray: string[] = [];
      for (const command of COMMANDS) {
        const { opened: marker, by } = COMMAND_OPENED[command]!;
        for (const text of fresh[command]!) {
          const { reply, json, cards } = await say(by, text);
          if (!/You asked:/.test(reply) && (marker.test(reply) || marker.test(json)))
            opened.push(text);
          // Asked back ("Do you want to…?") or offered beside the answer: one click away.
          else if (startedBy(cards) === command) offered.push(text);
          else astray.push(`${command}: ${text}`);
        }
      }
      const questions = fresh["question"]!;
      const takenForCommands: string[] = [];
      for (const text of questions) {
        const { reply, cards } = await say("staff", text);
        if (!/You asked:/.test(reply) && !asksFirst(cards)) takenForCommands.push(text);
      }
      console.log(
        `${list.file}: ${opened.length}/${list.phrasings} opened directly, ${offered.length} one click away, ` +
          `${astray.length} astray: ${astray.join(" | ")}; questions taken for a command ` +
          `${takenForCommands.length}/${questions.length}: ${takenForCommands.join(" | ")}`,
      );
      expect(opened.length).toBeGreaterThanOrEqual(list.opened);
      expect(astray.length).toBeLessThanOrEqual(list.astray);
      expect(takenForCommands).toEqual([]);
    });
  },
);
