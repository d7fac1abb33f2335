import type { PolicyDocument } from "./policyDocument";

/*
 * What changed, sentence by sentence: for each section added, changed or removed, the
 * sentences inserted and deleted (a longest-common-subsequence diff over the section's
 * sentences), so staff read the new wording, not only which headings moved.
 */
export interface MarkedSentence {
  readonly change: "inserted" | "deleted";
  readonly text: string;
}

export interface SectionMarks {
  readonly heading: string;
  readonly kind: "Added" | "Changed" | "Removed";
  readonly sentences: readonly MarkedSentence[];
}

/** Sentences of a section's text; list markers and spacing are not wording. */
export function sentencesOf(paragraphs: readonly string[]): string[] {
  return paragraphs.flatMap((p) =>
    p
      .replace(/^\s*[-*]\s+/, "")
      .replace(/\s+/g, " ")
      .trim()
      .split(/(?<=[.!?;:])\s+(?=[A-Z0-9"'(])/)
      .map((s) => s.trim())
      .filter(Boolean),
  );
}

export function diffSentences(
  before: readonly string[],
  after: readonly string[],
): MarkedSentence[] {
  const n = before.length;
  const m = after.length;
  // lcs[i][j]: length of the common subsequence of before[i..] and after[j..].
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i]![j] =
        before[i] === after[j]
          ? lcs[i + 1]![j + 1]! + 1
          : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: MarkedSentence[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (before[i] === after[j]) {
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!)
      out.push({ change: "deleted", text: before[i++]! });
    else out.push({ change: "inserted", text: after[j++]! });
  }
  while (i < n) out.push({ change: "deleted", text: before[i++]! });
  while (j < m) out.push({ change: "inserted", text: after[j++]! });
  return out;
}

export function sentenceChanges(
  previous: PolicyDocument | undefined,
  next: PolicyDocument,
): SectionMarks[] {
  const before = new Map((previous?.sections ?? []).map((s) => [s.id, s]));
  const after = new Set(next.sections.map((s) => s.id));
  const marks: SectionMarks[] = [];
  for (const s of next.sections) {
    const old = before.get(s.id);
    const sentences = diffSentences(
      old ? sentencesOf(old.paragraphs) : [],
      sentencesOf(s.paragraphs),
    );
    if (!old) marks.push({ heading: s.heading, kind: "Added", sentences });
    else if (sentences.length > 0 || old.heading !== s.heading)
      marks.push({ heading: s.heading, kind: "Changed", sentences });
  }
  for (const s of previous?.sections ?? [])
    if (!after.has(s.id))
      marks.push({
        heading: s.heading,
        kind: "Removed",
        sentences: sentencesOf(s.paragraphs).map((text) => ({ change: "deleted" as const, text })),
      });
  return marks;
}

/** At most `limit` marked sentences in all (a card has 40 KB): the rest are counted, not shown. */
export function capMarks(
  marks: readonly SectionMarks[],
  limit: number,
  maxChars = 300,
): { shown: SectionMarks[]; hidden: number } {
  let left = limit;
  let hidden = 0;
  const shown = marks.map((m) => {
    const sentences = m.sentences.slice(0, Math.max(0, left)).map((s) => ({
      ...s,
      text: s.text.length > maxChars ? `${s.text.slice(0, maxChars - 1)}…` : s.text,
    }));
    hidden += m.sentences.length - sentences.length;
    left -= sentences.length;
    return { ...m, sentences };
  });
  return { shown, hidden };
}
