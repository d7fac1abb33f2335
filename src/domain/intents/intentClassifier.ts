/*
 * A small fastText-style classifier: multinomial logistic regression over sparse features of
 * the (spelling-corrected) words — the words, word pairs, and letter 3- and 4-grams of each
 * word, so "reporting", "reported" and "reprot" share most of their evidence. Trained in
 * well under a second from a few thousand labelled lines, deterministically (fixed shuffles),
 * so the same bank always gives the same model.
 */

export interface LabelledText {
  readonly text: string;
  readonly label: string;
}

export interface TrainingOptions {
  readonly epochs: number;
  readonly learningRate: number;
  readonly l2: number;
  /** Labels are weighted towards balance by (largest / own count) ** this; 0 = no weighting. */
  readonly balance: number;
  readonly seed: number;
  /** Runs in different orders whose weights are averaged (SGD's last step is noisy). */
  readonly runs: number;
}

export const DEFAULT_TRAINING: TrainingOptions = {
  epochs: 12,
  learningRate: 0.6,
  l2: 1e-4,
  balance: 0.75,
  seed: 20,
  runs: 3,
};

export interface Scored {
  readonly label: string;
  readonly probability: number;
}

/** The sparse features of one text's words (already normalised and corrected). */
export function featuresOf(tokens: readonly string[]): string[] {
  const out = new Set<string>();
  tokens.forEach((t, i) => {
    out.add(`w:${t}`);
    if (i > 0) out.add(`b:${tokens[i - 1]}_${t}`);
    const padded = `<${t}>`;
    for (const n of [3, 4]) {
      for (let s = 0; s + n <= padded.length; s++) out.add(`c:${padded.slice(s, s + n)}`);
    }
  });
  if (tokens.length > 0) out.add(`first:${tokens[0]}`);
  out.add(`len:${Math.min(tokens.length, 8)}`);
  return [...out];
}

/** A seeded linear congruential generator: the shuffle is the same on every machine. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export class IntentClassifier {
  private constructor(
    readonly labels: readonly string[],
    private readonly featureIndex: ReadonlyMap<string, number>,
    private readonly weights: Float64Array,
    private readonly bias: Float64Array,
  ) {}

  /** `examples` carry their words already tokenised (see normalise.ts). */
  static train(
    examples: readonly { readonly tokens: readonly string[]; readonly label: string }[],
    options: TrainingOptions = DEFAULT_TRAINING,
  ): IntentClassifier {
    const labels = [...new Set(examples.map((e) => e.label))].sort();
    const labelIndex = new Map(labels.map((l, i) => [l, i]));
    const featureIndex = new Map<string, number>();
    const encoded = examples.map((e) => {
      const ids = featuresOf(e.tokens).map((f) => {
        let id = featureIndex.get(f);
        if (id === undefined) {
          id = featureIndex.size;
          featureIndex.set(f, id);
        }
        return id;
      });
      return { ids, label: labelIndex.get(e.label)! };
    });
    const k = labels.length;
    const weights = new Float64Array(featureIndex.size * k);
    const bias = new Float64Array(k);
    // Averaged over runs in different orders: one run's last steps move about 3% of readings
    // with the seed alone (24 of 846 test phrasings); three runs halve that.
    const runs = options.runs;
    for (let run = 0; run < runs; run++) {
      const one = IntentClassifier.trainRun(examples, encoded, labels, featureIndex.size, {
        ...options,
        seed: options.seed + 7919 * run,
      });
      for (let i = 0; i < weights.length; i++) weights[i] = weights[i]! + one.weights[i]! / runs;
      for (let c = 0; c < k; c++) bias[c] = bias[c]! + one.bias[c]! / runs;
    }
    return new IntentClassifier(labels, featureIndex, weights, bias);
  }

  private static trainRun(
    examples: readonly { readonly tokens: readonly string[]; readonly label: string }[],
    encoded: readonly { ids: number[]; label: number }[],
    labels: readonly string[],
    featureCount: number,
    options: TrainingOptions,
  ): { weights: Float64Array; bias: Float64Array } {
    const k = labels.length;
    const weights = new Float64Array(featureCount * k);
    const bias = new Float64Array(k);
    const counts = labels.map((l) => examples.filter((e) => e.label === l).length);
    const largest = Math.max(...counts);
    const labelWeight = counts.map((c) => (largest / c) ** options.balance);
    const order = shuffled(encoded, options.seed);
    const scores = new Float64Array(k);
    const grad = new Float64Array(k);
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      const rate = options.learningRate / (1 + epoch * 0.2);
      for (const { ids, label } of epoch === 0 ? order : shuffled(order, options.seed + epoch)) {
        const x = 1 / Math.sqrt(ids.length);
        IntentClassifier.softmaxInto(scores, ids, x, weights, bias, k);
        for (let c = 0; c < k; c++) {
          grad[c] = (scores[c]! - (c === label ? 1 : 0)) * labelWeight[label]!;
          bias[c] = bias[c]! - rate * grad[c]!;
        }
        // Feature by feature, its labels' weights side by side in memory (each weight's update
        // is the same single step whatever the order, so the model is the same bit for bit).
        for (const f of ids) {
          const base = f * k;
          for (let c = 0; c < k; c++) {
            const w = base + c;
            weights[w] = weights[w]! - rate * (grad[c]! * x + options.l2 * weights[w]!);
          }
        }
      }
    }
    return { weights, bias };
  }

  private static softmaxInto(
    out: Float64Array,
    ids: readonly number[],
    x: number,
    weights: Float64Array,
    bias: Float64Array,
    k: number,
  ): void {
    // Each label's sum is added feature by feature in the same order as a label-by-label loop.
    for (let c = 0; c < k; c++) out[c] = bias[c]!;
    for (const f of ids) {
      const base = f * k;
      for (let c = 0; c < k; c++) out[c] = out[c]! + weights[base + c]! * x;
    }
    let max = -Infinity;
    for (let c = 0; c < k; c++) if (out[c]! > max) max = out[c]!;
    let sum = 0;
    for (let c = 0; c < k; c++) {
      out[c] = Math.exp(out[c]! - max);
      sum += out[c]!;
    }
    for (let c = 0; c < k; c++) out[c] = out[c]! / sum;
  }

  /** Every label's probability, most likely first. */
  classify(tokens: readonly string[]): Scored[] {
    const k = this.labels.length;
    const ids = featuresOf(tokens)
      .map((f) => this.featureIndex.get(f))
      .filter((id): id is number => id !== undefined);
    const scores = new Float64Array(k);
    // Nothing known at all: no evidence for any label (uniform), the caller treats it as unsure.
    IntentClassifier.softmaxInto(
      scores,
      ids,
      ids.length ? 1 / Math.sqrt(ids.length) : 0,
      this.weights,
      this.bias,
      k,
    );
    return this.labels
      .map((label, c) => ({ label, probability: scores[c]! }))
      .sort((a, b) => b.probability - a.probability || a.label.localeCompare(b.label));
  }

  get featureCount(): number {
    return this.featureIndex.size;
  }
}
