import { answerEscalation } from "../../../../src/features/qa/answerEscalation";
import { askQuestion } from "../../../../src/features/qa/askQuestion";
import { escalateQuestion } from "../../../../src/features/qa/escalateQuestion";
import { remindOpenEscalations } from "../../../../src/features/qa/remindOpenEscalations";
import { renderCard } from "../../../../src/bot/cards/renderCard";
import { cardText } from "../../../support/connectorRecorder";
import { personWith } from "../../../support/sampleRoster";
import { useCaseWorld, type UseCaseWorld } from "../../../support/useCaseServices";

describe("reminding the policy owner of open questions", () => {
  let w: UseCaseWorld;
  const teacher = personWith("staff");
  const owner = personWith("aht-digital");
  const settings = { escalationReminderHours: 48 };

  beforeEach(async () => {
    w = await useCaseWorld();
  });
  afterEach(async () => w.close());

  async function escalated(text: string): Promise<string> {
    const asked = await askQuestion(w.services, teacher, text);
    if (!asked.ok) throw new Error(asked.reason);
    await escalateQuestion(w.services, teacher, asked.value.question.id);
    return asked.value.question.id;
  }
  const reminders = async () =>
    (await w.outbox()).filter((m) => m.purpose === "policyQuestionReminder");

  test("when a question has waited the configured hours, then the owner is reminded once per period, and not after answering", async () => {
    const id = await escalated("What time does the canteen open?");
    w.advanceHours(47);
    expect(await remindOpenEscalations(w.services, settings)).toBe(0);
    w.advanceHours(2);
    expect(await remindOpenEscalations(w.services, settings)).toBe(1);
    // A second tick, or a second instance, in the same period sends nothing more.
    expect(await remindOpenEscalations(w.services, settings)).toBe(0);
    const [first] = await reminders();
    expect(first).toMatchObject({
      recipient: owner.aadObjectId,
      key: `qaReminder:${id}:${owner.aadObjectId}:1`,
    });
    expect(cardText(renderCard(first!.card))).toMatch(
      /still waiting for your answer[\s\S]*canteen[\s\S]*49 hours ago/,
    );

    w.advanceHours(48);
    expect(await remindOpenEscalations(w.services, settings)).toBe(1);
    expect(await answerEscalation(w.services, owner, id, "8am.", false)).toMatchObject({
      ok: true,
    });
    w.advanceHours(48);
    expect(await remindOpenEscalations(w.services, settings)).toBe(0);
    expect(await reminders()).toHaveLength(2);
  });

  test("when the setting is shorter, then reminders come sooner", async () => {
    await escalated("What time does the canteen open?");
    w.advanceHours(5);
    expect(await remindOpenEscalations(w.services, { escalationReminderHours: 4 })).toBe(1);
  });
});
