import type { Section } from "../policy/policyDocument";
import { analyse, expandQuery } from "./lexicon";
import { LIST_ITEM, plainText, type PassageIndex } from "./passageIndex";
import type { Speller } from "./spelling";
import { normalise, words } from "./tokenize";

/*
 * The one or two sentences of a section that answer the question, verbatim. Once the section
 * is chosen, quoting its whole text (or three loosely related passages) buries the rule; the
 * sentence that shares the most of the question's rarer words, or their lexicon kin, is the one
 * a person would point at. A list item keeps the sentence that introduces its list.
 */
export interface QuotedSentence {
  readonly text: string;
  readonly leadIn?: string;
  readonly score: number;
}

/** A paragraph's sentences; a list item or a short paragraph stays whole. */
function sentencesOf(paragraph: string): string[] {
  const text = plainText(paragraph);
  if (LIST_ITEM.test(paragraph)) return [text];
  return text
    .split(/(?<=[.?!])\s+(?=[A-Z(])/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function candidatesOf(section: Section): { text: string; leadIn?: string; order: number }[] {
  const out: { text: string; leadIn?: string; order: number }[] = [];
  let leadIn: string | undefined;
  for (const paragraph of section.paragraphs) {
    const isItem = LIST_ITEM.test(paragraph);
    for (const text of sentencesOf(paragraph)) {
      out.push({ text, ...(isItem && leadIn ? { leadIn } : {}), order: out.length });
    }
    if (!isItem) leadIn = /:\s*$/.test(plainText(paragraph)) ? plainText(paragraph) : undefined;
  }
  return out;
}

/** The question's terms, spelling mended, with their lexicon kin and rarity weights. */
function weightedTerms(
  question: string,
  index: PassageIndex,
  speller: Speller | undefined,
): Map<string, number> {
  const fixed = speller
    ? words(normalise(question))
        .map((w) => speller.correct(w))
        .join(" ")
    : question;
  const out = new Map<string, number>();
  for (const [term, weight] of expandQuery(analyse(fixed))) {
    out.set(term, weight * Math.max(0.2, index.idf(term)));
  }
  return out;
}

/** The best sentence of the section, and a second when it answers nearly as well. */
export function quoteSentences(
  section: Section,
  question: string,
  index: PassageIndex,
  speller?: Speller,
): QuotedSentence[] {
  const terms = weightedTerms(question, index, speller);
  const scored = candidatesOf(section).map((c) => {
    const own = new Set(analyse(c.leadIn ? `${c.leadIn} ${c.text}` : c.text));
    let score = 0;
    for (const [term, weight] of terms) if (own.has(term)) score += weight;
    // Among equals, a shorter sentence is the more pointed answer.
    return { ...c, score: score / Math.pow(Math.max(8, own.size), 0.25) };
  });
  if (scored.length === 0) return [];
  const ranked = [...scored].sort((a, z) => z.score - a.score || a.order - z.order);
  const best = ranked[0]!;
  const chosen = [best];
  const second = ranked[1];
  if (second && best.score > 0 && second.score >= best.score * 0.75) chosen.push(second);
  // In the policy's order, so two sentences read as written.
  return chosen
    .sort((a, z) => a.order - z.order)
    .map((c) => ({ text: c.text, ...(c.leadIn ? { leadIn: c.leadIn } : {}), score: c.score }));
}
