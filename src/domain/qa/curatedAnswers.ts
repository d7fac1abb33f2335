import { expandQuery } from "./lexicon";
import { tokenize } from "./tokenize";
import { rewritePhrases } from "./lexicon";

/*
 * Answers the policy owner saved for questions the policy did not settle. A new question
 * reuses one when it asks the same thing: most of its words (or their synonyms) are the saved
 * question's words, in both directions, so "Can I use TikTok?" does not borrow the answer to
 * "Can I use TikTok to set homework?".
 */
export interface CuratedAnswer {
  readonly id: string;
  readonly question: string;
  readonly answer: string;
  readonly answeredBy: string;
  readonly answeredOn: string;
}

export const CURATED_MATCH_THRESHOLD = 0.6;

function similarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const expandedB = expandQuery(b, 0.7);
  const setA = new Set(a);
  const expandedA = expandQuery(a, 0.7);
  const forward = [...setA].reduce((n, t) => n + (expandedB.get(t) ?? 0), 0) / setA.size;
  const setB = new Set(b);
  const backward = [...setB].reduce((n, t) => n + (expandedA.get(t) ?? 0), 0) / setB.size;
  return Math.min(forward, backward);
}

export function bestCuratedAnswer(
  question: string,
  curated: readonly CuratedAnswer[],
): { answer: CuratedAnswer; similarity: number } | undefined {
  const terms = tokenize(rewritePhrases(question));
  let best: { answer: CuratedAnswer; similarity: number } | undefined;
  for (const answer of curated) {
    const s = similarity(terms, tokenize(rewritePhrases(answer.question)));
    if (s >= CURATED_MATCH_THRESHOLD && (!best || s > best.similarity)) best = { answer, similarity: s };
  }
  return best;
}
