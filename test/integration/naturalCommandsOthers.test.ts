import type { Role } from "../../src/domain/people/person";
import { suggestionKind } from "../../src/features/suggestions/suggestionRecords";
import { findAll } from "../../src/store/findAll";
import {
  asksFirst,
  COMMAND_OPENED,
  appForPhrasings,
  inIntentBank,
  readPhrasings,
  sayAs,
  startedBy,
} from "../support/commandReplies";
import { cardText } from "../support/connectorRecorder";
import type { AppUnderTest } from "../support/inProcessApp";

/*
 * The other five commands in staff's own words, through the real bot endpoint: asking for
 * written permission, seeing one's permissions, suggesting an addition, naming a deputy and
 * recording training. The phrasings (test/fixtures/command-phrasings-unseen-3.json) were written
 * apart, by someone who read only the policy and what each command does, and run once before
 * they were committed; each is sent by someone who has the command.
 */
const unseen = readPhrasings("command-phrasings-unseen-3.json");

/** The five commands this file checks: what each reply says, and who has the command. */
const COMMANDS = Object.fromEntries(
  ["askPermission", "myPermissions", "suggest", "deputy", "recordTraining"].map((c) => [
    c,
    COMMAND_OPENED[c]!,
  ]),
);

describe("the other commands in staff's own words", () => {
  let t: AppUnderTest;
  const people = new Set(Object.values(COMMANDS).map((c) => c.by));

  beforeAll(async () => {
    t = await appForPhrasings(people);
  });
  afterAll(async () => t.stop());

  const say = (role: Role, text: string) => sayAs(t, role, text);

  test("when the list is checked, then each command has ten phrasings and none is in the training bank", () => {
    for (const command of Object.keys(COMMANDS)) expect(unseen[command]).toHaveLength(10);
    expect(inIntentBank(unseen)).toEqual([]);
  });

  test("when the phrasings written apart are sent, then at least three in four open their command directly, at most nine go astray, and every policy question is answered as one", async () => {
    const opened: string[] = [];
    const astray: string[] = [];
    for (const [command, { opened: marker, by }] of Object.entries(COMMANDS)) {
      for (const text of unseen[command]!) {
        const { reply, json, cards } = await say(by, text);
        const answered = /You asked:/.test(reply);
        if (!answered && (marker.test(reply) || marker.test(json))) opened.push(text);
        else if (startedBy(cards) !== command) astray.push(`${command}: ${text}`);
      }
    }
    console.log(
      `written apart: ${opened.length}/50 opened directly; astray: ${astray.join(" | ")}`,
    );
    expect(opened.length).toBeGreaterThanOrEqual(38);
    expect(astray.length).toBeLessThanOrEqual(9);
    for (const text of unseen.question!) {
      const { reply, cards } = await say("staff", text);
      expect({ text, answered: /You asked:/.test(reply) || asksFirst(cards) }).toEqual({
        text,
        answered: true,
      });
    }
  });

  test('when a teacher writes "i\'d like to make a suggestion", then the form opens empty and nothing is filed', async () => {
    const before = (await findAll(t.app.services.store.collection(suggestionKind))).length;
    const { reply, json } = await say("staff", "i'd like to make a suggestion");
    expect(reply + json).toMatch(/considers every suggestion at the yearly review/);
    expect(await findAll(t.app.services.store.collection(suggestionKind))).toHaveLength(before);
  });

  test('when a teacher writes "suggestion - " and her suggestion, then it is filed without the dash', async () => {
    const { json } = await say("staff", "suggestion - two months' notice of changes, not one");
    expect(json).toContain("Suggestion recorded for the review");
    const filed = await findAll(t.app.services.store.collection(suggestionKind));
    expect(filed.map((r) => r.data.text)).toContain("two months' notice of changes, not one");
  });

  test("when a teacher, who approves no posts, says she is off sick and someone else should approve, then no deputy form opens", async () => {
    const { reply, json } = await say(
      "staff",
      "im off sick next week, can someone else approve posts for me",
    );
    expect(reply + json).not.toMatch(COMMANDS.deputy!.opened);
    const asAssistantHead = await say(
      "aht-publicity",
      "im off sick next week, can someone else approve posts for me",
    );
    expect(asAssistantHead.reply + asAssistantHead.json).toMatch(COMMANDS.deputy!.opened);
  });

  test("when a teacher asks for permission in her own words, then the form that asks the Headteacher opens", async () => {
    const { reply, json, cards } = await say(
      "staff",
      "i need to ask for permission to use the school logo on our class page",
    );
    expect(reply + json).toMatch(COMMANDS.askPermission!.opened);
    expect(cardText(cards[0])).not.toMatch(/You asked:/);
  });
});
