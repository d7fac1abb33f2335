import fs from "node:fs";
import path from "node:path";
import { parsePolicyDocument } from "../../../../src/domain/policy/policyDocument";
import { answerQuestion } from "../../../../src/domain/qa/answerQuestion";
import { PassageIndex } from "../../../../src/domain/qa/passageIndex";
import { packageRoot } from "../../../../src/packageRoot";

/*
 * The acceptance figures: the first citation's heading is acceptable for at least 90% of the
 * answerable questions, and at least 80% of the unanswerable ones are declined. Run on the
 * shared visible set and on our own held-out set (written without looking at the visible one's
 * wording), so tuning to one set shows up as a failure on the other.
 */
const root = packageRoot();
const parsed = parsePolicyDocument(fs.readFileSync(path.join(root, "assets/policy/staff-social-media-policy.md"), "utf8"));
if (!parsed.ok) throw new Error("bundled policy does not parse");
const index = new PassageIndex(parsed.document);

interface Case {
  question: string;
  expect: string[];
}

function evaluate(cases: Case[]) {
  let answerable = 0;
  let cited = 0;
  let unanswerable = 0;
  let declined = 0;
  const misses: string[] = [];
  for (const c of cases) {
    const a = answerQuestion(index, c.question);
    if (c.expect.length > 0) {
      answerable++;
      if (a.answered && c.expect.includes(a.citations[0]?.heading ?? "")) cited++;
      else misses.push(`${c.question} → ${a.answered ? a.citations[0]?.heading : "(declined)"}`);
    } else {
      unanswerable++;
      if (!a.answered) declined++;
      else misses.push(`${c.question} → answered from ${a.citations[0]?.heading}`);
    }
  }
  return { answerableRate: cited / answerable, unanswerableRate: declined / unanswerable, answerable, unanswerable, misses };
}

const sets: [string, string][] = [
  ["the shared visible set", path.join(root, "..", "shared/eval/qa-visible.jsonl")],
  ["our held-out set", path.join(root, "test/fixtures/qa-heldout.jsonl")],
];

describe.each(sets)("Q&A evaluation on %s", (name, file) => {
  const present = fs.existsSync(file);
  (present ? test : test.skip)(`when every question is asked, then ≥90% cite an acceptable section first and ≥80% of out-of-scope ones are declined`, () => {
    const cases = fs.readFileSync(file, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as Case);
    const r = evaluate(cases);
    console.log(
      `${name}: answerable ${(r.answerableRate * 100).toFixed(1)}% of ${r.answerable}, unanswerable declined ${(r.unanswerableRate * 100).toFixed(1)}% of ${r.unanswerable}` +
        (r.misses.length ? `\n  misses:\n  ${r.misses.join("\n  ")}` : ""),
    );
    expect(r.answerableRate).toBeGreaterThanOrEqual(0.9);
    expect(r.unanswerableRate).toBeGreaterThanOrEqual(0.8);
  });
});
