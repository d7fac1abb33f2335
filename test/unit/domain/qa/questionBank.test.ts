import fs from "node:fs";
import path from "node:path";
import { packageRoot } from "../../../../src/packageRoot";
import { loadIntentBank } from "../../../../src/policy/intentBankFile";
import { sharedEvalFile } from "../../../support/sharedEval";

/*
 * The question bank the classifier is trained on (assets/qa/*.jsonl), and the intent
 * recogniser's phrasings (assets/intents/), are written from the
 * policy, never from an evaluation set: a bank that contained evaluation questions would make
 * every figure measured on them meaningless. Failures name the bank's file and line only, so the
 * questions of a held-out set are never printed.
 */
const root = packageRoot();
const bankDir = path.join(root, "assets/qa");

/**
 * Case, spacing, apostrophes and punctuation do not make a question different: "How do I reset my
 * network password?" and "how do i reset my network password" are the same question.
 */
const normalised = (q: string) =>
  q
    .toLowerCase()
    .replace(/['\u2018\u2019]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

function questionsOf(file: string): string[] {
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim().length > 0)
    .map((l) => (JSON.parse(l) as { question: string }).question);
}

/** "file:line" of every bank question that is an evaluation question. */
function copiesIn(
  bank: readonly (readonly [string, readonly string[]])[],
  evaluation: ReadonlySet<string>,
): string[] {
  return bank.flatMap(([file, questions]) =>
    questions.flatMap((q, i) => (evaluation.has(normalised(q)) ? [`${file}:${i + 1}`] : [])),
  );
}

const bankFiles = fs.readdirSync(bankDir).filter((f) => f.endsWith(".jsonl"));
const evaluationFiles = [
  path.join(root, "test/fixtures/qa-heldout.jsonl"),
  path.join(root, "test/fixtures/qa-heldout-first.jsonl"),
  path.join(root, "test/fixtures/qa-validation.jsonl"),
  path.join(root, "test/fixtures/qa-fresh.jsonl"),
  path.join(root, "test/fixtures/qa-sentences.jsonl"),
  sharedEvalFile("qa-visible.jsonl"),
  sharedEvalFile("qa-staff-language.jsonl"),
].filter((f): f is string => f !== undefined && fs.existsSync(f));

describe("the training bank", () => {
  test("when it is read, then it has questions for the policy and questions out of scope", () => {
    expect(bankFiles.some((f) => f.startsWith("policy-questions"))).toBe(true);
    expect(bankFiles.some((f) => f.startsWith("out-of-scope"))).toBe(true);
  });

  test("when it is compared with every evaluation set at hand, then it contains none of their questions", () => {
    // The in-repository sets are always there; the shared ones when the checkout sits beside them.
    expect(evaluationFiles.length).toBeGreaterThanOrEqual(2);
    const evaluation = new Set(evaluationFiles.flatMap(questionsOf).map(normalised));
    const bank = [
      ...bankFiles.map((f) => [f, questionsOf(path.join(bankDir, f))] as const),
      ["intent-phrasings.jsonl", loadIntentBank().map((e) => e.text)] as const,
    ];
    expect(copiesIn(bank, evaluation)).toEqual([]);
  });

  test("when an evaluation question is copied into the bank in other case, spacing and punctuation, then the check finds it", () => {
    const [sample] = questionsOf(evaluationFiles[0]!);
    const evaluation = new Set(evaluationFiles.flatMap(questionsOf).map(normalised));
    const planted = `  ${sample!
      .toUpperCase()
      .replace(/ /g, "  ")
      .replace(/[?.!]*$/, "")} `;
    const bank = [["policy-questions.jsonl", ["is this mine?", planted]] as const];
    expect(copiesIn(bank, evaluation)).toEqual(["policy-questions.jsonl:2"]);
  });
});
