import type { ChangeSummary } from "../../domain/policy/changeSummary";
import type { PolicyDocument } from "../../domain/policy/policyDocument";
import { capMarks, sentenceChanges } from "../../domain/policy/sentenceChanges";

/*
 * How a policy change is shown on a card, for every card that shows one (the notice, the draft
 * for the governors, the Word master's preview): here, so neither capability's card side
 * imports the other's.
 */

/** "Added: …", "Changed: old → new", "Removed: …", one line per section. */
export function changeLines(summary: ChangeSummary): { kind: string; heading: string }[] {
  return [
    ...summary.added.map((s) => ({ kind: "Added", heading: s.heading })),
    ...summary.changed.map((s) => ({
      kind: "Changed",
      heading: s.previousHeading ? `${s.previousHeading} → ${s.heading}` : s.heading,
    })),
    ...summary.removed.map((s) => ({ kind: "Removed", heading: s.heading })),
  ];
}

/**
 * The sentences inserted and deleted, per section, for a card: deletions struck through, insertions
 * in the accent colour (Teams' "Good" green is too light to read on white). TextRuns show text as it is (no Markdown), hence the unescaped "raw" field.
 */
export function markedChanges(
  previous: PolicyDocument | undefined,
  next: PolicyDocument,
  limit = 30,
) {
  const { shown, hidden } = capMarks(sentenceChanges(previous, next), limit);
  return {
    hasMarks: shown.some((m) => m.sentences.length > 0),
    marks: shown
      .filter((m) => m.sentences.length > 0)
      .map((m) => ({
        title: `${m.kind}: ${m.heading}`,
        sentences: m.sentences.map((x) => ({
          rawText: `${x.change === "inserted" ? "+" : "−"} ${x.text}`,
          deleted: x.change === "deleted",
          colour: x.change === "inserted" ? "Accent" : "Attention",
        })),
      })),
    marksHidden: hidden > 0 ? `${hidden} more changed sentences are in the full text.` : "",
  };
}
