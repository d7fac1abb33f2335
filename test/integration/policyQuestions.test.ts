import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { askedQuestionKind, curatedAnswerKind } from "../../src/app/qa/records";
import type { Person } from "../../src/domain/people/person";
import { findAll } from "../../src/store/findAll";
import {
  installActivity,
  messageActivity,
  personalConversationId,
  post,
} from "../support/activities";
import { cardText } from "../support/connectorRecorder";
import { invokeAs, startAppUnderTest, TestClock, type AppUnderTest } from "../support/inProcessApp";
import { personWith, sampleRoster } from "../support/sampleRoster";

/*
 * Policy questions through the real bot: Teams activities in, what each person's chat shows
 * out (replies, invoke responses, and proactive messages once the outbox is drained).
 */
describe("policy questions through the bot", () => {
  const clock = new TestClock();
  let t: AppUnderTest;
  let rosterDir: string;
  const teacher = personWith("staff");
  const owner = personWith("aht-digital");
  const head = personWith("headteacher");
  // A second holder of the policy owner's role, to see their copy of the card marked answered.
  const deputy: Person = {
    ...sampleRoster().filter((p) => p.roles.length === 1)[2]!,
    roles: ["aht-digital", "staff"],
  };

  const conversation = (p: Person) => personalConversationId(p.aadObjectId);
  const invoke = (who: Person, verb: string, data: Record<string, unknown>) =>
    invokeAs(t, who, verb, data);
  const say = async (who: Person, text: string) => {
    t.connector.clear();
    await post(t.app.url, messageActivity(who, t.connector.url, text));
    return t.connector.activities.filter((a) => a.conversationId === conversation(who));
  };
  const questions = async () =>
    (await findAll(t.app.services.store.collection(askedQuestionKind))).map((r) => r.data);

  /** The question id the card's buttons carry. */
  function questionIdOf(card: unknown): string {
    const match = /"questionId":"(Q-[^"]+)"/.exec(JSON.stringify(card));
    if (!match) throw new Error(`No question id on ${JSON.stringify(card).slice(0, 300)}`);
    return match[1]!;
  }

  beforeAll(async () => {
    clock.set("2026-11-02T09:00:00Z");
    const roster = sampleRoster().map((p) => (p.aadObjectId === deputy.aadObjectId ? deputy : p));
    rosterDir = fs.mkdtempSync(path.join(os.tmpdir(), "qa-roster-"));
    const rosterFile = path.join(rosterDir, "roster.csv");
    fs.writeFileSync(
      rosterFile,
      [
        "aadObjectId,displayName,email,roles,department",
        ...roster.map((p) =>
          [p.aadObjectId, p.displayName, p.email, p.roles.join(";"), p.department].join(","),
        ),
      ].join("\n"),
    );
    t = await startAppUnderTest(
      {
        OUTBOX_POLL_MS: "60000",
        SCHEDULE_TICK_MS: "3600000",
        ROSTER_FILE: rosterFile,
        QA_ESCALATION_REMINDER_HOURS: "24",
      },
      clock,
    );
    for (const p of [teacher, owner, deputy, head])
      await post(t.app.url, installActivity(p, t.connector.url));
    await t.app.scheduler.runOnce();
    await t.app.outboxWorker.drain();
    t.connector.clear();
  });
  afterAll(async () => {
    await t.stop();
    fs.rmSync(rosterDir, { recursive: true, force: true });
  });

  test("when a teacher types a question, then the reply quotes the policy section with feedback buttons", async () => {
    const [reply] = await say(
      teacher,
      "Does the school monitor my social media use on school computers?",
    );
    const card = reply!.body.attachments![0]!.content;
    const text = cardText(card);
    expect(text).toContain("Monitoring");
    expect(text).toContain("reserves the right to monitor");
    expect(text).toMatch(/Helpful[\s\S]*Not helpful[\s\S]*Ask the policy owner/);

    const id = questionIdOf(card);
    const rated = await invoke(teacher, "qaHelpful", { questionId: id });
    expect(rated.type).toBe("application/vnd.microsoft.card.adaptive");
    expect(cardText(rated.value)).toMatch(/you said this answer was helpful/);
    expect((await questions()).find((q) => q.id === id)).toMatchObject({ feedback: "helpful" });
  });

  test("when a teacher says hello or types ask on its own, then they get a pointer and nothing is recorded", async () => {
    const before = (await questions()).length;
    // A greeting is met with what the bot can do (the help card), not taken as a question.
    expect(cardText((await say(teacher, "Hello!"))[0]!.body.attachments![0]!.content)).toMatch(
      /What I can do for you/,
    );
    expect((await say(teacher, "ask"))[0]!.body.text).toMatch(/Type your question/);
    expect(await questions()).toHaveLength(before);
  });

  test("when help is typed, then it lists asking about the policy", async () => {
    expect(cardText((await say(teacher, "help"))[0]!.body.attachments![0]!.content)).toMatch(
      /Can I post photos of pupils on my own Instagram\?/,
    );
  });

  test("when an out-of-scope question is asked and sent to the policy owner, then both owners get it; the answer reaches the teacher, the other owner's card is marked answered, the same question gets the saved answer and one only like it offers it, opened with one click", async () => {
    const [reply] = await say(teacher, "ask What time does the canteen open?");
    const notCovered = reply!.body.attachments![0]!.content;
    expect(cardText(notCovered)).toMatch(/The policy does not say[\s\S]*Ask the policy owner/);
    const id = questionIdOf(notCovered);

    const sent = await invoke(teacher, "qaAskPolicyOwner", { questionId: id });
    expect(cardText(sent.value)).toMatch(/Sent to the policy owner/);
    t.connector.clear();
    await t.app.outboxWorker.drain();
    for (const p of [owner, deputy]) {
      const got = t.connector.texts(conversation(p)).join("\n");
      expect(got).toContain("What time does the canteen open?");
      expect(got).toContain(teacher.displayName);
    }
    expect(t.connector.texts(conversation(head))).toEqual([]);

    // Wrong roles and bad input: a message, and nothing changes.
    const before = JSON.stringify(await questions());
    for (const [who, data] of [
      [teacher, { questionId: id, answer: "It opens at 8am.", saveForSimilar: "true" }],
      [head, { questionId: id, answer: "It opens at 8am.", saveForSimilar: "true" }],
      [owner, { questionId: id, answer: " ", saveForSimilar: "true" }],
      [owner, { questionId: "../../etc/passwd", answer: "x", saveForSimilar: "true" }],
      [owner, { questionId: "Q-forged", answer: "It opens at 8am." }],
    ] as const) {
      const r = await invoke(who, "qaAnswerQuestion", data);
      expect(r.type).toBe("application/vnd.microsoft.activity.message");
      expect(String(r.value).length).toBeGreaterThan(10);
    }
    expect(JSON.stringify(await questions())).toBe(before);

    clock.set("2026-11-03T10:00:00Z");
    const answered = await invoke(owner, "qaAnswerQuestion", {
      questionId: id,
      answer: "The canteen opens at 8am; staff may use it from 7.45.",
      saveForSimilar: "true",
    });
    expect(answered.type).toBe("application/vnd.microsoft.card.adaptive");
    expect(cardText(answered.value)).toMatch(/Answered by Liam Hyde on 3 November 2026, and saved/);

    t.connector.clear();
    await t.app.outboxWorker.drain();
    expect(t.connector.texts(conversation(teacher)).join("\n")).toMatch(
      /The policy owner answered your question[\s\S]*opens at 8am/,
    );
    const deputyUpdate = t.connector.activities.find(
      (a) => a.conversationId === conversation(deputy),
    )!;
    expect(deputyUpdate.method).toBe("PUT");
    expect(cardText(deputyUpdate.body.attachments![0]!.content)).toMatch(/Answered by Liam Hyde/);
    expect(await findAll(t.app.services.store.collection(curatedAnswerKind))).toHaveLength(1);

    // The same question in the same words: the saved answer is the answer.
    const [again] = await say(personWith("staff"), "what time does the canteen open");
    expect(cardText(again!.body.attachments![0]!.content)).toMatch(
      /staff may use it from 7\.45[\s\S]*Answered by the policy owner on 3 November 2026/,
    );

    // Only like it: the policy's answer (here none), with the saved question offered.
    const [like] = await say(teacher, "What time does the canteen open in the morning?");
    const likeCard = like!.body.attachments![0]!.content;
    expect(cardText(likeCard)).not.toMatch(/staff may use it from 7\.45/);
    expect(cardText(likeCard)).toMatch(
      /The policy owner has answered a question like this:[\s\S]*“What time does the canteen open\?”[\s\S]*See their answer/,
    );
    const likeId = questionIdOf(likeCard);
    const savedId = (await findAll(t.app.services.store.collection(curatedAnswerKind)))[0]!.id;
    // A forged or malformed saved answer, or someone else's click: a message, nothing changes.
    const unchanged = JSON.stringify(await questions());
    for (const [who, data] of [
      [teacher, { questionId: likeId, savedAnswerId: "C-Q-forged" }],
      [teacher, { questionId: likeId, savedAnswerId: "../../etc/passwd" }],
      [head, { questionId: likeId, savedAnswerId: savedId }],
    ] as const) {
      const r = await invoke(who, "qaOpenSavedAnswer", data);
      expect(r.type).toBe("application/vnd.microsoft.activity.message");
    }
    expect(JSON.stringify(await questions())).toBe(unchanged);

    const opened = await invoke(teacher, "qaOpenSavedAnswer", {
      questionId: likeId,
      savedAnswerId: savedId,
    });
    expect(opened.type).toBe("application/vnd.microsoft.card.adaptive");
    expect(cardText(opened.value)).toMatch(
      /The policy owner has answered a question like this[\s\S]*staff may use it from 7\.45[\s\S]*for the question “What time does the canteen open\?”/,
    );
    expect((await questions()).find((q) => q.id === likeId)).toMatchObject({
      answered: true,
      source: "curated",
    });
  });

  test("when the engine is unsure, then Did you mean buttons each open that section's answer on the card", async () => {
    const [reply] = await say(teacher, "social media");
    const card = reply!.body.attachments![0]!.content;
    expect(cardText(card)).toMatch(/Did you mean[\s\S]*Ask the policy owner/);
    const id = questionIdOf(card);
    const stored = (await questions()).find((q) => q.id === id)!;
    const offered = stored.shown.suggestions ?? [];
    expect(offered.length).toBeGreaterThanOrEqual(2);
    // Every button carries the question and one offered section, nothing else.
    const buttons = JSON.stringify(card).match(/"verb":"qaOpenSection","data":\{[^}]*\}/g) ?? [];
    expect(buttons).toHaveLength(offered.length);

    const chosen = offered[0]!;
    const opened = await invoke(teacher, "qaOpenSection", {
      questionId: id,
      sectionId: chosen.sectionId,
    });
    expect(opened.type).toBe("application/vnd.microsoft.card.adaptive");
    expect(cardText(opened.value)).toContain(chosen.heading);
    expect(cardText(opened.value)).toMatch(/Helpful[\s\S]*Not helpful/);
    expect((await questions()).find((q) => q.id === id)).toMatchObject({
      source: "policy",
      citedHeadings: [chosen.heading],
    });

    // A forged section, a malformed one, or someone else's click: a message, nothing changes.
    const before = JSON.stringify(await questions());
    for (const [who, data] of [
      [teacher, { questionId: id, sectionId: "recruitment-forged" }],
      [teacher, { questionId: id, sectionId: "../etc" }],
      [head, { questionId: id, sectionId: offered[1]!.sectionId }],
    ] as const) {
      const r = await invoke(who, "qaOpenSection", data);
      expect(r.type).toBe("application/vnd.microsoft.activity.message");
    }
    expect(JSON.stringify(await questions())).toBe(before);
  });

  test("when a question the policy owner answered is asked in other words, then their saved answer is reused", async () => {
    const [reply] = await say(teacher, "A parent sent me a message on Facebook. What should I do?");
    const id = questionIdOf(reply!.body.attachments![0]!.content);
    await invoke(teacher, "qaAskPolicyOwner", { questionId: id });
    const answered = await invoke(owner, "qaAnswerQuestion", {
      questionId: id,
      answer: "Do not reply from your own account; forward it to the school office.",
      saveForSimilar: "true",
    });
    expect(answered.type).toBe("application/vnd.microsoft.card.adaptive");

    const [again] = await say(
      personWith("staff"),
      "what should i do if a parent messages me on facebok",
    );
    expect(cardText(again!.body.attachments![0]!.content)).toMatch(
      /forward it to the school office[\s\S]*Answered by the policy owner/,
    );
    const [other] = await say(
      personWith("staff"),
      "what should i do if a parent messages me on tiktok",
    );
    expect(cardText(other!.body.attachments![0]!.content)).not.toMatch(
      /forward it to the school office/,
    );
  });

  test("when an escalated question waits past QA_ESCALATION_REMINDER_HOURS, then the scheduled tick reminds the owners once", async () => {
    const [reply] = await say(teacher, "Can I bring my dog to school on Fridays?");
    const id = questionIdOf(reply!.body.attachments![0]!.content);
    await invoke(teacher, "qaAskPolicyOwner", { questionId: id });
    await t.app.outboxWorker.drain();
    clock.set("2026-11-04T11:00:00Z");
    t.connector.clear();
    await t.app.scheduler.runOnce();
    await t.app.scheduler.runOnce();
    await t.app.outboxWorker.drain();
    const reminders = t.connector.texts().filter((x) => /still waiting for your answer/.test(x));
    expect(reminders).toHaveLength(2);
    expect(t.connector.texts(conversation(owner)).join("\n")).toMatch(/dog to school/);
  });

  test("when someone clicks a button on another person's answer, then they are told and nothing changes", async () => {
    const [reply] = await say(
      teacher,
      "Does the school monitor my social media use on school computers?",
    );
    const id = questionIdOf(reply!.body.attachments![0]!.content);
    const before = JSON.stringify(await questions());
    for (const verb of ["qaHelpful", "qaNotHelpful", "qaAskPolicyOwner"]) {
      const r = await invoke(head, verb, { questionId: id });
      expect(r.type).toBe("application/vnd.microsoft.activity.message");
      expect(String(r.value)).toMatch(/not a question you asked/);
    }
    expect(JSON.stringify(await questions())).toBe(before);
  });
});
