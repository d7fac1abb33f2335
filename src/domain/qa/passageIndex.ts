import type { PolicyDocument } from "../policy/policyDocument";
import { SECTION_TOPICS } from "./sectionTopics";
import { tokenize } from "./tokenize";

/*
 * The policy cut into passages (a paragraph or a list item, each knowing its section), with
 * BM25 statistics over three views: the passage, its whole section, and the heading alone.
 * Staff questions are short; the section view lets a passage borrow context from its
 * neighbours, and the heading view rewards questions that name the topic.
 */
export interface Passage {
  readonly sectionId: string;
  readonly heading: string;
  readonly text: string;
}

interface Doc {
  readonly tf: Map<string, number>;
  readonly length: number;
}

class Bm25 {
  private readonly df = new Map<string, number>();
  private readonly avgLength: number;

  constructor(
    readonly docs: readonly Doc[],
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {
    for (const d of docs) for (const t of d.tf.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    this.avgLength = docs.reduce((n, d) => n + d.length, 0) / Math.max(1, docs.length);
  }

  idf(term: string): number {
    const n = this.df.get(term) ?? 0;
    return Math.log(1 + (this.docs.length - n + 0.5) / (n + 0.5));
  }

  score(doc: Doc, weights: ReadonlyMap<string, number>): number {
    let total = 0;
    for (const [term, weight] of weights) {
      const tf = doc.tf.get(term);
      if (!tf) continue;
      const norm = tf * (this.k1 + 1) / (tf + this.k1 * (1 - this.b + (this.b * doc.length) / this.avgLength));
      total += weight * this.idf(term) * norm;
    }
    return total;
  }
}

function docOf(tokens: readonly string[]): Doc {
  const tf = new Map<string, number>();
  for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
  return { tf, length: tokens.length };
}

/** Strips list markers ("- a)", "1.", "- iv.") so a quote reads as the rule itself. */
export function plainText(paragraph: string): string {
  return paragraph.replace(/^\s*-\s*/, "").trim();
}

export interface ScoredPassage {
  readonly passage: Passage;
  readonly score: number;
}

export class PassageIndex {
  readonly passages: readonly Passage[];
  private readonly passageDocs: Doc[];
  private readonly sectionDocs = new Map<string, Doc>();
  private readonly headingDocs = new Map<string, Doc>();
  private readonly topicDocs = new Map<string, Doc>();
  private readonly passageBm25: Bm25;
  private readonly sectionBm25: Bm25;
  private readonly headingBm25: Bm25;
  private readonly topicBm25: Bm25;
  /** Every stem the policy uses: a question about none of them is not about this policy. */
  readonly vocabulary: ReadonlySet<string>;

  constructor(readonly document: PolicyDocument) {
    const passages: Passage[] = [];
    for (const section of document.sections) {
      for (const paragraph of section.paragraphs) {
        passages.push({ sectionId: section.id, heading: section.heading, text: plainText(paragraph) });
      }
      const headingTokens = tokenize(section.heading);
      this.headingDocs.set(section.id, docOf(headingTokens));
      this.sectionDocs.set(section.id, docOf([...headingTokens, ...tokenize(section.paragraphs.join(" "))]));
      this.topicDocs.set(section.id, docOf(tokenize(SECTION_TOPICS[section.id] ?? "")));
    }
    this.passages = passages;
    this.passageDocs = passages.map((p) => docOf([...tokenize(p.heading), ...tokenize(p.text)]));
    this.passageBm25 = new Bm25(this.passageDocs);
    this.sectionBm25 = new Bm25([...this.sectionDocs.values()]);
    this.headingBm25 = new Bm25([...this.headingDocs.values()], 1.2, 0.3);
    this.topicBm25 = new Bm25([...this.topicDocs.values()], 1.2, 0.5);
    const vocabulary = new Set<string>();
    for (const d of [...this.sectionDocs.values(), ...this.topicDocs.values()]) for (const t of d.tf.keys()) vocabulary.add(t);
    this.vocabulary = vocabulary;
  }

  /** How rare a term is across passages: generic words ("school", "staff") weigh little. */
  idf(term: string): number {
    return this.passageBm25.idf(term);
  }

  /** Whether a section uses a term (its heading or any paragraph). */
  sectionHas(sectionId: string, term: string): boolean {
    return (this.sectionDocs.get(sectionId)?.tf.get(term) ?? 0) > 0 || (this.topicDocs.get(sectionId)?.tf.get(term) ?? 0) > 0;
  }

  /** The idf a term would have if it were in one passage: the weight of a word the policy lacks. */
  get maxIdf(): number {
    return this.passageBm25.idf("\u0000");
  }

  rank(weights: ReadonlyMap<string, number>, sectionWeight = 0.6, headingWeight = 0.5, topicWeight = 0.8): ScoredPassage[] {
    return this.passages
      .map((passage, i) => {
        const own = this.passageBm25.score(this.passageDocs[i]!, weights);
        const section = this.sectionBm25.score(this.sectionDocs.get(passage.sectionId)!, weights);
        const heading = this.headingBm25.score(this.headingDocs.get(passage.sectionId)!, weights);
        const topic = this.topicBm25.score(this.topicDocs.get(passage.sectionId)!, weights);
        return { passage, score: own + sectionWeight * section + headingWeight * heading + topicWeight * topic };
      })
      .sort((a, b) => b.score - a.score);
  }
}
