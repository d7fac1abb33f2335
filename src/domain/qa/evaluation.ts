import type { PolicyDocument } from "../policy/policyDocument";
import { answerQuestion, type AnswerOptions } from "./answerQuestion";

/*
 * The acceptance figures for the answering engine, computed the same way by the tests, the
 * benchmark and anyone tuning: of the answerable questions, the share whose first citation's
 * heading is one of those expected; of the questions the policy does not answer (expect: []),
 * the share declined; and the share of answerable questions whose section is among those the
 * answer cites or offers as "Did you mean…".
 */
export interface EvalCase {
  readonly question: string;
  /** Acceptable headings for the first citation; empty when the policy does not answer. */
  readonly expect: readonly string[];
}

export interface EvalFigures {
  readonly answerable: number;
  readonly citedCorrectly: number;
  readonly unanswerable: number;
  readonly declined: number;
  /** Answerable questions whose section is cited or suggested. */
  readonly offered: number;
  /** citedCorrectly / answerable (1 when there are none). */
  readonly answerableRate: number;
  /** declined / unanswerable (1 when there are none). */
  readonly declinedRate: number;
  /** offered / answerable (1 when there are none). */
  readonly offeredRate: number;
  /** One line per question the engine got wrong, for whoever tunes it. */
  readonly misses: readonly string[];
}

/** Reads a JSON-lines set; a malformed line names its number. */
export function parseEvalCases(text: string): EvalCase[] {
  return text
    .split("\n")
    .map((line, i) => ({ line: line.trim(), number: i + 1 }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, number }) => {
      const parsed = JSON.parse(line) as { question?: unknown; expect?: unknown };
      if (
        typeof parsed.question !== "string" ||
        !Array.isArray(parsed.expect) ||
        !parsed.expect.every((h) => typeof h === "string")
      ) {
        throw new Error(`line ${number}: expected {"question": string, "expect": string[]}`);
      }
      return { question: parsed.question, expect: parsed.expect as string[] };
    });
}

export function evaluate(
  policy: PolicyDocument,
  cases: readonly EvalCase[],
  options: AnswerOptions = {},
): EvalFigures {
  let answerable = 0;
  let offered = 0;
  let citedCorrectly = 0;
  let unanswerable = 0;
  let declined = 0;
  const misses: string[] = [];
  for (const c of cases) {
    const a = answerQuestion(policy, c.question, options);
    const first = a.answered ? a.citations[0]?.heading : undefined;
    if (c.expect.length > 0) {
      answerable++;
      const shown = [...(a.answered ? a.citations : []), ...a.suggestions].map((x) => x.heading);
      if (shown.some((h) => c.expect.includes(h))) offered++;
      if (first !== undefined && c.expect.includes(first)) citedCorrectly++;
      else misses.push(`${c.question} → ${first ?? "(declined)"}`);
    } else {
      unanswerable++;
      if (!a.answered) declined++;
      else misses.push(`${c.question} → answered from ${first}, expected a decline`);
    }
  }
  return {
    answerable,
    citedCorrectly,
    unanswerable,
    declined,
    offered,
    answerableRate: answerable === 0 ? 1 : citedCorrectly / answerable,
    declinedRate: unanswerable === 0 ? 1 : declined / unanswerable,
    offeredRate: answerable === 0 ? 1 : offered / answerable,
    misses,
  };
}

export function describeFigures(name: string, f: EvalFigures): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  return (
    `${name}: first citation acceptable for ${pct(f.answerableRate)} of ${f.answerable} answerable ` +
    `(${f.citedCorrectly}), right section cited or suggested for ${pct(f.offeredRate)} (${f.offered}); ` +
    `declined ${pct(f.declinedRate)} of ${f.unanswerable} out-of-scope (${f.declined})`
  );
}
