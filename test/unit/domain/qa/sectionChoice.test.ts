import fs from "node:fs";
import path from "node:path";
import { parsePolicyDocument } from "../../../../src/domain/policy/policyDocument";
import { OUT_OF_SCOPE, type QuestionModel } from "../../../../src/domain/qa/questionModel";
import {
  chooseSections,
  DEFAULT_MODEL_TUNING,
  type RetrievalView,
} from "../../../../src/domain/qa/sectionChoice";
import { packageRoot } from "../../../../src/packageRoot";

/*
 * How the classifier's probabilities become a verdict. The bundled policy has two sections
 * headed "Introduction"; a question the classifier splits between them is one answer to the
 * person asking, not a draw that leaves nobody a winner.
 */
const parsed = parsePolicyDocument(
  fs.readFileSync(path.join(packageRoot(), "assets/policy/staff-social-media-policy.md"), "utf8"),
);
if (!parsed.ok) throw new Error("the bundled policy does not parse");
const policy = parsed.document;

/** A classifier that gives fixed probabilities and knows every section of the policy. */
function classifierGiving(p: Record<string, number>): QuestionModel {
  const labels = [...policy.sections.map((s) => s.id), OUT_OF_SCOPE];
  return {
    classify: () => labels.map((label) => ({ label, p: p[label] ?? 0 })).sort((a, z) => z.p - a.p),
    knowsSection: () => true,
  } as unknown as QuestionModel;
}

// Retrieval left out of the mix (weight 0), so the classifier's figures are the chances.
const retrieval: RetrievalView = { terms: ["contract"], onTopic: true, candidates: [] };
const tuning = { ...DEFAULT_MODEL_TUNING, retrievalWeight: 0 };

describe("choosing sections", () => {
  test("when two sections share a heading, then they are ranked and judged on their heading's share", () => {
    const model = classifierGiving({
      "introduction-equality": 0.16,
      introduction: 0.2,
      "who-is-covered-by-this-policy": 0.22,
      [OUT_OF_SCOPE]: 0.1,
      "personnel-responsible-for-implementing-the-policy": 0.32,
    });
    const choice = chooseSections(policy, "q", model, retrieval, true, tuning);
    // 0.36 for "Introduction" against 0.32: it comes first, its likelier section leading.
    expect(choice.ranked.slice(0, 3).map((c) => c.section.id)).toEqual([
      "introduction",
      "introduction-equality",
      "personnel-responsible-for-implementing-the-policy",
    ]);
    expect(choice.verdict).toBe("likely");
  });

  test("when a heading's sections together fall short of likely, then it is still unsure", () => {
    const model = classifierGiving({
      "introduction-equality": 0.1,
      introduction: 0.12,
      "who-is-covered-by-this-policy": 0.2,
      "personnel-responsible-for-implementing-the-policy": 0.2,
      monitoring: 0.2,
      [OUT_OF_SCOPE]: 0.18,
    });
    const choice = chooseSections(policy, "q", model, retrieval, true, tuning);
    expect(choice.verdict).toBe("unsure");
  });
});
