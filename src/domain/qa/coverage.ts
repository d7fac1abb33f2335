import { isContextTerm, isSoftTerm, isSynonym, relatedTerms } from "./lexicon";
import type { PassageIndex } from "./passageIndex";
import { stem, words } from "./tokenize";
import { DEFAULT_TUNING, type Tuning } from "./tuning";

/*
 * The heart of the abstain rule: how much of what a question is specifically about a section
 * speaks to. Each word is weighted by how telling it is, and a word the policy never uses
 * ("canteen", "payslip") weighs most of all, so a question built around one is not answered from
 * a loose match on its other words.
 */

/** Words nearly every question here shares; they say nothing about which rule is meant. */
const GENERIC: ReadonlySet<string> = new Set(
  words(
    "school schools policy policies staff member members people person thing things stuff use using used uses " +
      "work working do need needs know ask asked asking able happen happens happened new kind sort type make " +
      "made can could help tell us me i my someone something time final ensure teacher teachers",
  ).map(stem),
);

export function isGenericTerm(term: string): boolean {
  return GENERIC.has(term);
}

/** The question's distinct specific stems: not generic, not a platform name, not scene-setting. */
export function specificTerms(terms: readonly string[]): string[] {
  return Array.from(
    new Set(terms.filter((t) => !GENERIC.has(t) && !isSoftTerm(t) && !isContextTerm(t))),
  );
}

/** How telling a word is: its idf, else its policy synonyms', else (unknown) the most of all. */
function weightOf(index: PassageIndex, term: string, tuning: Tuning): number {
  if (index.vocabulary.has(term)) return index.idf(term);
  const known = relatedTerms(term).filter((r) => index.vocabulary.has(r));
  if (known.length > 0) return Math.max(...known.map((r) => index.idf(r)));
  return index.maxIdf * tuning.unknownWordWeight;
}

/** 0..1: the weighted share of the question's specific words the section uses (or a synonym of). */
export function coverage(
  index: PassageIndex,
  terms: readonly string[],
  sectionId: string,
  tuning: Tuning = DEFAULT_TUNING,
): number {
  const specific = specificTerms(terms);
  let total = 0;
  let matched = 0;
  for (const t of specific) {
    const weight = weightOf(index, t, tuning);
    total += weight;
    if (index.sectionHas(sectionId, t)) {
      matched += weight;
      continue;
    }
    const present = relatedTerms(t).filter((r) => index.sectionHas(sectionId, r));
    if (present.some((r) => isSynonym(t, r))) matched += weight * tuning.synonymCredit;
    else if (present.length > 0) matched += weight * tuning.relatedCredit;
  }
  return total === 0 ? 0 : matched / total;
}

/** Whether the section is about one of the question's rarer words (heading or topic names it). */
export function isAnchored(
  index: PassageIndex,
  terms: readonly string[],
  sectionId: string,
  tuning: Tuning = DEFAULT_TUNING,
): boolean {
  return specificTerms(terms).some(
    (t) => index.isTopical(sectionId, t) && index.sectionCount(t) <= tuning.maxAnchorSections,
  );
}
