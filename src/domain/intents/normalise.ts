/*
 * Words as the intent recogniser sees them: lower case, accents and curly quotes flattened,
 * contractions spelled out ("I'd" → "i would", "can't" → "cannot"), possessives dropped, and
 * anything but letters and digits turned into spaces. Staff type fast in Teams, so a word the
 * recogniser has never seen is corrected to the nearest word it knows when one is close enough
 * ("repot" → "report", "jounalist" → "journalist").
 */

const CONTRACTIONS: readonly (readonly [RegExp, string])[] = [
  [/\bcan'?t\b/g, "cannot"],
  [/\bwon'?t\b/g, "will not"],
  [/\bi'?m\b/g, "i am"],
  [/n't\b/g, " not"],
  [/'ve\b/g, " have"],
  [/'d\b/g, " would"],
  [/'ll\b/g, " will"],
  [/'re\b/g, " are"],
  [/'s\b/g, ""],
  [/s'(?=\s|$)/g, "s"],
];

/** Lower-cased words, contractions spelled out, punctuation gone. */
export function words(text: string): string[] {
  let t = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`´]/g, "'");
  for (const [pattern, replacement] of CONTRACTIONS) t = t.replace(pattern, replacement);
  return t
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .filter(Boolean);
}

/** Optimal string alignment distance (a swap of two letters counts once), capped for speed. */
export function editDistance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    let rowMin = Infinity;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(
        d[(i - 1) * cols + j]! + 1,
        d[i * cols + j - 1]! + 1,
        d[(i - 1) * cols + j - 1]! + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, d[(i - 2) * cols + j - 2]! + 1);
      }
      d[i * cols + j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > cap) return cap + 1;
  }
  return d[rows * cols - 1]!;
}

/** How far a word of this length may be from a known one: short words are left alone. */
function allowance(length: number): number {
  if (length < 4) return 0;
  return length < 8 ? 1 : 2;
}

/**
 * Corrects unknown words to the most frequent known word within the allowance (ties: the
 * earlier in the alphabet, so the result never depends on the order words were learned).
 */
export class SpellingCorrector {
  private readonly known: ReadonlyMap<string, number>;
  private readonly byLength = new Map<number, string[]>();
  private readonly cache = new Map<string, string>();

  constructor(frequencies: ReadonlyMap<string, number>) {
    this.known = frequencies;
    for (const word of [...frequencies.keys()].sort()) {
      const list = this.byLength.get(word.length) ?? [];
      list.push(word);
      this.byLength.set(word.length, list);
    }
  }

  knows(word: string): boolean {
    return this.known.has(word);
  }

  correct(word: string): string {
    if (this.known.has(word) || /\d/.test(word)) return word;
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    const cap = allowance(word.length);
    let best = word;
    let bestDistance = cap + 1;
    let bestCount = 0;
    for (let len = word.length - cap; len <= word.length + cap; len++) {
      for (const candidate of this.byLength.get(len) ?? []) {
        // Typos rarely hit the first letter; requiring it keeps "post" from becoming "most".
        if (candidate[0] !== word[0] && !(candidate[1] === word[0] && candidate[0] === word[1]))
          continue;
        const distance = editDistance(word, candidate, cap);
        const count = this.known.get(candidate) ?? 0;
        if (distance < bestDistance || (distance === bestDistance && count > bestCount)) {
          best = candidate;
          bestDistance = distance;
          bestCount = count;
        }
      }
    }
    const result = bestDistance <= cap ? best : word;
    // Bounded: a stream of random strings must not grow memory without limit.
    if (this.cache.size > 5000) this.cache.clear();
    this.cache.set(word, result);
    return result;
  }
}
