import type { Section } from "../policy/policyDocument";
import { analyse, expandQuery } from "./lexicon";
import type { PassageIndex } from "./passageIndex";
import { sentencesOfSection } from "./policySentences";
import { featuresOf, type QuestionModel } from "./questionModel";
import type { Speller } from "./spelling";
import { normalise, words } from "./tokenize";

/*
 * The one or two sentences of a section that answer the question, verbatim. Once the section
 * is chosen, quoting its whole text (or three loosely related passages) buries the rule; the
 * sentence that shares the most of the question's rarer words, or their lexicon kin, is the one
 * a person would point at; so does the one whose words and word pieces look most like the
 * question's (the classifier's features), which still works when no word is shared exactly; and
 * so does the one the bank questions most like it are linked to (the sentence a person pointed
 * at for them). A list item keeps the sentence that introduces its list.
 */
export interface QuotedSentence {
  readonly text: string;
  readonly leadIn?: string;
  readonly score: number;
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
    const candidates = sentencesOfSection(section).map((c) => {
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

/** A bank question for the section, and how much of the question's weighted terms it shares. */
interface Neighbour {
  readonly terms: ReadonlySet<string>;
  readonly sentence?: string;
  readonly alike: number;
}

/** The section's bank questions that share most of the question's terms, most alike first. */
function neighboursOf(
  terms: ReadonlyMap<string, number>,
  sectionId: string,
  model: QuestionModel | undefined,
  count: number,
): Neighbour[] {
  if (!model) return [];
  const { examples, byTerm } = model.examplesOf(sectionId);
  let total = 0;
  const shared = new Float64Array(examples.length);
  for (const [t, w] of terms) {
    total += w;
    for (const at of byTerm.get(t) ?? []) shared[at]! += w;
  }
  if (total === 0) return [];
  const found: { at: number; alike: number }[] = [];
  shared.forEach((s, at) => {
    if (s > 0) found.push({ at, alike: s / total });
  });
  found.sort((a, z) => z.alike - a.alike || a.at - z.at);
  return found.slice(0, count).map(({ at, alike }) => ({ ...examples[at]!, alike }));
}

/**
 * The question's terms, widened with the words of the bank questions for this section that are
 * most like it: "who am I supposed to report it to" borrows "misuse" from "who do I report misuse
 * to", which is the word the policy's sentence uses.
 */
function widened(
  terms: Map<string, number>,
  neighbours: readonly Neighbour[],
  index: PassageIndex,
): Map<string, number> {
  const out = new Map(terms);
  for (const { terms: theirs, alike } of neighbours.slice(0, NEIGHBOURS)) {
    for (const t of theirs) {
      const w = alike * Math.max(0.2, index.idf(t));
      out.set(t, Math.max(out.get(t) ?? 0, w));
    }
  }
  return out;
}

/**
 * The sentences the most alike bank questions are linked to, each with their summed likeness:
 * the sentence a person pointed at for a question like this one, whatever words they share.
 */
function linkedSentences(neighbours: readonly Neighbour[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const { sentence, alike } of neighbours) {
    if (sentence) out.set(sentence, (out.get(sentence) ?? 0) + alike);
  }
  return out;
}

const NEIGHBOURS = 3;
/** How many of the most alike bank questions point at their sentence, and how much that counts. */
const VOTERS = 5;
const VOTE_WEIGHT = 2;

/** The best sentence of the section, and a second when it answers nearly as well. */
export function quoteSentences(
  section: Section,
  question: string,
  index: PassageIndex,
  speller?: Speller,
  model?: QuestionModel,
): QuotedSentence[] {
  const questionTerms = weightedTerms(question, index, speller);
  const neighbours = neighboursOf(questionTerms, section.id, model, Math.max(NEIGHBOURS, VOTERS));
  const terms = widened(questionTerms, neighbours, index);
  const asked =
    model && speller === model.speller ? model.featuresOf(question) : featuresOf(question, speller);
  const askedNorm = squaredNorm(asked);
  const votes = linkedSentences(neighbours.slice(0, VOTERS));
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
  let topVote = 0;
  for (const v of votes.values()) topVote = Math.max(topVote, v);
  const score = new Float64Array(n);
  for (let at = 0; at < n; at++) {
    // A sentence introducing a list ("...the following steps must be taken:") is not a rule.
    score[at] =
      (lexical[at]! / topLexical +
        (0.5 * alike[at]!) / topAlike +
        (topVote > 0 ? (VOTE_WEIGHT * (votes.get(candidates[at]!.text) ?? 0)) / topVote : 0)) *
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
