import { summariseChanges } from "../policy/changeSummary";
import type { PolicyDocument } from "../policy/policyDocument";

/*
 * An answer quotes the version in force; when the next version (published, not yet effective)
 * rewords or drops a section the answer cites, the reader should know the rule is about to move.
 */
export interface UpcomingChange {
  readonly version: string;
  readonly effectiveFrom: string;
  /** The cited sections the upcoming version changes or removes, in citation order. */
  readonly sectionIds: readonly string[];
  /** For people: "The upcoming version (2025.09, effective 2025-09-01) changes this section (...)". */
  readonly note: string;
}

export function upcomingChangeFor(
  current: PolicyDocument,
  upcoming: PolicyDocument | undefined,
  cited: readonly { readonly sectionId: string; readonly heading: string }[],
): UpcomingChange | undefined {
  if (!upcoming) return undefined;
  const summary = summariseChanges(current, upcoming);
  const removed = new Set(summary.removed.map((s) => s.id));
  const touched = new Set([...summary.changed.map((s) => s.id), ...removed]);
  const sectionIds = Array.from(new Set(cited.map((c) => c.sectionId))).filter((id) =>
    touched.has(id),
  );
  if (sectionIds.length === 0) return undefined;
  const { version, effectiveFrom } = upcoming.meta;
  const headings = sectionIds.map((id) => `"${cited.find((c) => c.sectionId === id)!.heading}"`);
  const verb = sectionIds.every((id) => removed.has(id)) ? "removes" : "changes";
  const what =
    headings.length === 1
      ? `this section (${headings[0]})`
      : `these sections (${headings.join(", ")})`;
  return {
    version,
    effectiveFrom,
    sectionIds,
    note: `The upcoming version (${version}, effective ${effectiveFrom}) ${verb} ${what}.`,
  };
}
