import { isGenericTerm } from "./coverage";
import { analyse, expandQuery, isContextTerm, isSoftTerm } from "./lexicon";
import type { Speller } from "./spelling";
import { normalise, stem, words } from "./tokenize";

/*
 * Answers the policy owner saved for questions the policy did not settle. A new question
 * reuses one only when it asks the same thing: nearly all its words (or their near-synonyms) are
 * the saved question's words, in both directions, so "Can I use TikTok?" does not borrow the
 * answer to "Can I use TikTok to set homework?", nor the other way round. Asked in other words
 * counts too: spelling is mended against the policy's vocabulary first ("facebok"), and the verbs
 * that only carry a sentence ("sent me a message" for "messages me") count little.
 *
 * Words alone cannot tell a rewording from a near miss ("block all parents" / "block all
 * pupils"), so a question that is only like a saved one is not given its answer: the saved
 * question is offered beside the policy's answer, and the asker, who sees its words, chooses.
 * Storage is elsewhere; this only decides.
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

/*
 * Chosen on a development set of 40 saved questions, each asked again in 5 other ways and
 * followed by 3 near misses (test/fixtures/saved-answers-dev.json, written apart from the code):
 * reusing at 0.8 gave 10 of the 120 near misses another question's answer; at 0.9, 1. Offering
 * from 0.5 puts the right saved question on the card for 81% of the rewordings (17% reused at 0.8),
 * and with the faint likenesses below, 87%.
 */
export const CURATED_MATCH_THRESHOLD = 0.9;
export const CURATED_OFFER_THRESHOLD = 0.5;
export const MAX_CURATED_OFFERS = 2;
/*
 * A rewording often shares fewer words than that ("tik tok vids" for "TikTok videos", "put them
 * up for sale on TES" for "sell … on TES"): a fainter likeness is offered too, but only when it
 * stands out, at least twice as alike as any other saved question, so a question that is faintly
 * like several (as most policy questions are) is offered none. Chosen on the development set.
 */
export const CURATED_FAINT_THRESHOLD = 0.35;
export const CURATED_FAINT_MARGIN = 2;

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

/** Saved answers at least `threshold` alike, most alike first; ties go to the newest. */
function alike<T extends CuratedAnswer>(
  question: string,
  curated: readonly T[],
  threshold: number,
  speller: Speller | undefined,
): CuratedMatch<T>[] {
  return (
    curated
      .map((c) => ({ curated: c, similarity: questionSimilarity(question, c.question, speller) }))
      .filter((m) => m.similarity >= threshold)
      // YYYY-MM-DD compares as text.
      .sort(
        (a, b) =>
          b.similarity - a.similarity || b.curated.answeredOn.localeCompare(a.curated.answeredOn),
      )
  );
}

/** The saved answer most like the question, if any is close enough; ties go to the newest. */
export function matchCuratedAnswer<T extends CuratedAnswer>(
  question: string,
  curated: readonly T[],
  threshold = CURATED_MATCH_THRESHOLD,
  speller?: Speller,
): CuratedMatch<T> | undefined {
  return alike(question, curated, threshold, speller)[0];
}

export interface CuratedChoice<T extends CuratedAnswer> {
  /** Asks the same thing: its answer is the answer. */
  readonly reuse?: CuratedMatch<T>;
  /** Only like the question: offered beside the policy's answer, most alike first. */
  readonly offers: readonly CuratedMatch<T>[];
}

/** What the saved answers give a question: one to reuse, or a few to offer. */
export function chooseCuratedAnswers<T extends CuratedAnswer>(
  question: string,
  curated: readonly T[],
  speller?: Speller,
): CuratedChoice<T> {
  const found = alike(question, curated, 0, speller);
  const [first, second] = found;
  if (!first) return { offers: [] };
  if (first.similarity >= CURATED_MATCH_THRESHOLD) return { reuse: first, offers: [] };
  if (first.similarity >= CURATED_OFFER_THRESHOLD) {
    return {
      offers: found
        .filter((m) => m.similarity >= CURATED_OFFER_THRESHOLD)
        .slice(0, MAX_CURATED_OFFERS),
    };
  }
  const standsOut = first.similarity >= CURATED_FAINT_MARGIN * (second?.similarity ?? 0);
  return { offers: first.similarity >= CURATED_FAINT_THRESHOLD && standsOut ? [first] : [] };
}
