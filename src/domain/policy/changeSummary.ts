import type { PolicyDocument } from "./policyDocument";

/** Section-level changes between two versions, by stable section id, with headings people know. */
export interface ChangeSummary {
  readonly added: readonly { id: string; heading: string }[];
  readonly changed: readonly { id: string; heading: string; previousHeading?: string }[];
  readonly removed: readonly { id: string; heading: string }[];
}

/** Wording only: spacing and bullet markers (lost or gained in Word) are not changes. */
function textOf(paragraphs: readonly string[]): string {
  return paragraphs
    .map((p) =>
      p
        .replace(/^\s*[-*]\s+/, "")
        .replace(/\s+/g, " ")
        .trim(),
    )
    .join("\n");
}

export function summariseChanges(
  previous: PolicyDocument | undefined,
  next: PolicyDocument,
): ChangeSummary {
  if (!previous)
    return {
      added: next.sections.map((s) => ({ id: s.id, heading: s.heading })),
      changed: [],
      removed: [],
    };
  const before = new Map(previous.sections.map((s) => [s.id, s]));
  const after = new Map(next.sections.map((s) => [s.id, s]));
  const added = next.sections
    .filter((s) => !before.has(s.id))
    .map((s) => ({ id: s.id, heading: s.heading }));
  const removed = previous.sections
    .filter((s) => !after.has(s.id))
    .map((s) => ({ id: s.id, heading: s.heading }));
  const changed = next.sections
    .filter((s) => {
      const old = before.get(s.id);
      return old && (old.heading !== s.heading || textOf(old.paragraphs) !== textOf(s.paragraphs));
    })
    .map((s) => {
      const old = before.get(s.id)!;
      return old.heading !== s.heading
        ? { id: s.id, heading: s.heading, previousHeading: old.heading }
        : { id: s.id, heading: s.heading };
    });
  return { added, changed, removed };
}

export function isUnchanged(summary: ChangeSummary): boolean {
  return summary.added.length + summary.changed.length + summary.removed.length === 0;
}
