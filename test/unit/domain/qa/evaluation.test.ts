import fs from "node:fs";
import path from "node:path";
import { describeFigures, evaluate, parseEvalCases } from "../../../../src/domain/qa/evaluation";
import { halfOf, type EvalHalf } from "../../../../src/domain/qa/evalSplit";
import { packageRoot } from "../../../../src/packageRoot";
import { present } from "../../../support/present";
import { sharedEvalFile } from "../../../support/sharedEval";
import { bundledPolicy, committedModel } from "../../../support/bundledEngine";

/*
 * The acceptance figures: the first citation's heading is acceptable for at least 90% of the
 * answerable questions, and at least 80% of the out-of-scope ones are declined (the shared
 * visible set: all of them), for the trained engine and for retrieval alone (its fallback). Checked on the
 * shared visible set and on our own held-out set (written in staff language without copying the
 * visible set's wording), so tuning to one set shows up as a failure on the other; the same
 * figures are checked on questions outside the repository.
 */
const root = packageRoot();
const policy = bundledPolicy();
const model = committedModel();

const sets: [string, string | undefined][] = [
  ["the shared visible set", sharedEvalFile("qa-visible.jsonl")],
  ["our held-out set", path.join(root, "test/fixtures/qa-heldout.jsonl")],
  // Written before the lexicon's second pass and never tuned on since: the check on overfitting.
  ["the first held-out set", path.join(root, "test/fixtures/qa-heldout-first.jsonl")],
];

function report(name: string, figures: ReturnType<typeof evaluate>, misses = true): void {
  console.log(
    describeFigures(name, figures) +
      (misses && figures.misses.length > 0 ? `\n  misses:\n  ${figures.misses.join("\n  ")}` : ""),
  );
}

describe.each(sets)("Q&A evaluation on %s", (name, file) => {
  if (!present(file ?? `../shared/eval/ (${name})`, name)) {
    test.skip(`skipped: ${name} is not there (the shared evaluation set lives beside the repository)`, () => {});
    return;
  }
  const cases = parseEvalCases(fs.readFileSync(file!, "utf8"));

  test("when every question is asked of the trained engine, then ≥90% of answerable ones cite an acceptable section first and ≥80% of out-of-scope ones are declined", () => {
    const figures = evaluate(policy, cases, { model });
    report(`${name} (trained engine)`, figures);
    expect(figures.answerable).toBeGreaterThan(0);
    expect(figures.answerableRate).toBeGreaterThanOrEqual(0.9);
    expect(figures.declinedRate).toBeGreaterThanOrEqual(0.8);
    if (name === "the shared visible set") {
      expect(figures.answerableRate).toBe(1);
      expect(figures.declinedRate).toBe(1);
    }
  });

  test("when no trained model is at hand, then retrieval alone still meets the same bars", () => {
    const figures = evaluate(policy, cases);
    report(`${name} (retrieval alone)`, figures);
    expect(figures.answerableRate).toBeGreaterThanOrEqual(0.9);
    expect(figures.declinedRate).toBeGreaterThanOrEqual(0.8);
  });
});

/*
 * The staff-language set, split by line parity before the engine was built: odd lines
 * (1-based) were read while developing it, even lines never. Only figures are printed for
 * either half, never a question of the held-out half.
 */
describe("Q&A evaluation on the staff-language set, by half", () => {
  const file = sharedEvalFile("qa-staff-language.jsonl");
  if (!present(file ?? "../shared/eval/qa-staff-language.jsonl", "the staff-language set")) {
    test.skip("skipped: the staff-language set is not beside the repository", () => {});
    return;
  }
  const text = fs.readFileSync(file!, "utf8");
  const figuresOf = (half: EvalHalf) =>
    evaluate(policy, parseEvalCases(halfOf(text, half).join("\n")), { model });
  const dev = figuresOf("development");
  const heldOut = figuresOf("held-out");

  test("when both halves are asked, then the figures are printed, held-out questions never", () => {
    report("staff language, development half", dev, false);
    report("staff language, held-out half", heldOut, false);
    expect(dev.answerable + dev.unanswerable).toBeGreaterThan(40);
    expect(heldOut.answerable + heldOut.unanswerable).toBeGreaterThan(40);
  });

  test.each([
    ["development", dev],
    ["held-out", heldOut],
  ] as const)(
    // Issue #20's bars: 90% first, 97% cited or suggested, 90% declined, on each half. Met since
    // the bank gained questions for every sentence of the policy (2026-12-04, written from the
    // policy only); before that, on a bank without copies of evaluation questions, 89.2% / 87.8%.
    "when the %s half is asked, then ≥90%% of answerable questions cite the right section first, ≥97%% have it cited or suggested, and ≥90%% of out-of-scope ones are declined",
    (_, f) => {
      expect(f.answerableRate).toBeGreaterThanOrEqual(0.9);
      expect(f.offeredRate).toBeGreaterThanOrEqual(0.97);
      expect(f.declinedRate).toBeGreaterThanOrEqual(0.9);
    },
  );

  test("when the halves are compared, then the one nobody developed on is within 5 points of the other", () => {
    expect(Math.abs(dev.answerableRate - heldOut.answerableRate)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(dev.offeredRate - heldOut.offeredRate)).toBeLessThanOrEqual(0.05);
  });

  test("when the whole set is asked, then it meets issue #20's 90% first, 97% cited or suggested and 90% declined", () => {
    const whole = evaluate(policy, parseEvalCases(text), { model });
    report("staff language, whole set", whole, false);
    expect(whole.answerableRate).toBeGreaterThanOrEqual(0.9);
    expect(whole.offeredRate).toBeGreaterThanOrEqual(0.97);
    expect(whole.declinedRate).toBeGreaterThanOrEqual(0.9);
  });
});

/*
 * Written after the shipped model (2026-12-04, by a writer who read only the policy, in staff's
 * words: 80 answerable, 19 out of scope) and run once before it was committed: a check on words
 * nobody tuned on. Its first run's figures are the bars; retrieval alone is not held to them
 * (58.8% first), since it is only the fallback.
 */
describe("Q&A evaluation on the set written after the shipped model", () => {
  const cases = parseEvalCases(
    fs.readFileSync(path.join(root, "test/fixtures/qa-fresh.jsonl"), "utf8"),
  );

  test("when every question is asked of the trained engine, then ≥92% cite the right section first, ≥98% have it cited or suggested and ≥94% of out-of-scope ones are declined", () => {
    const figures = evaluate(policy, cases, { model });
    report("the set written after the shipped model (trained engine)", figures);
    expect(figures.answerable).toBe(80);
    expect(figures.answerableRate).toBeGreaterThanOrEqual(0.92);
    expect(figures.offeredRate).toBeGreaterThanOrEqual(0.98);
    expect(figures.declinedRate).toBeGreaterThanOrEqual(0.94);
  });
});

describe("our held-out set itself", () => {
  const cases = parseEvalCases(
    fs.readFileSync(path.join(root, "test/fixtures/qa-heldout.jsonl"), "utf8"),
  );

  test("when it is read, then it has at least 40 questions, 10 of them out of scope, and covers every section", () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(cases.filter((c) => c.expect.length === 0).length).toBeGreaterThanOrEqual(10);
    const expected = new Set(cases.flatMap((c) => c.expect));
    for (const s of policy.sections) expect(expected).toContain(s.heading);
  });

  test("when it names a heading, then the heading is exactly the policy's", () => {
    const headings = new Set(policy.sections.map((s) => s.heading));
    for (const c of cases) for (const h of c.expect) expect(headings).toContain(h);
  });
});

describe("reading an evaluation set", () => {
  test("when a line is malformed, then the error names the line", () => {
    expect(() => parseEvalCases('{"question": "a", "expect": []}\n{"question": 1}\n')).toThrow(
      /line 2/,
    );
  });
});
