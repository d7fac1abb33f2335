import type { Section } from "../policy/policyDocument";
import { analyse, expandQuery } from "./lexicon";
import { LIST_ITEM, plainText, type PassageIndex } from "./passageIndex";
import { featuresOf, type QuestionModel } from "./questionModel";
import type { Speller } from "./spelling";
import { normalise, words } from "./tokenize";

/*
 * The one or two sentences of a section that answer the question, verbatim. Once the section
 * is chosen, quoting its whole text (or three loosely related passages) buries the rule; the
 * sentence that shares the most of the question's rarer words, or their lexicon kin, is the one
 * a person would point at; so does the one whose words and word pieces look most like the
 * question's (the classifier's features), which still works when no word is shared exactly. A
 * list item keeps the sentence that introduces its list.
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

interface Candidate {
  readonly text: string;
  readonly leadIn?: string;
  readonly order: number;
  readonly own: ReadonlySet<string>;
  readonly features: ReadonlyMap<string, number>;
  /** Squared length of `features`, computed once with them. */
  readonly norm: number;
  /** The divisor that favours a shorter sentence among equals. */
  readonly lengthPenalty: number;
  /** It ends with a colon: it introduces a list rather than stating a rule. */
  readonly introducesList: boolean;
}

/**
 * A section's sentences, and which sentences hold each term and feature: a question then costs
 * one pass over its own terms and features, not one per sentence. Each sentence's sums are added
 * in the question's order, as a sentence-by-sentence loop would, so the scores are the same.
 */
interface AnalysedSection {
  readonly candidates: readonly Candidate[];
  readonly byTerm: ReadonlyMap<string, readonly number[]>;
  readonly byFeature: ReadonlyMap<string, readonly { readonly at: number; readonly w: number }[]>;
}

/** A section's sentences, analysed once per section object (a published version never changes). */
const analysed = new WeakMap<Section, AnalysedSection>();

function sentencesFor(section: Section, speller: Speller | undefined): AnalysedSection {
  let cached = analysed.get(section);
  if (!cached) {
    const candidates = candidatesOf(section).map((c) => {
      const full = c.leadIn ? `${c.leadIn} ${c.text}` : c.text;
      const features = featuresOf(full, speller);
      const own = new Set(analyse(full));
      return {
        ...c,
        own,
        features,
        norm: squaredNorm(features),
        lengthPenalty: Math.pow(Math.max(8, own.size), 0.25),
        introducesList: /:\s*$/.test(c.text),
      };
    });
    const byTerm = new Map<string, number[]>();
    const byFeature = new Map<string, { at: number; w: number }[]>();
    candidates.forEach((c, at) => {
      for (const t of c.own) pushTo(byTerm, t, at);
      for (const [f, w] of c.features) pushTo(byFeature, f, { at, w });
    });
    cached = { candidates, byTerm, byFeature };
    analysed.set(section, cached);
  }
  return cached;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
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

/**
 * The question's terms, widened with the words of the bank questions for this section that are
 * most like it: "who am I supposed to report it to" borrows "misuse" from "who do I report misuse
 * to", which is the word the policy's sentence uses.
 */
function widened(
  terms: Map<string, number>,
  sectionId: string,
  model: QuestionModel | undefined,
  index: PassageIndex,
): Map<string, number> {
  if (!model) return terms;
  const { examples, byTerm } = model.examplesOf(sectionId);
  let total = 0;
  const shared = new Float64Array(examples.length);
  for (const [t, w] of terms) {
    total += w;
    for (const at of byTerm.get(t) ?? []) shared[at]! += w;
  }
  const neighbours: { e: (typeof examples)[number]; alike: number; at: number }[] = [];
  if (total !== 0) {
    shared.forEach((s, at) => {
      if (s > 0) neighbours.push({ e: examples[at]!, alike: s / total, at });
    });
  }
  neighbours.sort((a, z) => z.alike - a.alike || a.at - z.at);
  const out = new Map(terms);
  for (const { e, alike } of neighbours.slice(0, NEIGHBOURS)) {
    for (const t of e.terms) {
      const w = alike * Math.max(0.2, index.idf(t));
      out.set(t, Math.max(out.get(t) ?? 0, w));
    }
  }
  return out;
}

const NEIGHBOURS = 3;

/** The best sentence of the section, and a second when it answers nearly as well. */
export function quoteSentences(
  section: Section,
  question: string,
  index: PassageIndex,
  speller?: Speller,
  model?: QuestionModel,
): QuotedSentence[] {
  const terms = widened(weightedTerms(question, index, speller), section.id, model, index);
  const asked =
    model && speller === model.speller ? model.featuresOf(question) : featuresOf(question, speller);
  const askedNorm = squaredNorm(asked);
  const { candidates, byTerm, byFeature } = sentencesFor(section, speller);
  const own = new Float64Array(candidates.length);
  for (const [term, weight] of terms) for (const at of byTerm.get(term) ?? []) own[at]! += weight;
  const dots = new Float64Array(candidates.length);
  for (const [f, w] of asked) for (const { at, w: v } of byFeature.get(f) ?? []) dots[at]! += w * v;
  const n = candidates.length;
  if (n === 0) return [];
  const lexical = new Float64Array(n);
  const alike = new Float64Array(n);
  let topLexical = -Infinity;
  let topAlike = -Infinity;
  for (let at = 0; at < n; at++) {
    const c = candidates[at]!;
    // Among equals, a shorter sentence is the more pointed answer.
    lexical[at] = own[at]! / c.lengthPenalty;
    alike[at] = askedNorm === 0 || c.norm === 0 ? 0 : dots[at]! / Math.sqrt(askedNorm * c.norm);
    topLexical = Math.max(topLexical, lexical[at]!);
    topAlike = Math.max(topAlike, alike[at]!);
  }
  topLexical ||= 1;
  topAlike ||= 1;
  const score = new Float64Array(n);
  for (let at = 0; at < n; at++) {
    // A sentence introducing a list ("...the following steps must be taken:") is not a rule.
    score[at] =
      (lexical[at]! / topLexical + (0.5 * alike[at]!) / topAlike) *
      (candidates[at]!.introducesList ? 0.6 : 1);
  }
  // The best and the runner-up (the earlier sentence among equals).
  let best = 0;
  for (let at = 1; at < n; at++) if (score[at]! > score[best]!) best = at;
  let second = -1;
  for (let at = 0; at < n; at++) {
    if (at !== best && (second < 0 || score[at]! > score[second]!)) second = at;
  }
  const chosen = [best];
  if (second >= 0 && score[second]! >= score[best]! * 0.85) chosen.push(second);
  // In the policy's order, so two sentences read as written.
  return chosen
    .sort((a, z) => a - z)
    .map((at) => {
      const c = candidates[at]!;
      return { text: c.text, ...(c.leadIn ? { leadIn: c.leadIn } : {}), score: score[at]! };
    });
}

function squaredNorm(features: ReadonlyMap<string, number>): number {
  let n = 0;
  for (const w of features.values()) n += w * w;
  return n;
}
