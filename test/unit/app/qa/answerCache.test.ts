import path from "node:path";
import { answerFromPolicy, policyForAnswers } from "../../../../src/app/qa/policyInForce";
import type { PolicyVersionRecord } from "../../../../src/app/policy/policyRecords";
import { answerQuestion } from "../../../../src/domain/qa/answerQuestion";
import { packageRoot } from "../../../../src/packageRoot";
import { loadQuestionModel } from "../../../../src/policy/questionModelFile";
import { useCaseWorld, type UseCaseWorld } from "../../../support/useCaseServices";

/*
 * The engine's answers are kept in memory per version and model: the same question again must
 * get exactly what the engine says, and a new upcoming version must not get an answer kept from
 * before it was published.
 */
const questionModel = loadQuestionModel(path.join(packageRoot(), "assets/qa/question-model.json"))!;

const questions = [
  "Does the school monitor my social media use on school computers?",
  "Can I accept a friend request from a pupil?",
  "Can I use the school logo on my blog?",
  "What is the capital of France?",
  "Can I post about the trip?",
];

describe("answers kept in memory", () => {
  let w: UseCaseWorld;

  beforeEach(async () => {
    w = await useCaseWorld();
  });
  afterEach(async () => w.close());

  test.each([
    ["with the trained model", true],
    ["by retrieval alone", false],
  ])(
    "when a question is asked again (%s), then the answer is the engine's, the same each time",
    async (_how, withModel) => {
      const model = withModel ? questionModel : undefined;
      const policy = await policyForAnswers(w.services);
      for (const question of questions) {
        const first = answerFromPolicy(policy, question, model);
        const again = answerFromPolicy(policy, question, model);
        expect(again).toBe(first);
        const engine = answerQuestion(policy.index.document, question, model ? { model } : {});
        expect(first.answered).toBe(engine.answered);
        expect(first.citations).toEqual(
          engine.citations.map((c) => ({
            sectionId: c.sectionId,
            heading: c.heading,
            quote: c.quote,
            ...(c.leadIn ? { leadIn: c.leadIn } : {}),
          })),
        );
        expect(first.suggestions).toEqual(engine.suggestions);
        // Kept answers are shared between turns: nobody may change one.
        expect(Object.isFrozen(first.citations)).toBe(true);
      }
    },
  );

  test("when an upcoming version is published after a question was answered, then the same question says what it changes", async () => {
    const monitoring = "Does the school monitor my social media use on school computers?";
    const before = answerFromPolicy(await policyForAnswers(w.services), monitoring);
    expect(before.upcomingNote).toBeNull();
    const bundled = w.services.bundledPolicy;
    const upcoming: PolicyVersionRecord = {
      label: "2027.01",
      effectiveFrom: "2027-01-01",
      publishedAt: "2026-10-01T09:00:00.000Z",
      publishedBy: "installation",
      summary: "Monitoring rewritten.",
      document: {
        meta: { ...bundled.meta, version: "2027.01", effectiveFrom: "2027-01-01" },
        sections: bundled.sections.map((s) =>
          s.id === "monitoring"
            ? {
                ...s,
                paragraphs: ["The school monitors use of its IT systems, including social media."],
              }
            : { ...s, paragraphs: [...s.paragraphs] },
        ),
      },
    };
    await w.services.policyVersions.add(upcoming);
    const after = answerFromPolicy(await policyForAnswers(w.services), monitoring);
    expect(after.upcomingNote).toMatch(/2027\.01/);
  });
});
