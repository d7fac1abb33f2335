/*
 * Spelling correction against the words the policy and its question bank use: staff type fast
 * ("facebok", "colleage", "emial"), and a word the engine has never seen says nothing about
 * which section is meant. Only a word the vocabulary does not know is corrected, only to a word
 * one edit away (two for long words), and a tie goes to the more frequent word.
 */

/** Optimal string alignment distance (adjacent swaps count as one edit), capped at `max + 1`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1);
    row[0] = i;
    rows.push(row);
  }
  for (let j = 0; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let best = max + 1;
    const row = rows[i]!;
    const prev = rows[i - 1]!;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      }
      row[j] = d;
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
  }
  return rows[a.length]![b.length]!;
}

export class Speller {
  private readonly known: ReadonlyMap<string, number>;
  private readonly byLength = new Map<number, string[]>();
  private readonly memo = new Map<string, string>();

  /** `counts`: how often each word is used; words shorter than four letters are never targets. */
  constructor(counts: ReadonlyMap<string, number>) {
    this.known = counts;
    for (const word of counts.keys()) {
      if (word.length < 4 || /\d/.test(word)) continue;
      const list = this.byLength.get(word.length) ?? [];
      list.push(word);
      this.byLength.set(word.length, list);
    }
  }

  knows(word: string): boolean {
    return this.known.has(word);
  }

  /** The word itself when known, short or numeric; else its closest known word, if close enough. */
  correct(word: string): string {
    if (word.length < 4 || this.known.has(word) || /\d/.test(word)) return word;
    const cached = this.memo.get(word);
    if (cached !== undefined) return cached;
    const max = word.length >= 8 ? 2 : 1;
    let best = word;
    let bestDistance = max + 1;
    let bestCount = 0;
    for (let len = word.length - max; len <= word.length + max; len++) {
      for (const candidate of this.byLength.get(len) ?? []) {
        // Typos rarely touch the first letter; checking it first keeps this fast.
        if (candidate[0] !== word[0] && candidate[1] !== word[1]) continue;
        const d = editDistance(word, candidate, max);
        if (d > max) continue;
        const count = this.known.get(candidate) ?? 0;
        if (d < bestDistance || (d === bestDistance && count > bestCount)) {
          best = candidate;
          bestDistance = d;
          bestCount = count;
        }
      }
    }
    if (this.memo.size > 10_000) this.memo.clear();
    this.memo.set(word, best);
    return best;
  }
}
