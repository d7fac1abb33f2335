import { readableDate } from "../../../app/ukDates";
import { changeLines, markedChanges } from "../../../bot/cards/policyChanges";
import { summariseChanges } from "../../../domain/policy/changeSummary";
import { approvedByLine } from "../../../domain/policy/governorsApproval";
import type { CardMessage } from "../../../ports";
import { draftDocument, type PolicyDraft } from "../draftRecords";
import type { DraftCards, DraftPublished, DraftView, UploadPreviewView } from "../draftViews";
import { DRAFT_VERBS, UPLOAD_VERBS } from "./draftVerbs";

/*
 * The Teams side of the DraftCards port. The draft's card (policyDraft.json), one per person:
 * the Chair of Governors records the approval on theirs; the author follows it and, if the
 * proposed date no longer gives a month's notice once it is approved, chooses another and
 * publishes. The Word master's preview (policyUploadPreview.json) shows the sentences changed.
 */
const STATUS_WORDS: Record<PolicyDraft["status"], string> = {
  awaitingGovernors: "Waiting for the governors' approval",
  approved: "Approved by the governors: not yet published",
  published: "Approved and published",
  withdrawn: "Withdrawn",
};

/** The data of policyDraft.json. */
export interface DraftCardData extends Record<string, unknown> {
  readonly label: string;
  readonly revision: number;
  readonly title: string;
  readonly status: string;
  readonly facts: readonly { title: string; value: string }[];
  readonly changes: readonly { kind: string; heading: string }[];
  readonly canApprove: boolean;
  readonly canPublish: boolean;
  readonly earliest: string;
  readonly proposed: string;
  readonly today: string;
  readonly verbs: typeof DRAFT_VERBS;
  readonly hasMarks: boolean;
  readonly marks: readonly unknown[];
  readonly marksHidden: string;
}

/** The data of policyUploadPreview.json. */
export interface UploadPreviewData extends Record<string, unknown> {
  readonly uploadId: string;
  readonly fileName: string;
  readonly sectionCount: string;
  readonly sections: readonly { readonly heading: string }[];
  readonly currentLabel: string;
  readonly changeCounts: string;
  readonly hasMarks: boolean;
  readonly marks: readonly unknown[];
  readonly marksHidden: string;
  readonly ignored: string;
  readonly label: string;
  readonly summary: string;
  readonly effectiveFrom: string;
  readonly earliest: string;
  readonly earliestWords: string;
  readonly verb: string;
}

function draftCardData(view: DraftView): DraftCardData {
  const d = view.draft;
  const formerStaff = (id: string) => view.names.get(id) ?? "former staff";
  const facts = [
    { title: "Prepared by", value: formerStaff(d.createdBy) },
    {
      title: d.status === "published" ? "In force from" : "Proposed to take effect",
      value: readableDate(d.effectiveFrom, view.timeZone),
    },
    { title: "Summary", value: d.summary },
    ...(d.fileName ? [{ title: "From the Word file", value: d.fileName }] : []),
    ...(d.approval
      ? [
          {
            title: "Governors",
            value: `${approvedByLine(d.approval)}, recorded by ${formerStaff(d.approval.recordedBy)}`,
          },
        ]
      : []),
  ];
  return {
    label: d.label,
    revision: d.revision,
    title: `${d.document.meta.title}: version ${d.label}`,
    status: STATUS_WORDS[d.status],
    facts,
    changes: changeLines(summariseChanges(view.previous, draftDocument(d))),
    ...markedChanges(view.previous, draftDocument(d)),
    canApprove: view.mayApprove,
    canPublish: view.mayPublish,
    earliest: view.earliest,
    proposed: view.proposed,
    today: view.today,
    verbs: DRAFT_VERBS,
  };
}

function uploadPreviewData(view: UploadPreviewView): UploadPreviewData {
  const { upload, document, current, changes } = view;
  return {
    uploadId: upload.id,
    fileName: upload.fileName,
    sectionCount: String(document.sections.length),
    sections: document.sections.map((s) => ({ heading: s.heading })),
    currentLabel: current?.label ?? "none",
    changeCounts: `${changes.added.length} added, ${changes.changed.length} changed, ${changes.removed.length} removed`,
    ...markedChanges(current?.document, document, 40),
    ignored: upload.ignored.length
      ? `Left out as the cover page: ${upload.ignored.map((t) => `"${t.slice(0, 60)}"`).join(", ")}`
      : "",
    label: upload.header.label ?? "",
    summary: upload.header.summary ?? "",
    effectiveFrom: view.effectiveFrom,
    earliest: view.earliest,
    earliestWords: readableDate(view.earliest, view.timeZone),
    verb: UPLOAD_VERBS.send,
  };
}

function published({ draft, notified, publicUrl, timeZone }: DraftPublished): CardMessage {
  return {
    template: "summary",
    data: {
      title: `Version ${draft.label} published`,
      message: `It takes effect on ${readableDate(draft.effectiveFrom, timeZone)}. ${notified} members of staff are being notified and asked to acknowledge it.`,
      facts: [],
      actionTitle: "Open the dashboard",
      actionUrl: `${publicUrl}/tab/`,
    },
  };
}

/** The governors' approval as Teams shows it: Adaptive Card templates with typed data. */
export const teamsDraftCards: DraftCards = {
  draft: (view): CardMessage => ({ template: "policyDraft", data: draftCardData(view) }),
  uploadPreview: (view): CardMessage => ({
    template: "policyUploadPreview",
    data: uploadPreviewData(view),
  }),
  published,
};
