import { summariseChanges, type ChangeSummary } from "../../domain/policy/changeSummary";
import type { PolicyVersion } from "../../domain/policy/policyVersion";
import type { CardMessage } from "../../ports";
import { readableDate } from "../ukDates";

/*
 * The acknowledgement card's data: what the version is, what changed since the last one, the
 * link to the full text, and either the "I have read and understood" button or the receipt.
 */
export const ACKNOWLEDGE_VERB = "acknowledgePolicy";

export { readableDate } from "../ukDates";

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
