import type { PolicyDocument } from "../policy/policyDocument";
import { expandQuery, isSoftTerm, relatedTerms, rewritePhrases } from "./lexicon";
import type { PassageIndex, ScoredPassage } from "./passageIndex";
import { stem, tokenize, words } from "./tokenize";

/*
 * Answer from the policy's own words, or say plainly that it does not say. A wrong confident
 * answer is worse than none, so the abstain rule asks two things: do the question's specific
 * words belong to this policy at all (coverage), and does some passage match them well (score)?
 */
export interface Citation {
  readonly sectionId: string;
  readonly heading: string;
  readonly quote: string;
}

export interface Answer {
  readonly answered: boolean;
  readonly answer: string;
  readonly citations: readonly Citation[];
  /** When an upcoming version changes a cited section. */
  readonly upcomingChange?: string;
}

export interface UpcomingVersion {
  readonly label: string;
  readonly effectiveFrom: string;
  readonly document: PolicyDocument;
}

/** Words every question here shares; they say nothing about which rule is meant. */
const GENERIC = new Set(
  words("school schools policy policies staff social media use using used member members people person thing things work working do allowed able okay need want know ask").map(stem),
);

export const POLICY_OWNER_TITLE = "the Assistant Headteacher, Digital Technology and Innovation";

/** The retrieval and abstain settings; one place, so evaluation can show what each one does. */
export interface Tuning {
  readonly minCoverage: number;
  readonly relatedCredit: number;
  /** Weight of a word the policy never uses, as a share of the rarest word's weight. */
  readonly unknownWordWeight: number;
  readonly minTopScore: number;
  readonly sectionWeight: number;
  readonly headingWeight: number;
  readonly topicWeight: number;
}

export const DEFAULT_TUNING: Tuning = {
  minCoverage: 0.35,
  relatedCredit: 0.6,
  unknownWordWeight: 1,
  minTopScore: 3.2,
  sectionWeight: 0.6,
  headingWeight: 0.5,
  topicWeight: 1.2,
};
const MAX_CITATIONS = 3;

/**
 * How much of what the question is specifically about the cited section speaks to, weighting
 * each word by how telling it is: a word the policy never uses ("canteen", "parking") is the
 * most telling of all, so a question built around one is not answered from a loose match.
 */
export function coverage(index: PassageIndex, terms: readonly string[], sectionId: string, tuning: Tuning = DEFAULT_TUNING): number {
  const specific = Array.from(new Set(terms.filter((t) => !GENERIC.has(t) && !isSoftTerm(t))));
  if (specific.length === 0) return terms.length > 0 ? 1 : 0;
  let total = 0;
  let matched = 0;
  for (const t of specific) {
    const weight = index.vocabulary.has(t) ? index.idf(t) : index.maxIdf * tuning.unknownWordWeight;
    total += weight;
    if (index.sectionHas(sectionId, t)) matched += weight;
    else if (relatedTerms(t).some((r) => index.sectionHas(sectionId, r))) matched += weight * tuning.relatedCredit;
  }
  return total === 0 ? 0 : matched / total;
}

function citationsFrom(ranked: readonly ScoredPassage[]): Citation[] {
  const top = ranked[0]?.score ?? 0;
  const seen = new Set<string>();
  const citations: Citation[] = [];
  for (const { passage, score } of ranked) {
    if (citations.length >= MAX_CITATIONS || score < top * 0.6) break;
    if (seen.has(passage.sectionId)) continue;
    seen.add(passage.sectionId);
    citations.push({ sectionId: passage.sectionId, heading: passage.heading, quote: passage.text });
  }
  return citations;
}

function upcomingChangeFor(current: PolicyDocument, upcoming: UpcomingVersion | undefined, citations: readonly Citation[]): string | undefined {
  if (!upcoming) return undefined;
  for (const c of citations) {
    const now = current.sections.find((s) => s.id === c.sectionId);
    const next = upcoming.document.sections.find((s) => s.id === c.sectionId);
    if (!next) {
      return `The upcoming version (${upcoming.label}, in force from ${upcoming.effectiveFrom}) removes the section "${c.heading}".`;
    }
    if (now && next.paragraphs.join("\n") !== now.paragraphs.join("\n")) {
      return `The upcoming version (${upcoming.label}, in force from ${upcoming.effectiveFrom}) changes the section "${c.heading}".`;
    }
  }
  return undefined;
}

export function notCoveredAnswer(): Answer {
  return {
    answered: false,
    answer: `The Staff Social Media Policy does not say. You can ask the policy owner, ${POLICY_OWNER_TITLE}.`,
    citations: [],
  };
}

export function answerQuestion(
  index: PassageIndex,
  question: string,
  upcoming?: UpcomingVersion,
  tuning: Tuning = DEFAULT_TUNING,
): Answer {
  const terms = tokenize(rewritePhrases(question.slice(0, 2000)));
  if (terms.length === 0) return notCoveredAnswer();
  const ranked = index.rank(expandQuery(terms), tuning.sectionWeight, tuning.headingWeight, tuning.topicWeight);
  const best = ranked[0];
  if (!best || best.score < tuning.minTopScore) return notCoveredAnswer();
  if (coverage(index, terms, best.passage.sectionId, tuning) < tuning.minCoverage) return notCoveredAnswer();
  const citations = citationsFrom(ranked);
  const [first] = citations;
  if (!first) return notCoveredAnswer();
  const upcomingChange = upcomingChangeFor(index.document, upcoming, citations);
  const answer = [`The policy says, under "${first.heading}":`, `"${first.quote}"`, ...(upcomingChange ? [upcomingChange] : [])].join("\n");
  return { answered: true, answer, citations, ...(upcomingChange ? { upcomingChange } : {}) };
}
