import { askQuestion } from "../../../../src/features/qa/askQuestion";
import { recordFeedback } from "../../../../src/features/qa/recordFeedback";
import { askedQuestionKind } from "../../../../src/app/qa/records";
import { renderCard } from "../../../../src/bot/cards/renderCard";
import type { Person } from "../../../../src/domain/people/person";
import { cardText } from "../../../support/connectorRecorder";
import { personWith, sampleRoster } from "../../../support/sampleRoster";
import { useCaseWorld, type UseCaseWorld } from "../../../support/useCaseServices";

describe("feedback on an answer", () => {
  let w: UseCaseWorld;
  const teacher = personWith("staff");
  const colleague = sampleRoster().filter((p) => p.roles.length === 1)[1]!;

  beforeEach(async () => {
    w = await useCaseWorld();
  });
  afterEach(async () => w.close());

  async function ask(who: Person, text: string): Promise<string> {
    const r = await askQuestion(w.services, who, text);
    if (!r.ok) throw new Error(r.reason);
    return r.value.question.id;
  }
  const record = async (id: string) =>
    (await w.services.store.collection(askedQuestionKind).get(id))!;

  test("when the asker says Helpful, then it is stored once, the buttons go, and the same click again writes nothing", async () => {
    const id = await ask(
      teacher,
      "Does the school monitor my social media use on school computers?",
    );
    w.advanceHours(1);
    const r = await recordFeedback(w.services, teacher, id, "helpful");
    if (!r.ok) throw new Error(r.reason);
    const text = cardText(renderCard(r.value));
    expect(text).toMatch(/you said this answer was helpful/);
    expect(text).not.toMatch(/^Helpful$/m);
    const first = await record(id);
    expect(first.data).toMatchObject({
      feedback: "helpful",
      feedbackAt: "2026-11-02T10:00:00.000Z",
      unanswered: false,
    });

    const again = await recordFeedback(w.services, teacher, id, "helpful");
    expect(again.ok).toBe(true);
    expect((await record(id)).version).toBe(first.version);
  });

  test("when the asker says Not helpful, then the question joins the unanswered list and the card offers the policy owner", async () => {
    const id = await ask(
      teacher,
      "Does the school monitor my social media use on school computers?",
    );
    const r = await recordFeedback(w.services, teacher, id, "notHelpful");
    if (!r.ok) throw new Error(r.reason);
    expect(cardText(renderCard(r.value))).toMatch(
      /Thank you for telling us[\s\S]*Ask the policy owner/,
    );
    expect((await record(id)).data).toMatchObject({ feedback: "notHelpful", unanswered: true });
  });

  test.each([
    ["someone else's question", () => colleague, "helpful", /not a question you asked/],
    ["a change of mind", () => teacher, "notHelpful", /already said this answer was helpful/],
  ] as const)(
    "when the feedback is on %s, then it is refused and nothing changes",
    async (_n, who, feedback, message) => {
      const id = await ask(
        teacher,
        "Does the school monitor my social media use on school computers?",
      );
      await recordFeedback(w.services, teacher, id, "helpful");
      const before = await record(id);
      const r = await recordFeedback(w.services, who(), id, feedback);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(message);
      expect((await record(id)).version).toBe(before.version);
    },
  );

  test("when the question id is forged, or the policy gave no answer, then a clear message comes back", async () => {
    const forged = await recordFeedback(w.services, teacher, "Q-does-not-exist", "helpful");
    expect(forged).toMatchObject({ ok: false, code: "QA.NOT_FOUND" });
    const id = await ask(teacher, "What time does the canteen open?");
    const before = await record(id);
    expect(await recordFeedback(w.services, teacher, id, "notHelpful")).toMatchObject({
      ok: false,
      code: "QA.NOTHING_TO_RATE",
    });
    expect((await record(id)).version).toBe(before.version);
  });
});
