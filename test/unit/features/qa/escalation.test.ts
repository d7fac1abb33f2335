import { answerEscalation } from "../../../../src/features/qa/answerEscalation";
import { askQuestion } from "../../../../src/features/qa/askQuestion";
import { escalateQuestion } from "../../../../src/features/qa/escalateQuestion";
import { recordFeedback } from "../../../../src/features/qa/recordFeedback";
import { askedQuestionKind, curatedAnswerKind } from "../../../../src/app/qa/records";
import { renderCard } from "../../../../src/bot/cards/renderCard";
import type { Person } from "../../../../src/domain/people/person";
import { findAll } from "../../../../src/store/findAll";
import { cardText } from "../../../support/connectorRecorder";
import { personWith, sampleRoster } from "../../../support/sampleRoster";
import { useCaseWorld, type UseCaseWorld } from "../../../support/useCaseServices";

describe("asking the policy owner, and their answer", () => {
  let w: UseCaseWorld;
  const teacher = personWith("staff");
  const owner = personWith("aht-digital");
  // A second holder of the role (a deputy covering it), so "the other owners' cards" can be seen.
  const deputy: Person = {
    ...sampleRoster().filter((p) => p.roles.length === 1)[2]!,
    roles: ["aht-digital", "staff"],
  };
  const head = personWith("headteacher");
  const people = [...sampleRoster().filter((p) => p.aadObjectId !== deputy.aadObjectId), deputy];
  const canteen = "What time does the canteen open?";

  beforeEach(async () => {
    w = await useCaseWorld(people);
  });
  afterEach(async () => w.close());

  async function askAndEscalate(text = canteen): Promise<string> {
    const asked = await askQuestion(w.services, teacher, text);
    if (!asked.ok) throw new Error(asked.reason);
    const sent = await escalateQuestion(w.services, teacher, asked.value.question.id);
    if (!sent.ok) throw new Error(sent.reason);
    return asked.value.question.id;
  }
  const record = async (id: string) =>
    (await w.services.store.collection(askedQuestionKind).get(id))!;

  test("when the asker asks the policy owner, then every holder of the role gets the question with the asker's name, once", async () => {
    const asked = await askQuestion(w.services, teacher, canteen);
    if (!asked.ok) throw new Error(asked.reason);
    const id = asked.value.question.id;
    const r = await escalateQuestion(w.services, teacher, id);
    if (!r.ok) throw new Error(r.reason);
    const asker = cardText(renderCard(r.value));
    expect(asker).toMatch(/Sent to the policy owner on 2 November 2026/);
    expect(asker).not.toContain("Ask the policy owner");
    expect((await escalateQuestion(w.services, teacher, id)).ok).toBe(true);

    const sent = await w.outbox();
    expect(sent.map((m) => [m.key, m.recipient, m.purpose])).toEqual(
      [
        [`qaEscalation:${id}:${owner.aadObjectId}`, owner.aadObjectId, "policyQuestion"],
        [`qaEscalation:${id}:${deputy.aadObjectId}`, deputy.aadObjectId, "policyQuestion"],
      ].sort((a, b) => a[0]!.localeCompare(b[0]!)),
    );
    const card = cardText(renderCard(sent[0]!.card));
    expect(card).toContain(canteen);
    expect(card).toContain(teacher.displayName);
    expect(card).toMatch(/policy does not cover it/);
    expect(card).toContain("Send the answer");
    expect((await record(id)).data).toMatchObject({
      escalation: "open",
      escalatedAt: "2026-11-02T09:00:00.000Z",
      unanswered: true,
    });
  });

  test("when someone else clicks Ask the policy owner on the asker's question, then nothing is sent", async () => {
    const asked = await askQuestion(w.services, teacher, canteen);
    if (!asked.ok) throw new Error(asked.reason);
    const r = await escalateQuestion(w.services, head, asked.value.question.id);
    expect(r).toMatchObject({ ok: false, code: "QA.NOT_YOURS" });
    expect(await w.outbox()).toEqual([]);
    expect((await record(asked.value.question.id)).data.escalation).toBe("none");
  });

  test("when no one holds the policy owner's role, then the asker is told and the question stays as it was", async () => {
    await w.close();
    w = await useCaseWorld(sampleRoster().filter((p) => !p.roles.includes("aht-digital")));
    const asked = await askQuestion(w.services, teacher, canteen);
    if (!asked.ok) throw new Error(asked.reason);
    const r = await escalateQuestion(w.services, teacher, asked.value.question.id);
    expect(r).toMatchObject({ ok: false, code: "QA.NO_POLICY_OWNER" });
    expect((await record(asked.value.question.id)).data.escalation).toBe("none");
    expect(await w.outbox()).toEqual([]);
  });

  test("when the policy owner answers and saves it, then the asker gets the answer, the other owner's card is marked answered, the same question gets the saved answer and one like it is offered it", async () => {
    const id = await askAndEscalate();
    w.at("2026-11-03T14:00:00Z");
    const r = await answerEscalation(
      w.services,
      owner,
      id,
      "  The canteen opens at 8am for staff and pupils.  ",
      true,
    );
    if (!r.ok) throw new Error(r.reason);
    const ownerView = cardText(renderCard(r.value));
    expect(ownerView).toMatch(
      /Answered by Liam Hyde on 3 November 2026, and saved as an answer for similar questions/,
    );
    expect(ownerView).not.toContain("Send the answer");

    const sent = await w.outbox();
    const toAsker = sent.find((m) => m.recipient === teacher.aadObjectId)!;
    expect(toAsker.key).toBe(`qaAnswer:${id}`);
    expect(cardText(renderCard(toAsker.card))).toMatch(
      /The policy owner answered your question[\s\S]*The canteen opens at 8am for staff and pupils\.[\s\S]*Liam Hyde/,
    );
    const replacement = sent.find((m) => m.purpose === "policyQuestionAnswered")!;
    expect(replacement).toMatchObject({
      recipient: deputy.aadObjectId,
      replaces: `qaEscalation:${id}:${deputy.aadObjectId}`,
    });
    expect(sent.filter((m) => m.purpose === "policyQuestionAnswered")).toHaveLength(1);

    const saved = (await findAll(w.services.store.collection(curatedAnswerKind))).map(
      (c) => c.data,
    );
    expect(saved).toEqual([
      expect.objectContaining({
        question: canteen,
        answer: "The canteen opens at 8am for staff and pupils.",
        answeredBy: "Liam Hyde",
        answeredOn: "2026-11-03",
        createdFrom: id,
      }),
    ]);
    expect((await record(id)).data).toMatchObject({
      escalation: "answered",
      answeredBy: owner.aadObjectId,
      unanswered: false,
    });

    const again = await askQuestion(w.services, personWith("staff"), canteen);
    if (!again.ok) throw new Error(again.reason);
    expect(cardText(renderCard(again.value.card))).toMatch(
      /canteen opens at 8am[\s\S]*Answered by the policy owner on 3 November 2026/,
    );
    // Only like it: offered by its words, not given.
    const like = await askQuestion(
      w.services,
      personWith("staff"),
      "What time does the canteen open in the morning?",
    );
    if (!like.ok) throw new Error(like.reason);
    const likeText = cardText(renderCard(like.value.card));
    expect(likeText).not.toMatch(/canteen opens at 8am/);
    expect(likeText).toContain(`The policy owner has answered a question like this:\n“${canteen}”`);
  });

  test("when the policy owner answers without saving, then nothing is kept for similar questions", async () => {
    const id = await askAndEscalate();
    expect((await answerEscalation(w.services, owner, id, "It opens at 8am.", false)).ok).toBe(
      true,
    );
    expect(await findAll(w.services.store.collection(curatedAnswerKind))).toEqual([]);
    const again = await askQuestion(
      w.services,
      teacher,
      "What time does the canteen open in the morning?",
    );
    expect(again.ok && again.value.question.source).toBe("none");
  });

  test.each([
    ["a member of staff", () => teacher, "It opens at 8am.", "QA.NOT_POLICY_OWNER"],
    ["the Headteacher", () => head, "It opens at 8am.", "QA.NOT_POLICY_OWNER"],
    ["an empty answer", () => owner, "   ", "QA.EMPTY_ANSWER"],
    ["an answer over the limit", () => owner, "x".repeat(2001), "QA.ANSWER_TOO_LONG"],
  ])(
    "when the answer comes from %s, then it is refused with a reason and nothing changes",
    async (_n, who, text, code) => {
      const id = await askAndEscalate();
      const before = await record(id);
      const queued = (await w.outbox()).length;
      const r = await answerEscalation(w.services, who(), id, text, true);
      expect(r).toMatchObject({ ok: false, code });
      if (!r.ok) expect(r.reason.length).toBeGreaterThan(10);
      expect((await record(id)).version).toBe(before.version);
      expect(await w.outbox()).toHaveLength(queued);
      expect(await findAll(w.services.store.collection(curatedAnswerKind))).toEqual([]);
    },
  );

  test("when two owners answer, then the first answer stands; the same owner sending again changes nothing", async () => {
    const id = await askAndEscalate();
    expect((await answerEscalation(w.services, owner, id, "First answer.", true)).ok).toBe(true);
    const after = await record(id);
    expect(await answerEscalation(w.services, deputy, id, "Second answer.", true)).toMatchObject({
      ok: false,
      code: "QA.ALREADY_ANSWERED",
    });
    const repeat = await answerEscalation(w.services, owner, id, "First answer, edited.", true);
    expect(repeat.ok).toBe(true);
    expect((await record(id)).version).toBe(after.version);
    expect((await record(id)).data.ownerAnswer).toBe("First answer.");
    expect(await findAll(w.services.store.collection(curatedAnswerKind))).toHaveLength(1);
    expect((await w.outbox()).filter((m) => m.purpose === "policyQuestionAnswer")).toHaveLength(1);
  });

  test("when a question was never sent to the policy owner, then it cannot be answered from a forged card", async () => {
    const asked = await askQuestion(w.services, teacher, canteen);
    if (!asked.ok) throw new Error(asked.reason);
    expect(
      await answerEscalation(w.services, owner, asked.value.question.id, "Forged.", false),
    ).toMatchObject({ ok: false, code: "QA.NOT_ESCALATED" });
    expect(await answerEscalation(w.services, owner, "Q-forged", "Forged.", false)).toMatchObject({
      ok: false,
      code: "QA.NOT_FOUND",
    });
  });

  test("when an answer was not helpful and then escalated and answered, then it leaves the unanswered list", async () => {
    const asked = await askQuestion(
      w.services,
      teacher,
      "Does the school monitor my social media use on school computers?",
    );
    if (!asked.ok) throw new Error(asked.reason);
    const id = asked.value.question.id;
    await recordFeedback(w.services, teacher, id, "notHelpful");
    expect((await record(id)).data.unanswered).toBe(true);
    await escalateQuestion(w.services, teacher, id);
    const card = cardText(renderCard((await w.outbox())[0]!.card));
    expect(card).toMatch(/The bot quoted: Monitoring/);
    expect(card).toMatch(/not helpful/);
    await answerEscalation(w.services, owner, id, "Yes: see the Monitoring section.", false);
    expect((await record(id)).data.unanswered).toBe(false);
  });
});
