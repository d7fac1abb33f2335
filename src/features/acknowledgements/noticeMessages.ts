import { summariseChanges, type ChangeSummary } from "../../domain/policy/changeSummary";
import type { PolicyVersion } from "../../domain/policy/policyVersion";
import type { PolicyDocument } from "../../domain/policy/policyDocument";
import { capMarks, sentenceChanges } from "../../domain/policy/sentenceChanges";
import type { CardMessage } from "../../ports";
import { readableDate } from "../../app/ukDates";

/*
 * The acknowledgement card's data: what the version is, what changed since the last one, the
 * link to the full text, and either the "I have read and understood" button or the receipt.
 */
export const ACKNOWLEDGE_VERB = "acknowledgePolicy";

/** The card verbs of policy versions and acknowledgements. */
export const POLICY_VERBS = {
  acknowledgePolicy: ACKNOWLEDGE_VERB,
  publishPolicy: "publishPolicy",
} as const;

export { readableDate } from "../../app/ukDates";

function changeLines(summary: ChangeSummary): { kind: string; heading: string }[] {
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

export interface NoticeCardOptions {
  readonly version: PolicyVersion;
  readonly previous?: PolicyVersion;
  readonly publicUrl: string;
  readonly timeZone: string;
  readonly acknowledgedAt?: string;
  readonly reminder?: boolean;
  /** Why the card is shown instead of the button (e.g. superseded). */
  readonly note?: string;
}

export function noticeCard(o: NoticeCardOptions): CardMessage {
  const installed = o.version.publishedBy === "installation";
  const changes = o.previous
    ? changeLines(summariseChanges(o.previous.document, o.version.document))
    : [];
  const effective = readableDate(o.version.effectiveFrom, o.timeZone);
  return {
    template: "policyNotice",
    data: {
      title: o.reminder
        ? `Reminder: please acknowledge the ${o.version.document.meta.title}`
        : installed
          ? `Please acknowledge the ${o.version.document.meta.title}`
          : `A new version of the ${o.version.document.meta.title}`,
      intro: installed
        ? `Version ${o.version.label}, in force since ${effective}. By acknowledging it you confirm you have read and understood it, including its section on monitoring.`
        : `Version ${o.version.label} takes effect on ${effective}. ${o.version.summary}`,
      versionLabel: o.version.label,
      changes,
      hasChanges: changes.length > 0,
      ...(o.previous && !o.acknowledgedAt
        ? markedChanges(o.previous.document, o.version.document)
        : { hasMarks: false, marks: [], marksHidden: "" }),
      previousLabel: o.previous?.label ?? "",
      fullTextUrl: `${o.publicUrl}/policy/${encodeURIComponent(o.version.label)}`,
      acknowledged: Boolean(o.acknowledgedAt),
      acknowledgedOn: o.acknowledgedAt ? readableDate(o.acknowledgedAt, o.timeZone) : "",
      note: o.note ?? "",
      verb: ACKNOWLEDGE_VERB,
      versionId: o.version.label,
    },
  };
}
