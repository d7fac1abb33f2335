import { isGenericTerm } from "./coverage";
import { analyse, expandQuery, isContextTerm, isSoftTerm } from "./lexicon";
import type { Speller } from "./spelling";
import { normalise, stem, words } from "./tokenize";

/*
 * Answers the policy owner saved for questions the policy did not settle. A new question
 * reuses one only when it asks the same thing: most of its words (or their near-synonyms) are
 * the saved question's words, in both directions, so "Can I use TikTok?" does not borrow the
 * answer to "Can I use TikTok to set homework?", nor the other way round. Asked in other words
 * counts too: spelling is mended against the policy's vocabulary first ("facebok"), and the verbs
 * that only carry a sentence ("sent me a message" for "messages me") count little. Storage is
 * elsewhere; this only decides.
 */
export interface CuratedAnswer {
  readonly question: string;
  readonly answer: string;
  /** Display name of the policy owner who answered. */
  readonly answeredBy: string;
  /** YYYY-MM-DD. */
  readonly answeredOn: string;
}

export interface CuratedMatch<T extends CuratedAnswer> {
  readonly curated: T;
  /** 0..1: the weaker of the two directions' weighted overlap. */
  readonly similarity: number;
}

export const CURATED_MATCH_THRESHOLD = 0.8;

/*
 * The words that say what is asked about ("canteen", "library", "pupil", "parent") count fully;
 * words every question shares ("school", "time", "use"), scene-setting words and the general
 * words for the internet count a little. A platform's name counts fully, because the owner's
 * answer about TikTok is not an answer about Facebook.
 */
const GENERAL = new Set(
  words(
    "social media online internet web website websites site sites app apps platform platforms networking forum forums",
  ).map(stem),
);

/** Verbs that carry a sentence rather than say what it is about. */
const LIGHT = new Set(words("send sent sends keep keeps kept say says said gets give").map(stem));

function weightOf(term: string): number {
  if (isGenericTerm(term) || LIGHT.has(term)) return 0.3;
  return GENERAL.has(term) || isContextTerm(term) ? 0.4 : 1;
}

/** How much of `from` is found in `to`: the same words count fully, lexicon relatives partly. */
function overlap(from: readonly string[], to: readonly string[]): number {
  const same = new Set(to);
  const reach = expandQuery(to);
  let total = 0;
  let found = 0;
  for (const t of new Set(from)) {
    const w = weightOf(t);
    total += w;
    found += w * (same.has(t) ? 1 : Math.min(1, reach.get(t) ?? 0));
  }
  return total === 0 ? 0 : found / total;
}

/** The platforms a question names ("tiktok"), not the general words for the internet. */
function platformsOf(terms: readonly string[]): Set<string> {
  return new Set(terms.filter((t) => isSoftTerm(t) && !GENERAL.has(t)));
}

function mended(text: string, speller: Speller | undefined): string {
  return speller
    ? words(normalise(text))
        .map((w) => speller.correct(w))
        .join(" ")
    : text;
}

export function questionSimilarity(a: string, b: string, speller?: Speller): number {
  const ta = analyse(mended(a, speller));
  const tb = analyse(mended(b, speller));
  if (ta.length === 0 || tb.length === 0) return 0;
  const pa = platformsOf(ta);
  const pb = platformsOf(tb);
  // Both name platforms, and not the same ones: a different question, however alike the rest.
  if (pa.size > 0 && pb.size > 0 && ![...pa].some((p) => pb.has(p))) return 0;
  return Math.min(overlap(ta, tb), overlap(tb, ta));
}

/** The saved answer most like the question, if any is close enough; ties go to the newest. */
export function matchCuratedAnswer<T extends CuratedAnswer>(
  question: string,
  curated: readonly T[],
  threshold = CURATED_MATCH_THRESHOLD,
  speller?: Speller,
): CuratedMatch<T> | undefined {
  let best: CuratedMatch<T> | undefined;
  for (const candidate of curated) {
    const similarity = questionSimilarity(question, candidate.question, speller);
    if (similarity < threshold) continue;
    if (
      !best ||
      similarity > best.similarity ||
      (similarity === best.similarity && candidate.answeredOn > best.curated.answeredOn)
    ) {
      best = { curated: candidate, similarity };
    }
  }
  return best;
}
