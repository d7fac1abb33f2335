import type { PolicyDocument, Section } from "../policy/policyDocument";
import { analyse, expandQuery } from "./lexicon";
import { sentencesOfSection } from "./policySentences";
import { Speller } from "./spelling";
import { normalise, stem, words } from "./tokenize";

/*
 * A supervised classifier from a question to the section that answers it (or to "out of
 * scope"), in the manner of fastText: the question becomes a bag of sparse features — word
 * stems, word pairs, character n-grams of each word (so "facebok" still shares most of its
 * pieces with "facebook"), and the lexicon's concepts — and one linear layer with a softmax
 * scores every class. It is trained by `npm run qa:train` from a bank of questions written per
 * section from the policy (QnA Maker's "alternate questions") plus the policy's own sentences,
 * so a section nobody wrote questions for is still learnt from its text. Pure: training and
 * scoring are deterministic functions of their inputs; the file it is stored in is the
 * adapters' business.
 */

export const OUT_OF_SCOPE = "__out-of-scope__";

export interface TrainingExample {
  readonly question: string;
  /** Section ids that answer it, the first the best; empty for an out-of-scope question. */
  readonly sections: readonly string[];
  /** The sentence of its first section that answers it, verbatim: what its answer should quote. */
  readonly sentence?: string;
}

/** The stored model: JSON-serialisable, weights quantised to keep the file small. */
export interface QuestionModelData {
  readonly format: 1;
  /** Which policy it was trained on, so a different version can be told apart. */
  readonly policyVersion: string;
  /** Class labels: section ids, then OUT_OF_SCOPE. */
  readonly labels: readonly string[];
  /** Each section's heading when trained, to notice a section whose meaning may have moved. */
  readonly headings: Readonly<Record<string, string>>;
  readonly features: readonly string[];
  /** weights[f * labels.length + c], as integers; multiply by `scale`. */
  readonly weights: readonly number[];
  readonly bias: readonly number[];
  readonly scale: number;
  /** Words and how often the policy and the bank use them, for spelling correction. */
  readonly vocabulary: Readonly<Record<string, number>>;
  /**
   * The bank's questions per section, so the sentence quoted can be found through the words
   * staff use for it, not only the policy's (see sentenceQuote.ts).
   */
  readonly examples: Readonly<Record<string, readonly string[]>>;
  /**
   * Per section, the sentences its `examples` are linked to, and for each example the index of
   * its sentence (-1 when none), so a question like a linked one quotes that sentence. The text,
   * not its place, is kept: a published version that edits one sentence loses only that link.
   * Absent from models trained before links.
   */
  readonly sentenceLinks?: Readonly<Record<string, SentenceLinks>>;
}

export interface SentenceLinks {
  readonly sentences: readonly string[];
  readonly of: readonly number[];
}

export interface ClassScore {
  readonly label: string;
  /** Softmax probability, 0..1. */
  readonly p: number;
}

const MIN_N = 3;
const MAX_N = 5;

/** Every word of a question as written and as the speller reads it. */
function wordsOf(text: string, speller: Speller | undefined): { raw: string[]; fixed: string[] } {
  const raw = words(normalise(text));
  return { raw, fixed: speller ? raw.map((w) => speller.correct(w)) : raw };
}

/** The sparse features of a question, each with its weight (before normalising). */
export function featuresOf(text: string, speller?: Speller): Map<string, number> {
  const out = new Map<string, number>();
  const add = (f: string, w: number) => out.set(f, Math.max(out.get(f) ?? 0, w));
  const { raw, fixed } = wordsOf(text, speller);
  const stems = fixed.map(stem);
  for (let i = 0; i < stems.length; i++) {
    add(`w:${stems[i]}`, 1);
    if (i + 1 < stems.length) add(`b:${stems[i]}_${stems[i + 1]}`, 0.7);
  }
  for (const word of new Set([...raw, ...fixed])) {
    if (word.length < 3) continue;
    const padded = `<${word}>`;
    for (let n = MIN_N; n <= MAX_N; n++) {
      for (let i = 0; i + n <= padded.length; i++) add(`g:${padded.slice(i, i + n)}`, 0.35);
    }
  }
  // The lexicon's reading: phrases ("slag off"), stop words gone, near-synonyms and kin.
  const corrected = fixed.join(" ");
  for (const [term, weight] of expandQuery(analyse(corrected))) add(`c:${term}`, 0.8 * weight);
  return out;
}

function normalised(features: Map<string, number>): Map<string, number> {
  let sum = 0;
  for (const w of features.values()) sum += w * w;
  const norm = Math.sqrt(sum) || 1;
  const out = new Map<string, number>();
  for (const [f, w] of features) out.set(f, w / norm);
  return out;
}

/** Word counts of the policy and the training questions: what the speller trusts. */
export function vocabularyOf(
  policy: PolicyDocument,
  examples: readonly TrainingExample[],
): Map<string, number> {
  const policyWords = new Map<string, number>();
  const bankWords = new Map<string, number>();
  const count = (into: Map<string, number>, text: string) => {
    for (const w of words(normalise(text))) into.set(w, (into.get(w) ?? 0) + 1);
  };
  for (const s of policy.sections) {
    count(policyWords, s.heading);
    for (const p of s.paragraphs) count(policyWords, p);
  }
  for (const e of examples) count(bankWords, e.question);
  // The bank is written the way staff type, slips included: a word it uses once ("facebok")
  // is not trusted as a spelling, nor is a word a few questions use a target to mend ordinary
  // words into ("morning" is not a slip for "moaning"); the policy's words always are.
  const counts = new Map<string, number>();
  for (const [w, n] of policyWords) counts.set(w, n * 5);
  for (const [w, n] of bankWords) {
    if (n >= 8 || counts.has(w)) counts.set(w, (counts.get(w) ?? 0) + n);
  }
  return counts;
}

/** The policy's own sentences as training examples, so every section is learnt from its text. */
export function policyExamples(policy: PolicyDocument): TrainingExample[] {
  const out: TrainingExample[] = [];
  for (const s of policy.sections) {
    out.push({ question: s.heading, sections: [s.id] });
    for (const p of s.paragraphs) {
      for (const sentence of p.split(/(?<=[.;:?!])\s+/)) {
        if (sentence.trim().split(/\s+/).length >= 4)
          out.push({ question: sentence, sections: [s.id] });
      }
    }
  }
  return out;
}

/** A small deterministic generator, so the same bank always trains the same model. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LETTERS = "abcdefghijklmnopqrstuvwxyz";

/** One typing slip in one longer word: a letter dropped, doubled, swapped or mistyped. */
function withTypo(text: string, next: () => number): string {
  const parts = text.split(/(\s+)/);
  const candidates = parts.map((p, i) => [p, i] as const).filter(([p]) => /^[a-z]{5,}$/i.test(p));
  if (candidates.length === 0) return text;
  const [word, at] = candidates[Math.floor(next() * candidates.length)]!;
  const i = 1 + Math.floor(next() * (word.length - 2));
  const kind = Math.floor(next() * 4);
  let typo: string;
  if (kind === 0) typo = word.slice(0, i) + word.slice(i + 1);
  else if (kind === 1) typo = word.slice(0, i) + word[i] + word.slice(i);
  else if (kind === 2) typo = word.slice(0, i - 1) + word[i] + word[i - 1] + word.slice(i + 1);
  else typo = word.slice(0, i) + LETTERS[Math.floor(next() * 26)] + word.slice(i + 1);
  parts[at] = typo;
  return parts.join("");
}

export interface TrainingOptions {
  readonly epochs: number;
  readonly learningRate: number;
  readonly l2: number;
  /** Extra copies of each bank question with a typing slip. */
  readonly typoCopies: number;
  /** Weight of a policy sentence against a bank question. */
  readonly policyWeight: number;
  /** Features seen fewer times than this are dropped (noise, and file size). */
  readonly minCount: number;
  readonly seed: number;
  /** Weights are stored as integers in ±levels (times a scale). */
  readonly levels: number;
  /** Training runs (different orders) whose weights are averaged. */
  readonly runs: number;
}

export const DEFAULT_TRAINING: TrainingOptions = {
  epochs: 30,
  learningRate: 0.5,
  l2: 1e-5,
  typoCopies: 2,
  policyWeight: 0.5,
  minCount: 2,
  seed: 20,
  levels: 127,
  runs: 3,
};

interface Row {
  readonly x: readonly (readonly [number, number])[];
  /** Target distribution over classes (the first section counts most). */
  readonly y: readonly (readonly [number, number])[];
  readonly weight: number;
}

/** Trains the classifier (softmax regression, Adagrad) on the bank and the policy's sentences. */
export function trainQuestionModel(
  policy: PolicyDocument,
  bank: readonly TrainingExample[],
  options: Partial<TrainingOptions> = {},
): QuestionModelData {
  const o = { ...DEFAULT_TRAINING, ...options };
  const next = random(o.seed);
  const known = new Set(policy.sections.map((s) => s.id));
  const labels = [...policy.sections.map((s) => s.id), OUT_OF_SCOPE];
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  // In a fixed order, so the same bank trains the same model however its files are listed.
  const usable = bank
    .map((e) => ({ ...e, sections: e.sections.filter((s) => known.has(s)) }))
    .filter((e, i) => e.sections.length > 0 || bank[i]!.sections.length === 0)
    .sort((a, z) => (a.question < z.question ? -1 : a.question > z.question ? 1 : 0));
  // Each section's examples, grouped once for the examples and their sentence links.
  const bySection = new Map(policy.sections.map((s) => [s.id, [] as TrainingExample[]]));
  for (const e of usable) if (e.sections[0]) bySection.get(e.sections[0])?.push(e);
  const examplesFor = (sectionId: string) => bySection.get(sectionId) ?? [];
  const vocabulary = vocabularyOf(policy, usable);
  const speller = new Speller(vocabulary);

  const raw: { f: Map<string, number>; sections: readonly string[]; weight: number }[] = [];
  for (const e of usable) {
    raw.push({ f: featuresOf(e.question, speller), sections: e.sections, weight: 1 });
    for (let k = 0; k < o.typoCopies; k++) {
      // The typo is seen as typed (character n-grams) and as the speller would mend it.
      raw.push({
        f: featuresOf(withTypo(e.question, next), speller),
        sections: e.sections,
        weight: 0.5,
      });
    }
  }
  for (const e of policyExamples(policy)) {
    raw.push({ f: featuresOf(e.question, speller), sections: e.sections, weight: o.policyWeight });
  }

  const counts = new Map<string, number>();
  for (const r of raw) for (const f of r.f.keys()) counts.set(f, (counts.get(f) ?? 0) + 1);
  const features = [...counts]
    .filter(([, n]) => n >= o.minCount)
    .map(([f]) => f)
    .sort();
  const featureIndex = new Map(features.map((f, i) => [f, i]));

  const rows: Row[] = raw.map((r) => {
    const x: [number, number][] = [];
    for (const [f, w] of normalised(new Map([...r.f].filter(([f]) => featureIndex.has(f))))) {
      x.push([featureIndex.get(f)!, w]);
    }
    const y: [number, number][] =
      r.sections.length === 0
        ? [[labelIndex.get(OUT_OF_SCOPE)!, 1]]
        : r.sections.map((s, i) => [labelIndex.get(s)!, i === 0 ? 1 : 0.5] as [number, number]);
    const total = y.reduce((sum, [, v]) => sum + v, 0);
    return { x, y: y.map(([c, v]) => [c, v / total] as const), weight: r.weight };
  });

  const C = labels.length;
  // Several runs in different orders, their weights averaged: one run's answer to a rare
  // wording depends on the order it happened to see the bank in; the average does not.
  const W = new Float64Array(features.length * C);
  const b = new Float64Array(C);
  for (let run = 0; run < o.runs; run++) {
    const one = trainOnce(rows, features.length, C, o, random(o.seed + 1000 * (run + 1)));
    for (let k = 0; k < W.length; k++) W[k]! += one.W[k]! / o.runs;
    for (let c = 0; c < C; c++) b[c]! += one.b[c]! / o.runs;
  }

  let maxAbs = 0;
  for (const w of W) maxAbs = Math.max(maxAbs, Math.abs(w));
  const scale = maxAbs / o.levels || 1;
  return {
    format: 1,
    policyVersion: policy.meta.version,
    labels,
    headings: Object.fromEntries(policy.sections.map((s) => [s.id, s.heading])),
    features,
    weights: Array.from(W, (w) => Math.round(w / scale)),
    bias: Array.from(b, (v) => Math.round(v * 1000) / 1000),
    scale,
    vocabulary: Object.fromEntries([...vocabulary].sort(([a], [z]) => (a < z ? -1 : 1))),
    examples: Object.fromEntries(
      policy.sections.map((s) => [s.id, examplesFor(s.id).map((e) => e.question)]),
    ),
    sentenceLinks: Object.fromEntries(
      policy.sections.map((s) => [s.id, linksOf(s, examplesFor(s.id))]),
    ),
  };
}

/** A section's examples' sentences; a link to a sentence the policy no longer has is dropped. */
function linksOf(section: Section, examples: readonly TrainingExample[]): SentenceLinks {
  const texts = new Set(sentencesOfSection(section).map((c) => c.text));
  const sentences: string[] = [];
  const at = new Map<string, number>();
  const of = examples.map((e) => {
    if (!e.sentence || !texts.has(e.sentence)) return -1;
    let i = at.get(e.sentence);
    if (i === undefined) at.set(e.sentence, (i = sentences.push(e.sentence) - 1));
    return i;
  });
  return { sentences, of };
}

/** One pass of softmax regression by Adagrad over the rows, in an order `next` shuffles. */
function trainOnce(
  rows: readonly Row[],
  featureCount: number,
  C: number,
  o: TrainingOptions,
  next: () => number,
): { W: Float64Array; b: Float64Array } {
  const W = new Float64Array(featureCount * C);
  const G = new Float64Array(featureCount * C).fill(1e-8);
  const b = new Float64Array(C);
  const Gb = new Float64Array(C).fill(1e-8);
  const order = rows.map((_, i) => i);
  const scores = new Float64Array(C);
  const target = new Float64Array(C);
  const grad = new Float64Array(C);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const i of order) {
      const r = rows[i]!;
      for (let c = 0; c < C; c++) scores[c] = b[c]!;
      for (const [f, v] of r.x) for (let c = 0; c < C; c++) scores[c]! += W[f * C + c]! * v;
      softmaxInPlace(scores);
      target.fill(0);
      for (const [c, v] of r.y) target[c] = v;
      for (let c = 0; c < C; c++) {
        const g = (scores[c]! - target[c]!) * r.weight;
        grad[c] = g;
        Gb[c]! += g * g;
        b[c]! -= (o.learningRate * g) / Math.sqrt(Gb[c]!);
      }
      // Feature by feature, each feature's weights for every class in a row of memory: every
      // weight is updated once from the same gradients, so the order changes nothing but speed.
      for (const [f, v] of r.x) {
        const base = f * C;
        for (let c = 0; c < C; c++) {
          const k = base + c;
          const gw = grad[c]! * v + o.l2 * W[k]!;
          G[k]! += gw * gw;
          W[k]! -= (o.learningRate * gw) / Math.sqrt(G[k]!);
        }
      }
    }
  }
  return { W, b };
}

function softmaxInPlace(scores: Float64Array): void {
  let max = -Infinity;
  for (const s of scores) max = Math.max(max, s);
  let sum = 0;
  for (let c = 0; c < scores.length; c++) {
    scores[c] = Math.exp(scores[c]! - max);
    sum += scores[c]!;
  }
  for (let c = 0; c < scores.length; c++) scores[c]! /= sum;
}

export interface SectionExamples {
  readonly examples: readonly {
    readonly question: string;
    readonly terms: ReadonlySet<string>;
    /** The sentence that answers it, when the bank links one. */
    readonly sentence?: string;
  }[];
  readonly byTerm: ReadonlyMap<string, readonly number[]>;
}

/** A loaded model, ready to score questions. */
export class QuestionModel {
  readonly labels: readonly string[];
  readonly speller: Speller;
  private readonly featureIndex: ReadonlyMap<string, number>;
  private readonly weights: Float32Array;
  private readonly bias: Float64Array;

  constructor(readonly data: QuestionModelData) {
    this.labels = data.labels;
    this.featureIndex = new Map(data.features.map((f, i) => [f, i]));
    this.weights = Float32Array.from(data.weights, (w) => w * data.scale);
    this.bias = Float64Array.from(data.bias);
    this.speller = new Speller(new Map(Object.entries(data.vocabulary)));
  }

  /**
   * The bank's questions for a section, each with its lexicon terms, and which of them use each
   * term (computed once per section).
   */
  examplesOf(sectionId: string): SectionExamples {
    let cached = this.exampleTerms.get(sectionId);
    if (!cached) {
      const links = this.data.sentenceLinks?.[sectionId];
      const examples = (this.data.examples[sectionId] ?? []).map((question, at) => {
        const sentence = links?.sentences[links.of[at] ?? -1];
        return { question, terms: new Set(analyse(question)), ...(sentence ? { sentence } : {}) };
      });
      const byTerm = new Map<string, number[]>();
      examples.forEach((e, at) => {
        for (const t of e.terms) {
          const list = byTerm.get(t);
          if (list) list.push(at);
          else byTerm.set(t, [at]);
        }
      });
      cached = { examples, byTerm };
      this.exampleTerms.set(sectionId, cached);
    }
    return cached;
  }

  private readonly exampleTerms = new Map<string, SectionExamples>();

  private lastFeatures?: { readonly text: string; readonly features: Map<string, number> };

  /**
   * A question's features as this model's speller reads them. The last question's are kept: one
   * answer reads them twice (to classify, then to find the sentence to quote).
   */
  featuresOf(text: string): ReadonlyMap<string, number> {
    if (this.lastFeatures?.text !== text) {
      this.lastFeatures = { text, features: featuresOf(text, this.speller) };
    }
    return this.lastFeatures.features;
  }

  /** Every class, most likely first. */
  classify(question: string): ClassScore[] {
    const C = this.labels.length;
    const scores = new Float64Array(this.bias);
    // The features the model knows, normalised to unit length (as `normalised` does, in one pass).
    const rows: number[] = [];
    const values: number[] = [];
    let sum = 0;
    for (const [f, w] of this.featuresOf(question)) {
      const row = this.featureIndex.get(f);
      if (row === undefined) continue;
      rows.push(row * C);
      values.push(w);
      sum += w * w;
    }
    const norm = Math.sqrt(sum) || 1;
    for (let i = 0; i < rows.length; i++) {
      const base = rows[i]!;
      const v = values[i]! / norm;
      for (let c = 0; c < C; c++) scores[c]! += this.weights[base + c]! * v;
    }
    softmaxInPlace(scores);
    return this.labels.map((label, c) => ({ label, p: scores[c]! })).sort((a, z) => z.p - a.p);
  }

  /** Whether the model knows this section as it stands in `policy` (same id and heading). */
  knowsSection(sectionId: string, heading: string): boolean {
    return this.data.headings[sectionId] === heading;
  }
}
