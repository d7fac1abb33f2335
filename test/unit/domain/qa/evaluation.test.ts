import fs from "node:fs";
import path from "node:path";
import { parsePolicyDocument } from "../../../../src/domain/policy/policyDocument";
import { describeFigures, evaluate, parseEvalCases } from "../../../../src/domain/qa/evaluation";
import { packageRoot } from "../../../../src/packageRoot";
import { present } from "../../../support/present";

/*
 * The acceptance figures: the first citation's heading is acceptable for at least 90% of the
 * answerable questions, and at least 80% of the out-of-scope ones are declined. Checked on the
 * shared visible set and on our own held-out set (written in staff language without copying the
 * visible set's wording), so tuning to one set shows up as a failure on the other; the same
 * figures are checked on questions outside the repository.
 */
const root = packageRoot();
const parsed = parsePolicyDocument(
  fs.readFileSync(path.join(root, "assets/policy/staff-social-media-policy.md"), "utf8"),
);
if (!parsed.ok) throw new Error("the bundled policy does not parse");
const policy = parsed.document;

const sets: [string, string][] = [
  ["the shared visible set", path.join(root, "..", "shared/eval/qa-visible.jsonl")],
  ["our held-out set", path.join(root, "test/fixtures/qa-heldout.jsonl")],
  // Written before the lexicon's second pass and never tuned on since: the check on overfitting.
  ["the first held-out set", path.join(root, "test/fixtures/qa-heldout-first.jsonl")],
];

describe.each(sets)("Q&A evaluation on %s", (name, file) => {
  if (!present(file, name)) {
    test.skip(`skipped: ${file} is not there (the shared evaluation set lives beside the repository)`, () => {});
    return;
  }

  test("when every question is asked, then ≥90% of answerable ones cite an acceptable section first and ≥80% of out-of-scope ones are declined", () => {
    const cases = parseEvalCases(fs.readFileSync(file, "utf8"));
    const figures = evaluate(policy, cases);
    console.log(
      describeFigures(name, figures) +
        (figures.misses.length > 0 ? `\n  misses:\n  ${figures.misses.join("\n  ")}` : ""),
    );
    expect(figures.answerable).toBeGreaterThan(0);
    expect(figures.answerableRate).toBeGreaterThanOrEqual(0.9);
    expect(figures.declinedRate).toBeGreaterThanOrEqual(0.8);
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
