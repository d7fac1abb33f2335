import { ROLE_TITLES } from "../people/person";
import type { PolicyDocument } from "../policy/policyDocument";
import { coverage, isAnchored, specificTerms } from "./coverage";
import { analyse, isCoreTerm, queryConcepts } from "./lexicon";
import { passageIndexFor, type PassageIndex, type ScoredPassage } from "./passageIndex";
import type { QuestionModel } from "./questionModel";
import { chooseSections, DEFAULT_MODEL_TUNING, type ModelTuning } from "./sectionChoice";
import { quoteSentences } from "./sentenceQuote";
import { DEFAULT_TUNING, type Tuning } from "./tuning";
import { upcomingChangeFor, type UpcomingChange } from "./upcomingChange";

/*
 * Answer from the policy's own words, or say plainly that it does not say. A wrong confident
 * answer is worse than none, so a question is answered only when
 *  1. it is on the policy's ground: some word is about social media, the school's systems or
 *     the policy itself ("How do I report a broken projector?" is not);
 *  2. the best passage scores well for the number of words asked; and
 *  3. its section covers most of what the question is specifically about (see coverage.ts).
 * Retrieval is BM25 over passages with lexicon expansion and heading/topic views (passageIndex.ts),
 * then the top sections are re-ranked by coverage.
 */
export type { UpcomingChange } from "./upcomingChange";
export type { Tuning } from "./tuning";
export type { ModelTuning } from "./sectionChoice";

export interface Citation {
  readonly sectionId: string;
  /** Exactly the policy's heading. */
  readonly heading: string;
  /** The passage, verbatim. */
  readonly quote: string;
  /** For a list item, the sentence introducing the list, so the quote can be read in context. */
  readonly leadIn?: string;
}

/** A section the engine thinks may be meant, offered as "Did you mean…". */
export interface Suggestion {
  readonly sectionId: string;
  readonly heading: string;
}

export interface Answer {
  readonly answered: boolean;
  /** Readable text: the quoted passages under their headings, or why there is no answer. */
  readonly answer: string;
  /** Best first; empty when not answered. */
  readonly citations: readonly Citation[];
  /**
   * "Did you mean…": other sections that may answer, best first, when the engine is unsure;
   * empty when it is confident or the question is out of scope.
   */
  readonly suggestions: readonly Suggestion[];
  readonly upcomingChange?: UpcomingChange;
}

export interface AnswerOptions {
  /** The next version, published but not in force yet: the answer says if it changes a cited section. */
  readonly upcoming?: PolicyDocument;
  readonly tuning?: Partial<Tuning>;
  /** The trained classifier (`npm run qa:train`); without it, retrieval alone answers. */
  readonly model?: QuestionModel;
  readonly modelTuning?: Partial<ModelTuning>;
}

export const POLICY_OWNER_TITLE = `the ${ROLE_TITLES["aht-digital"]}`;

/** A section in the running, represented by its best passage. */
export interface Candidate {
  readonly best: ScoredPassage;
  /** 0..1, see coverage.ts. */
  readonly coverage: number;
  /** The section is about one of the question's rarer words (its heading or topic names it). */
  readonly anchored: boolean;
  /** The best passage's score re-ranked by coverage. */
  readonly score: number;
}

/** What the engine found, before it decides whether to answer; for evaluation and tuning. */
export interface Retrieval {
  readonly terms: readonly string[];
  /** Whether any word puts the question on the policy's ground. */
  readonly onTopic: boolean;
  readonly candidates: readonly Candidate[];
  readonly ranked: readonly ScoredPassage[];
}

/** Questions are a line or two; a pasted essay is cut rather than slowing everyone down. */
const MAX_QUESTION_CHARS = 1000;

function rankSections(
  index: PassageIndex,
  terms: readonly string[],
  ranked: readonly ScoredPassage[],
  tuning: Tuning,
): Candidate[] {
  const seen = new Set<string>();
  const candidates: Candidate[] = [];
  for (const scored of ranked) {
    const { sectionId } = scored.passage;
    if (seen.has(sectionId)) continue;
    seen.add(sectionId);
    const c = coverage(index, terms, sectionId, tuning);
    candidates.push({
      best: scored,
      coverage: c,
      anchored: isAnchored(index, terms, sectionId, tuning),
      score: scored.score * (tuning.rerankFloor + c),
    });
    if (candidates.length >= tuning.candidateSections) break;
  }
  return candidates.sort((a, b) => b.score - a.score || a.best.index - b.best.index);
}

export function retrieve(
  policy: PolicyDocument,
  question: string,
  tuning: Tuning = DEFAULT_TUNING,
): Retrieval {
  const index = passageIndexFor(policy);
  const terms = analyse(question.slice(0, MAX_QUESTION_CHARS));
  const onTopic = terms.some(isCoreTerm);
  if (terms.length === 0) return { terms, onTopic, candidates: [], ranked: [] };
  const expansion = { synonym: tuning.synonymWeight, related: tuning.relatedWeight };
  const ranked = index.rank(queryConcepts(terms, expansion), {
    section: tuning.sectionWeight,
    heading: tuning.headingWeight,
    topic: tuning.topicWeight,
  });
  return { terms, onTopic, candidates: rankSections(index, terms, ranked, tuning), ranked };
}

/** The abstain rule for one section: a good score, and coverage of what the question is about. */
export function isConfident(
  candidate: Candidate,
  specificCount: number,
  tuning: Tuning = DEFAULT_TUNING,
): boolean {
  // A longer question matches more words by chance, so it must score more.
  const minScore = tuning.minScorePerTerm * Math.min(3, Math.max(1, specificCount));
  if (candidate.best.score < minScore) return false;
  return candidate.coverage >= (candidate.anchored ? tuning.anchoredCoverage : tuning.minCoverage);
}

function citationOf({ passage }: ScoredPassage): Citation {
  return {
    sectionId: passage.sectionId,
    heading: passage.heading,
    quote: passage.text,
    ...(passage.leadIn ? { leadIn: passage.leadIn } : {}),
  };
}

function citationsFrom(
  first: Candidate,
  others: readonly Candidate[],
  ranked: readonly ScoredPassage[],
  specificCount: number,
  tuning: Tuning,
): Citation[] {
  const chosen: ScoredPassage[] = [first.best];
  // A second passage of the same section when nearly as good: a rule is often two sentences.
  const sibling = ranked.find(
    (p) =>
      p.passage.sectionId === first.best.passage.sectionId &&
      p.index !== first.best.index &&
      p.score >= first.best.score * tuning.siblingRatio,
  );
  if (sibling) chosen.push(sibling);
  for (const other of others) {
    if (chosen.length >= tuning.maxCitations) break;
    if (
      other.score >= first.score * tuning.citeRatio &&
      isConfident(other, specificCount, tuning)
    ) {
      chosen.push(other.best);
    }
  }
  return chosen.slice(0, tuning.maxCitations).map(citationOf);
}

function quoted(c: Citation): string {
  return c.leadIn ? `"${c.leadIn} … ${c.quote}"` : `"${c.quote}"`;
}

function render(citations: readonly Citation[], upcoming: UpcomingChange | undefined): string {
  const [first, ...rest] = citations;
  if (!first) return "";
  const lines = [`The policy says, under "${first.heading}":`, quoted(first)];
  for (const c of rest) {
    lines.push(
      c.sectionId === first.sectionId
        ? `It also says: ${quoted(c)}`
        : `See also "${c.heading}": ${quoted(c)}`,
    );
  }
  if (upcoming) lines.push(upcoming.note);
  return lines.join("\n");
}

export function notCoveredAnswer(policy?: PolicyDocument): Answer {
  const title = policy?.meta.title ?? "The policy";
  const owner = policy ? `the ${ROLE_TITLES[policy.meta.owner]}` : POLICY_OWNER_TITLE;
  return {
    answered: false,
    answer: `The ${title.replace(/^the /i, "")} does not say. You can ask the policy owner, ${owner}.`,
    citations: [],
    suggestions: [],
  };
}

/** Answers a staff question from `policy` (the version in force). Pure: same input, same answer. */
export function answerQuestion(
  policy: PolicyDocument,
  question: string,
  options: AnswerOptions = {},
): Answer {
  const tuning = { ...DEFAULT_TUNING, ...options.tuning };
  if (options.model) return answerWithModel(policy, question, options.model, options, tuning);
  const { terms, onTopic, candidates, ranked } = retrieve(policy, question, tuning);
  const [first, ...others] = candidates;
  const specificCount = specificTerms(terms).length;
  if (!first || !onTopic || !isConfident(first, specificCount, tuning)) {
    return notCoveredAnswer(policy);
  }
  const citations = citationsFrom(first, others, ranked, specificCount, tuning);
  const upcomingChange = upcomingChangeFor(policy, options.upcoming, citations);
  return {
    answered: true,
    answer: render(citations, upcomingChange),
    citations,
    suggestions: [],
    ...(upcomingChange ? { upcomingChange } : {}),
  };
}

/*
 * With the trained classifier: the section is chosen by the classifier mixed with retrieval
 * (sectionChoice.ts), and quoted at sentence level. A clear winner is answered; a likely one is
 * answered with "Did you mean…" for the runners-up; a question on the policy's ground that no
 * section clearly wins is not answered but offers the likeliest sections; a question the
 * classifier puts out of scope is declined plainly.
 */
function answerWithModel(
  policy: PolicyDocument,
  question: string,
  model: QuestionModel,
  options: AnswerOptions,
  tuning: Tuning,
): Answer {
  const text = question.slice(0, MAX_QUESTION_CHARS);
  const mt = { ...DEFAULT_MODEL_TUNING, ...options.modelTuning };
  const retrieval = retrieve(policy, text, tuning);
  const first = retrieval.candidates[0];
  const retrievalConfident =
    first !== undefined && isConfident(first, specificTerms(retrieval.terms).length, tuning);
  const choice = chooseSections(policy, text, model, retrieval, retrievalConfident, mt);
  // Two sections may share a heading ("Introduction"): one button each heading, never the
  // heading already answered.
  const suggestionsOf = (from: number, count: number): Suggestion[] => {
    const seen = new Set(choice.ranked.slice(0, from).map((c) => c.section.heading));
    const out: Suggestion[] = [];
    for (const { section, p } of choice.ranked.slice(from)) {
      if (out.length >= count || p < mt.suggestionFloor) break;
      if (seen.has(section.heading)) continue;
      seen.add(section.heading);
      out.push({ sectionId: section.id, heading: section.heading });
    }
    return out;
  };
  if (choice.verdict === "out-of-scope") return notCoveredAnswer(policy);
  if (choice.verdict === "unsure") {
    return { ...notCoveredAnswer(policy), suggestions: suggestionsOf(0, mt.maxSuggestions) };
  }
  const best = choice.ranked[0]!.section;
  const index = passageIndexFor(policy);
  const sentences = quoteSentences(best, text, index, model.speller, model);
  if (sentences.length === 0) return notCoveredAnswer(policy);
  const citations: Citation[] = sentences.map((s) => ({
    sectionId: best.id,
    heading: best.heading,
    quote: s.text,
    ...(s.leadIn ? { leadIn: s.leadIn } : {}),
  }));
  const upcomingChange = upcomingChangeFor(policy, options.upcoming, citations);
  return {
    answered: true,
    answer: render(citations, upcomingChange),
    citations,
    suggestions: choice.verdict === "likely" ? suggestionsOf(1, mt.likelySuggestions) : [],
    ...(upcomingChange ? { upcomingChange } : {}),
  };
}

/**
 * The answer from one named section (a "Did you mean…" choice): its sentences that best answer
 * the question, quoted. Undefined when the policy has no such section.
 */
export function answerFromSection(
  policy: PolicyDocument,
  question: string,
  sectionId: string,
  options: AnswerOptions = {},
): Answer | undefined {
  const section = policy.sections.find((s) => s.id === sectionId);
  if (!section) return undefined;
  const text = question.slice(0, MAX_QUESTION_CHARS);
  const sentences = quoteSentences(
    section,
    text,
    passageIndexFor(policy),
    options.model?.speller,
    options.model,
  );
  const citations: Citation[] = sentences.map((s) => ({
    sectionId: section.id,
    heading: section.heading,
    quote: s.text,
    ...(s.leadIn ? { leadIn: s.leadIn } : {}),
  }));
  const upcomingChange = upcomingChangeFor(policy, options.upcoming, citations);
  return {
    answered: citations.length > 0,
    answer: render(citations, upcomingChange),
    citations,
    suggestions: [],
    ...(upcomingChange ? { upcomingChange } : {}),
  };
}
