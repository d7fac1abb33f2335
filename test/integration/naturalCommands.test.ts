import fs from "node:fs";
import path from "node:path";
import { askedQuestionKind } from "../../src/app/qa/records";
import { outboxKind } from "../../src/outbox/outboxMessage";
import { loadIntentBank } from "../../src/policy/intentBankFile";
import { findAll } from "../../src/store/findAll";
import { asksFirst, COMMAND_OPENED, norm, startedBy } from "../support/commandReplies";
import { cardText } from "../support/connectorRecorder";
import {
  installActivity,
  invokeActivity,
  messageActivity,
  personalConversationId,
  post,
} from "../support/activities";
import { startAppUnderTest, type AppUnderTest } from "../support/inProcessApp";
import { personWith } from "../support/sampleRoster";

/*
 * Commands in staff's own words, through the real bot endpoint. The phrasings are the
 * developer's own (test/fixtures/command-phrasings.json), none a command word and none in the
 * training bank. Each must open its command, or — when the bot is not sure, or the message asks
 * how — offer the button that opens it, which the test then clicks.
 */
const fixture = (file: string) =>
  JSON.parse(fs.readFileSync(path.join(__dirname, "../fixtures", file), "utf8")) as Record<
    string,
    string[]
  >;
const phrasings = fixture("command-phrasings.json");

/*
 * Written apart: by people who read only the policy and what the bot does, never the bank, the
 * list above or the code. The first list was measured while the bank grew; the second was
 * written after and run once before it was committed, so its floor is its own.
 */
const UNSEEN = [
  { file: "command-phrasings-unseen.json", opened: 0.85, astray: 3 },
  { file: "command-phrasings-unseen-2.json", opened: 0.75, astray: 6 },
].map((list) => ({ ...list, phrasings: fixture(list.file) }));

/** The commands a teacher has whose replies this file checks, and what each reply says. */
const OPENED: Record<string, RegExp> = Object.fromEntries(
  ["report", "mediaEnquiry", "proposePost", "showPolicy", "myPosts", "help", "thanks"].map((c) => [
    c,
    COMMAND_OPENED[c]!.opened,
  ]),
);
const COMMANDS = Object.keys(OPENED);
const ISSUE_EXAMPLES = [
  "I want to report something",
  "can I make a confidential report",
  "new school post please",
  "show me the policy",
  "a journalist from the local paper just rang me",
  "hi",
];

describe("commands in natural language", () => {
  let t: AppUnderTest;
  const teacher = personWith("staff");
  const directly: string[] = [];
  /** Phrasings the bot was unsure of, and asked about first. */
  const askedBack: string[] = [];
  const total = COMMANDS.reduce((n, c) => n + phrasings[c]!.length, 0);

  beforeAll(async () => {
    t = await startAppUnderTest({
      OUTBOX_POLL_MS: "60000",
      SCHEDULE_TICK_MS: "3600000",
      // One teacher sends every list here, well over an hour's questions; the limit has its own tests.
      RATE_LIMIT_QUESTIONS_PER_HOUR: "1000",
    });
    await post(t.app.url, installActivity(teacher, t.connector.url));
  });
  afterAll(async () => t.stop());
  beforeEach(() => t.connector.clear());

  const say = async (text: string) => {
    t.connector.clear();
    await post(t.app.url, messageActivity(teacher, t.connector.url, text));
    return t.connector;
  };
  const click = async (verb: string, data: Record<string, unknown>) =>
    (await post(t.app.url, invokeActivity(teacher, t.connector.url, verb, data))).body as {
      type: string;
      value: unknown;
    };

  test("when the phrasings are checked, then each command has at least five, none is its command word, and none is in the training bank", () => {
    const bank = new Set(loadIntentBank().map((e) => norm(e.text)));
    expect(
      UNSEEN.flatMap((list) => Object.values(list.phrasings).flat()).filter((p) =>
        bank.has(norm(p)),
      ),
    ).toEqual([]);
    for (const command of COMMANDS) {
      expect(phrasings[command]!.length).toBeGreaterThanOrEqual(5);
    }
    const all = Object.entries(phrasings)
      .filter(([k]) => !k.startsWith("_"))
      .flatMap(([, v]) => v);
    const commandWords = [
      "report",
      "media enquiry",
      "new post",
      "my posts",
      "policy",
      "help",
      "ask",
    ];
    expect(all.filter((p) => commandWords.includes(norm(p)))).toEqual([]);
    expect(all.filter((p) => bank.has(norm(p)))).toEqual([]);
    // The issue's own examples are test phrasings: they must never be trained on.
    expect(ISSUE_EXAMPLES.filter((p) => bank.has(norm(p)))).toEqual([]);
  });

  const table = COMMANDS.flatMap((command) =>
    phrasings[command]!.map((text) => [command, text] as const),
  );
  test.each(table)(
    "when a teacher writes a %s command as %j, then it opens, or its button does",
    async (command, text) => {
      const connector = await say(text);
      const reply = connector.texts().join("\n");
      if (OPENED[command]!.test(reply)) {
        directly.push(text);
      } else {
        // Not sure, or asked how: the button that starts the command is on the reply.
        const offer = connector.cards().find((c) => JSON.stringify(c).includes('"intentStart"'));
        if (asksFirst(offer)) askedBack.push(text);
        expect({ text, reply: offer ? "offered" : reply }).toEqual({ text, reply: "offered" });
        expect(startedBy(offer)).toBe(command);
        const opened = await click("intentStart", { intent: command });
        // A card replaces the one clicked; a plain answer ("no posts yet") comes as a message.
        const shown = typeof opened.value === "string" ? opened.value : cardText(opened.value);
        expect(shown).toMatch(OPENED[command]!);
      }
      expect(reply).not.toMatch(/^Hello!/);
    },
  );

  test("when the whole table has run, then at least seven in ten phrasings opened their command directly", () => {
    // The rest were asked back or answered with the button; the README gives the figure.
    console.log(`opened directly: ${directly.length}/${total}`);
    expect(directly.length / total).toBeGreaterThanOrEqual(0.7);
  });

  test.each([
    ["I want to report something", "report"],
    ["can I make a confidential report", "report"],
    ["new school post please", "proposePost"],
    ["show me the policy", "showPolicy"],
    ["hi", "help"],
    ["a journalist from the local paper just rang me", "mediaEnquiry"],
  ])(
    "when a teacher writes the issue's example %j, then %s opens directly",
    async (text, command) => {
      expect((await say(text)).texts().join("\n")).toMatch(OPENED[command]!);
    },
  );

  test("when a teacher says thanks!, then the bot says you're welcome, not hello", async () => {
    const reply = (await say("thanks!")).texts().join("\n");
    expect(reply).toMatch(/You're welcome/);
    expect(reply).not.toMatch(/Hello/);
  });

  test.each(phrasings.policyQuestions!)(
    "when a teacher asks the policy question %j, then it is answered as a question",
    async (text) => {
      const connector = await say(text);
      const reply = connector.texts().join("\n");
      expect(reply).toMatch(/You asked:/);
      for (const marker of Object.values(OPENED)) expect(reply).not.toMatch(marker);
    },
  );

  test.each(phrasings.bothQuestionAndReport!.map((q) => [q]))(
    "when a teacher asks %j, then the policy's answer comes with a button that starts the report, and nothing goes to the policy owner",
    async (text) => {
      const before = (await findAll(t.app.services.store.collection(askedQuestionKind))).length;
      const connector = await say(text);
      const cards = connector.cards();
      expect(cards).toHaveLength(1);
      const shown = cardText(cards[0]);
      expect(shown).toMatch(/What the policy says|The policy does not say more/);
      expect(shown).toContain("Start a report");
      expect(shown).not.toContain("Ask the policy owner");
      // Not recorded: the dashboard's questions and the policy owner never see it.
      expect((await findAll(t.app.services.store.collection(askedQuestionKind))).length).toBe(
        before,
      );
      const opened = await click("intentStart", { intent: "report" });
      expect(cardText(opened.value)).toMatch(OPENED.report!);
    },
  );

  test("when the answer beside the report's button is unsure, then Did you mean offers other sections, each opening its answer with the button kept, and a section not offered opens nothing", async () => {
    const text =
      "a parent at the school gate showed me a nasty facebook post about mr price, what do i do";
    const before = (await findAll(t.app.services.store.collection(askedQuestionKind))).length;
    const cards = (await say(text)).cards();
    const json = JSON.stringify(cards);
    expect(cardText(cards[0])).toContain("Did you mean");
    const choice =
      /"verb":"intentOpenSection","data":\{"intent":"report","rawQuestion":"([^"]+)","sectionId":"([a-z0-9-]+)"\}/.exec(
        json,
      );
    expect(choice?.[1]).toBe(text);
    const opened = await click("intentOpenSection", {
      intent: "report",
      rawQuestion: text,
      sectionId: choice![2],
    });
    const shown = cardText(opened.value);
    expect(shown).toContain("What the policy says");
    // The chosen section's heading is now over a quote, no longer a button.
    const heading = /"title":"([^"]+)","verb":"intentOpenSection"/.exec(json)![1]!;
    expect(cardText(opened.value)).toContain(heading);
    expect(JSON.stringify(opened.value)).not.toContain(`"title":"${heading}","verb"`);
    expect(shown).toContain("Start a report");
    expect(JSON.stringify(opened.value)).not.toContain(`"sectionId":"${choice![2]}"`);
    const forged = await click("intentOpenSection", {
      intent: "report",
      rawQuestion: text,
      sectionId: "recruitment",
    });
    expect(String(forged.value)).toMatch(/was not offered for this question/);
    // Still nothing recorded: the asker's words only travel on their own card.
    expect((await findAll(t.app.services.store.collection(askedQuestionKind))).length).toBe(before);
  });

  test("when a question the policy does not cover only leans towards posting, then it is declined without a post form; a question about the school's accounts keeps the form", async () => {
    const declined = await say("do we get a day off for the coronation");
    expect(declined.texts().join("\n")).toMatch(/does not (say|cover)/i);
    expect(startedBy(declined.cards())).toBeUndefined();
    const named = await say("how do i get something on the school instagram?");
    expect(named.texts().join("\n")).toMatch(/You asked:/);
    expect(startedBy(named.cards())).toBe("proposePost");
  });

  test("when everyday messages the policy does not cover are sent, then none opens a command or asks to, none gets a post form beside a decline, and nearly all are declined", async () => {
    const everyday = (
      JSON.parse(
        fs.readFileSync(path.join(__dirname, "../fixtures/everyday-messages.json"), "utf8"),
      ) as { messages: string[] }
    ).messages;
    const declined: string[] = [];
    for (const text of everyday) {
      const connector = await say(text);
      const reply = connector.texts().join("\n");
      const cards = connector.cards();
      expect({ text, asked: /You asked:/.test(reply), asksFirst: asksFirst(cards) }).toEqual({
        text,
        asked: true,
        asksFirst: false,
      });
      // Declined plainly, or with "Did you mean…" sections beside "I would rather not guess".
      if (!/What the policy says/.test(reply)) {
        declined.push(text);
        expect({ text, offered: startedBy(cards) }).not.toEqual({ text, offered: "proposePost" });
      }
    }
    console.log(`everyday messages declined: ${declined.length}/${everyday.length}`);
    expect(declined.length).toBeGreaterThanOrEqual(everyday.length - 3);
  });

  test("when a teacher asks how to respond to a journalist, then the answer offers the media enquiry form", async () => {
    const connector = await say(phrasings.bothQuestionAndMediaEnquiry![0]!);
    const shown = connector.texts().join("\n");
    expect(shown).toMatch(/What the policy says/);
    expect(shown).toContain("Pass on a media enquiry");
    expect(shown).not.toContain("Ask the policy owner");
  });

  test.each(UNSEEN)(
    "when the phrasings written apart in $file are sent, then at least $opened of the commands open directly, at most $astray go astray, and no policy question starts a command",
    async ({ phrasings: unseen, opened: floor, astray: most }) => {
      const opened: string[] = [];
      const astray: string[] = [];
      const commands = Object.entries(unseen).filter(([k]) => k in OPENED);
      for (const [command, texts] of commands) {
        for (const text of texts) {
          const connector = await say(text);
          const reply = connector.texts().join("\n");
          // An answer that offers the command's button is not the command opening.
          const answered = /You asked:/.test(reply);
          const cards = connector.cards();
          if (asksFirst(cards)) askedBack.push(text);
          if (!answered && OPENED[command]!.test(reply)) opened.push(text);
          else if (startedBy(cards) !== command) astray.push(`${command}: ${text}`);
        }
      }
      const total = commands.reduce((n, [, texts]) => n + texts.length, 0);
      console.log(
        `written apart: ${opened.length}/${total} opened directly; astray: ${astray.join(" | ")}`,
      );
      expect(opened.length / total).toBeGreaterThanOrEqual(floor);
      expect(astray.length).toBeLessThanOrEqual(most);
      // A question is answered, or at most asked about; never taken straight to a command.
      for (const text of unseen.question!) {
        const connector = await say(text);
        const reply = connector.texts().join("\n");
        expect({
          text,
          answered: /You asked:/.test(reply) || asksFirst(connector.cards()),
        }).toEqual({
          text,
          answered: true,
        });
      }
    },
  );

  test('when the bot is unsure and asks first, then "No, it\'s a question" answers the message as a question', async () => {
    // One of the phrasings the bot asked about (the tables run first).
    const text = askedBack[0]!;
    expect(text).toBeDefined();
    const card = (await say(text)).cards().find((c) => asksFirst(c));
    expect(cardText(card)).toMatch(/^Do you want to/);
    const answered = await click("intentAskInstead", { rawQuestion: text });
    expect(cardText(answered.value)).toContain(`You asked: ${text}`);
  });

  /** The value the form's input `id` starts with, in the card sent or returned. */
  const startsWith = (card: unknown, id: string) =>
    (JSON.stringify(card).match(new RegExp(`"id":"${id}"[^}]*?"value":"((?:[^"\\\\]|\\\\.)*)"`)) ??
      [])[1];

  test("when a teacher tells what she saw, a media approach or an idea in her own words, then the form opens with her words in it; asking for the form alone opens it empty", async () => {
    const saw = "a comment about one of our teachers on a parents group seems out of order to me";
    expect(startsWith((await say(saw)).cards()[0], "whatWasSeen")).toBe(saw);
    const media = "the local paper wants to do a piece about our school fair next week";
    expect(startsWith((await say(media)).cards()[0], "question")).toBe(media);
    const idea = "it would be good if the policy said something about staff using AI chatbots";
    expect(startsWith((await say(idea)).cards()[0], "text")).toBe(idea);
    // "i want to report something" asks for the form and tells nothing.
    expect(startsWith((await say("I want to report something")).cards()[0], "whatWasSeen")).toBe(
      "",
    );
    expect(startsWith((await say("i'd like to make a suggestion")).cards()[0], "text")).toBe("");
  });

  test("when the bot asks first and the teacher says yes, then the form starts from what she told", async () => {
    const told = "the village magazine asked me to write a few lines about the school play";
    const card = (await say(told)).cards().find((c) => asksFirst(c));
    expect(startedBy(card)).toBe("mediaEnquiry");
    expect(JSON.stringify(card)).toContain(`"told":"${told}"`);
    const opened = await click("intentStart", { intent: "mediaEnquiry", told });
    expect(startsWith(opened.value, "question")).toBe(told);
    // Longer than any form keeps: refused, nothing runs.
    const tooLong = await click("intentStart", { intent: "mediaEnquiry", told: "x".repeat(4001) });
    expect(tooLong.type).toBe("application/vnd.microsoft.activity.message");
  });

  test("when a card asks to start an unknown command or carries no question, then nothing runs", async () => {
    expect((await click("intentStart", { intent: "deleteEverything" })).type).toBe(
      "application/vnd.microsoft.activity.message",
    );
    expect((await click("intentAskInstead", { rawQuestion: "" })).type).toBe(
      "application/vnd.microsoft.activity.message",
    );
  });

  describe("in a group chat", () => {
    const group = {
      id: "19:staffroom@thread.v2",
      conversationType: "groupChat",
      tenantId: "tenant-1",
    };
    const inGroup = (text: string, mentioned: boolean) => {
      const base = messageActivity(
        teacher,
        t.connector.url,
        mentioned ? `<at>Social Media Policy</at> ${text}` : text,
      );
      return {
        ...base,
        conversation: group,
        entities: mentioned
          ? [
              {
                type: "mention",
                text: "<at>Social Media Policy</at>",
                mentioned: { id: base.recipient.id, name: "Social Media Policy" },
              },
            ]
          : [],
      };
    };

    test("when a teacher types report without mentioning the bot, then the bot stays silent", async () => {
      await post(t.app.url, inGroup("report", false));
      expect(t.connector.activities).toEqual([]);
    });

    test("when a teacher clicks Start a report on an answer in the group, then the form goes to their own chat and the group sees nothing of it", async () => {
      const click = {
        ...invokeActivity(teacher, t.connector.url, "intentStart", { intent: "report" }),
        conversation: group,
      };
      const answer = (await post(t.app.url, click)).body as { type: string; value: unknown };
      expect(answer).toMatchObject({
        type: "application/vnd.microsoft.activity.message",
        value: "I've sent you a private message.",
      });
      expect(t.connector.activities.filter((a) => a.conversationId === group.id)).toEqual([]);
      await t.app.outboxWorker.drain();
      expect(t.connector.texts(personalConversationId(teacher.aadObjectId)).join("\n")).toMatch(
        OPENED.report!,
      );
    });

    test("when a teacher asks for the policy in the group, then their status goes to their own chat, kept so it can be updated", async () => {
      await post(t.app.url, inGroup("where can I read the social media policy", true));
      expect(t.connector.texts(group.id)).toEqual(["I've sent you a private message."]);
      await t.app.outboxWorker.drain();
      expect(t.connector.texts(personalConversationId(teacher.aadObjectId)).join("\n")).toMatch(
        OPENED.showPolicy!,
      );
      const kept = (await findAll(t.app.services.store.collection(outboxKind))).map((r) => r.data);
      expect(
        kept.some(
          (m) =>
            m.purpose === "policyStatus" &&
            m.recipient === teacher.aadObjectId &&
            m.status === "delivered",
        ),
      ).toBe(true);
    });

    test("when someone not on the roster talks in the group without mentioning the bot, then the bot stays silent", async () => {
      const visitor = {
        aadObjectId: "aaaaaaaa-0000-0000-0000-00000000000b",
        displayName: "Visitor",
      };
      await post(t.app.url, {
        ...messageActivity(visitor, t.connector.url, "see you at lunch"),
        conversation: group,
      });
      expect(t.connector.activities).toEqual([]);
    });

    test.each([
      ["report"],
      ["someone in year 9 posted a video of a teacher and I need to report it"],
    ])(
      "when a teacher mentions the bot with %j, then the group hears only that a private message was sent, and the form arrives in their own chat",
      async (text) => {
        await post(t.app.url, inGroup(text, true));
        const inTheGroup = t.connector.activities.filter((a) => a.conversationId === group.id);
        expect(inTheGroup.map((a) => a.body.text)).toEqual(["I've sent you a private message."]);
        expect(inTheGroup.every((a) => !a.body.attachments?.length)).toBe(true);
        await t.app.outboxWorker.drain();
        const privately = t.connector.texts(personalConversationId(teacher.aadObjectId)).join("\n");
        expect(privately).toMatch(OPENED.report!);
        const queued = (await findAll(t.app.services.store.collection(outboxKind))).map(
          (r) => r.data,
        );
        expect(
          queued.some((m) => m.purpose === "privateReply" && m.recipient === teacher.aadObjectId),
        ).toBe(true);
      },
    );
  });
});
