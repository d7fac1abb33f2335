import type { PolicyDocument } from "../policy/policyDocument";
import { Bm25, type QueryConcept } from "./bm25";
import { analyse } from "./lexicon";
import { SECTION_TOPICS } from "./sectionTopics";

/*
 * The policy cut into passages (a paragraph or a list item, each knowing its section), with
 * BM25 statistics over four views: the passage, its whole section, the heading alone, and the
 * section's topic words. Staff questions are short; the section view lets a list item borrow
 * its neighbours' context, and the heading view rewards a question that names the topic.
 */
export interface Passage {
  readonly sectionId: string;
  /** Exactly the policy's own heading. */
  readonly heading: string;
  /** The paragraph or list item as written, without its bullet. */
  readonly text: string;
  /** For a list item, the sentence introducing the list ("...prohibited from using social media to:"). */
  readonly leadIn?: string;
}

export interface ViewWeights {
  readonly section: number;
  readonly heading: number;
  readonly topic: number;
}

export interface ScoredPassage {
  readonly passage: Passage;
  readonly index: number;
  readonly score: number;
}

export const LIST_ITEM = /^\s*(-\s+|\d+\.\s|[a-z]\)\s|[ivx]+\.\s)/;

/** Strips a bullet ("- ") so a quote reads as the rule itself; item labels ("a)", "1.") stay. */
export function plainText(paragraph: string): string {
  return paragraph.replace(/^\s*-\s+/, "").trim();
}

export class PassageIndex {
  readonly passages: readonly Passage[];
  /** Every stem the policy (or its topic index) uses. */
  readonly vocabulary: ReadonlySet<string>;
  private readonly sectionIds: readonly string[];
  private readonly sectionOf: readonly number[];
  private readonly passageView: Bm25;
  private readonly sectionView: Bm25;
  private readonly headingView: Bm25;
  private readonly topicView: Bm25;

  constructor(readonly document: PolicyDocument) {
    const passages: Passage[] = [];
    const passageTokens: (readonly string[])[] = [];
    const sectionOf: number[] = [];
    const sectionTokens: (readonly string[])[] = [];
    const headingTokens: (readonly string[])[] = [];
    const topicTokens: (readonly string[])[] = [];
    document.sections.forEach((section, s) => {
      const heading = analyse(section.heading);
      const all: string[] = [...heading];
      let leadIn: string | undefined;
      for (const paragraph of section.paragraphs) {
        const text = plainText(paragraph);
        const tokens = analyse(text);
        all.push(...tokens);
        if (LIST_ITEM.test(paragraph)) {
          passages.push({
            sectionId: section.id,
            heading: section.heading,
            text,
            ...(leadIn ? { leadIn } : {}),
          });
          passageTokens.push(leadIn ? [...tokens, ...analyse(leadIn)] : tokens);
        } else {
          passages.push({ sectionId: section.id, heading: section.heading, text });
          passageTokens.push(tokens);
          if (/:\s*$/.test(text)) leadIn = text;
        }
        sectionOf.push(s);
      }
      sectionTokens.push(all);
      headingTokens.push(heading);
      topicTokens.push(analyse(SECTION_TOPICS[section.id] ?? ""));
    });
    this.passages = passages;
    this.sectionOf = sectionOf;
    this.sectionIds = document.sections.map((s) => s.id);
    this.passageView = new Bm25(passageTokens);
    this.sectionView = new Bm25(sectionTokens);
    // Headings are a few words each: length hardly matters.
    this.headingView = new Bm25(headingTokens, { b: 0.3 });
    this.topicView = new Bm25(topicTokens, { b: 0.5 });
    this.vocabulary = new Set([...sectionTokens.flat(), ...topicTokens.flat()]);
  }

  /** How rare a term is across passages: words every rule uses ("school", "staff") weigh little. */
  idf(term: string): number {
    return this.passageView.idf(term);
  }

  /** The weight of the rarest word the policy uses; a word it never uses weighs at least this. */
  get maxIdf(): number {
    return this.passageView.maxIdf;
  }

  /** Whether a section uses a term, in its heading, its text or its topic words. */
  sectionHas(sectionId: string, term: string): boolean {
    const s = this.sectionIds.indexOf(sectionId);
    return s >= 0 && (this.sectionView.has(s, term) || this.topicView.has(s, term));
  }

  /** How many sections use a term: a word most sections use cannot say which section is meant. */
  sectionCount(term: string): number {
    return this.sectionIds.filter((id) => this.sectionHas(id, term)).length;
  }

  /** Whether a section names a term in its heading or topic words: what it is about, not just says. */
  isTopical(sectionId: string, term: string): boolean {
    const s = this.sectionIds.indexOf(sectionId);
    return s >= 0 && (this.headingView.has(s, term) || this.topicView.has(s, term));
  }

  /** Every passage scored against weighted query terms, best first. */
  rank(query: readonly QueryConcept[], weights: ViewWeights): ScoredPassage[] {
    const section = this.sectionView.scoreAll(query);
    const heading = this.headingView.scoreAll(query);
    const topic = this.topicView.scoreAll(query);
    const passage = this.passageView.scoreAll(query);
    return this.passages
      .map((p, index) => {
        const s = this.sectionOf[index]!;
        const score =
          passage[index]! +
          weights.section * section[s]! +
          weights.heading * heading[s]! +
          weights.topic * topic[s]!;
        return { passage: p, index, score };
      })
      .sort((a, b) => b.score - a.score || a.index - b.index);
  }
}

const cache = new WeakMap<PolicyDocument, PassageIndex>();

/** The index of a document, built once per document object (a published version never changes). */
export function passageIndexFor(document: PolicyDocument): PassageIndex {
  let index = cache.get(document);
  if (!index) {
    index = new PassageIndex(document);
    cache.set(document, index);
  }
  return index;
}
