/*
 * Okapi BM25 over a fixed set of token lists, with weighted query terms so lexicon relatives
 * can count for less than the words actually asked. The idf is the non-negative "+1" form, so
 * a word found in most documents still counts a little rather than against the document.
 */
export interface Bm25Options {
  /** How quickly repeats of a term stop adding score. */
  readonly k1?: number;
  /** How much a long document is penalised (0: not at all, 1: fully). */
  readonly b?: number;
}

export interface WeightedTerm {
  readonly term: string;
  readonly weight: number;
}

/** One idea from the question: the word asked (weight 1) and the words that mean the same. */
export type QueryConcept = readonly WeightedTerm[];

interface Doc {
  readonly tf: ReadonlyMap<string, number>;
  readonly length: number;
}

/** Where a term occurs: document indexes and the term's count in each. */
interface Postings {
  readonly docs: number[];
  readonly counts: number[];
}

export class Bm25 {
  private readonly docs: readonly Doc[];
  private readonly df = new Map<string, number>();
  /** Term to documents: scoring a question touches only the documents that use its words. */
  private readonly postings = new Map<string, Postings>();
  private readonly lengthNorms: Float64Array;
  private readonly avgLength: number;
  private readonly k1: number;
  private readonly b: number;

  constructor(documents: readonly (readonly string[])[], options: Bm25Options = {}) {
    this.k1 = options.k1 ?? 1.2;
    this.b = options.b ?? 0.75;
    this.docs = documents.map((tokens) => {
      const tf = new Map<string, number>();
      for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
      return { tf, length: tokens.length };
    });
    for (const d of this.docs)
      for (const t of d.tf.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    this.avgLength = this.docs.reduce((n, d) => n + d.length, 0) / Math.max(1, this.docs.length);
    this.lengthNorms = Float64Array.from(this.docs, (d) => this.lengthNorm(d));
    this.docs.forEach((d, index) => {
      if (d.length === 0) return;
      for (const [term, count] of d.tf) {
        let p = this.postings.get(term);
        if (!p) this.postings.set(term, (p = { docs: [], counts: [] }));
        p.docs.push(index);
        p.counts.push(count);
      }
    });
  }

  private lengthNorm(doc: Doc): number {
    return 1 - this.b + (this.b * doc.length) / (this.avgLength || 1);
  }

  get size(): number {
    return this.docs.length;
  }

  /** How telling a term is: high when few documents use it. */
  idf(term: string): number {
    const n = this.df.get(term) ?? 0;
    return Math.log(1 + (this.docs.length - n + 0.5) / (n + 0.5));
  }

  /** The idf of a term found in exactly one document: the most a known term can weigh. */
  get maxIdf(): number {
    return Math.log(1 + (this.docs.length - 0.5) / 1.5);
  }

  has(docIndex: number, term: string): boolean {
    return (this.docs[docIndex]?.tf.get(term) ?? 0) > 0;
  }

  /**
   * A document's score for a query of concepts: each concept is a word asked plus its lexicon
   * relatives, and counts once, by its best-matching term. Summing the relatives instead would
   * let one staff word ("TA") that has many policy synonyms outweigh the rest of the question.
   */
  score(docIndex: number, query: readonly QueryConcept[]): number {
    const doc = this.docs[docIndex];
    if (!doc || doc.length === 0) return 0;
    const lengthNorm = this.lengthNorm(doc);
    let total = 0;
    for (const concept of query) {
      let best = 0;
      for (const { term, weight } of concept) {
        const tf = doc.tf.get(term);
        if (!tf) continue;
        best = Math.max(
          best,
          weight * this.idf(term) * ((tf * (this.k1 + 1)) / (tf + this.k1 * lengthNorm)),
        );
      }
      total += best;
    }
    return total;
  }

  /**
   * Every document's score at once, exactly as score() would give it, walking only the postings
   * of the query's terms: the same sums in the same order, so rankings cannot differ.
   */
  scoreAll(query: readonly QueryConcept[]): Float64Array {
    const totals = new Float64Array(this.docs.length);
    const best = new Float64Array(this.docs.length);
    const touched: number[] = [];
    for (const concept of query) {
      for (const { term, weight } of concept) {
        const p = this.postings.get(term);
        if (!p) continue;
        const idf = this.idf(term);
        for (let i = 0; i < p.docs.length; i++) {
          const d = p.docs[i]!;
          const tf = p.counts[i]!;
          const value =
            weight * idf * ((tf * (this.k1 + 1)) / (tf + this.k1 * this.lengthNorms[d]!));
          if (value > best[d]!) {
            if (best[d] === 0) touched.push(d);
            best[d] = value;
          }
        }
      }
      for (const d of touched) {
        totals[d] = totals[d]! + best[d]!;
        best[d] = 0;
      }
      touched.length = 0;
    }
    return totals;
  }
}
