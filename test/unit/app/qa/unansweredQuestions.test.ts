import { askQuestion } from "../../../../src/features/qa/askQuestion";
import { escalateQuestion } from "../../../../src/features/qa/escalateQuestion";
import { recordFeedback } from "../../../../src/features/qa/recordFeedback";
import { unansweredQuestions } from "../../../../src/app/qa/unansweredQuestions";
import { personWith } from "../../../support/sampleRoster";
import { useCaseWorld, type UseCaseWorld } from "../../../support/useCaseServices";

describe("the dashboard's unanswered questions", () => {
  let w: UseCaseWorld;
  const teacher = personWith("staff");
  const owner = personWith("aht-digital");

  beforeEach(async () => {
    w = await useCaseWorld();
  });
  afterEach(async () => w.close());

  async function ask(text: string): Promise<string> {
    w.advanceHours(1);
    const r = await askQuestion(w.services, teacher, text);
    if (!r.ok) throw new Error(r.reason);
    return r.value.question.id;
  }

  test("when questions wait for the owner or were not helpful, then they are listed newest first, a page at a time, naming only those who asked the owner", async () => {
    const escalated = await ask("What time does the canteen open?");
    await escalateQuestion(w.services, teacher, escalated);
    const unhelpful = await ask("Does the school monitor my social media use on school computers?");
    await recordFeedback(w.services, teacher, unhelpful, "notHelpful");
    const helpful = await ask("Can I use the school logo on my personal blog?");
    await recordFeedback(w.services, teacher, helpful, "helpful");
    await ask("Who approves posts before they go live on the school's social media?");

    const first = await unansweredQuestions(w.services, owner, { limit: 1 });
    if (!first.ok) throw new Error(first.reason);
    expect(first.value.total).toBe(2);
    expect(first.value.items).toEqual([
      expect.objectContaining({
        questionId: unhelpful,
        reason: "notHelpful",
        askedBy: null,
        answered: true,
        citedHeadings: expect.arrayContaining(["Monitoring"]),
      }),
    ]);
    const second = await unansweredQuestions(w.services, owner, {
      limit: 1,
      cursor: first.value.nextCursor,
    });
    if (!second.ok) throw new Error(second.reason);
    expect(second.value.items).toEqual([
      expect.objectContaining({
        questionId: escalated,
        reason: "waitingForPolicyOwner",
        askedBy: teacher.displayName,
        answered: false,
      }),
    ]);
    expect(second.value.nextCursor).toBeUndefined();
  });

  test("when a member of staff asks for the list, then it is refused", async () => {
    expect(await unansweredQuestions(w.services, teacher)).toMatchObject({
      ok: false,
      code: "QA.NOT_ALLOWED",
    });
    expect((await unansweredQuestions(w.services, personWith("headteacher"))).ok).toBe(true);
  });
});
