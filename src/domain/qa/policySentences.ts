import type { Section } from "../policy/policyDocument";
import { LIST_ITEM, plainText } from "./passageIndex";

/*
 * The sentences an answer quotes from, in the section's order: what a quote is chosen among
 * (sentenceQuote.ts) and what a bank question may be linked to when the model is trained.
 */

/** A paragraph's sentences; a list item or a short paragraph stays whole. */
function sentencesOf(paragraph: string): string[] {
  const text = plainText(paragraph);
  if (LIST_ITEM.test(paragraph)) return [text];
  return text
    .split(/(?<=[.?!])\s+(?=[A-Z(])/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** One sentence of a section, or one list item. */
export interface PolicySentence {
  readonly text: string;
  /** For a list item, the sentence that introduces its list. */
  readonly leadIn?: string;
  readonly order: number;
}

/** The sentences a quote is chosen from, in the section's order (each list item whole). */
export function sentencesOfSection(section: Section): PolicySentence[] {
  const out: PolicySentence[] = [];
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
