import { markedChanges, readableDate } from "../acknowledgements/noticeMessages";
import { mayPublishPolicyVersion } from "../../domain/people/permissions";
import type { Person } from "../../domain/people/person";
import { summariseChanges } from "../../domain/policy/changeSummary";
import { approvedByLine, mayRecordGovernorsApproval } from "../../domain/policy/governorsApproval";
import type { PolicyDocument } from "../../domain/policy/policyDocument";
import type { CardMessage } from "../../ports";
import { draftDocument, type PolicyDraft } from "./draftRecords";

/*
 * The draft's card, one per person: the Chair of Governors records the approval on theirs;
 * the author follows it and, if the proposed date no longer gives a month's notice once it is
 * approved, chooses another and publishes.
 */
export const DRAFT_VERBS = {
  governorsApprove: "policyGovernorsApprove",
  publishApproved: "policyPublishApproved",
} as const;

const STATUS_WORDS: Record<PolicyDraft["status"], string> = {
  awaitingGovernors: "Waiting for the governors' approval",
  approved: "Approved by the governors: not yet published",
  published: "Approved and published",
  withdrawn: "Withdrawn",
};

export interface DraftCardData {
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

export function draftCard(o: {
  draft: PolicyDraft;
  previous: PolicyDocument | undefined;
  viewer: Person;
  names: ReadonlyMap<string, string>;
  earliest: string;
  today: string;
  publicUrl: string;
  timeZone: string;
}): CardMessage {
  const d = o.draft;
  const changes = summariseChanges(o.previous, draftDocument(d));
  const facts = [
    { title: "Prepared by", value: o.names.get(d.createdBy) ?? "former staff" },
    {
      title: d.status === "published" ? "In force from" : "Proposed to take effect",
      value: readableDate(d.effectiveFrom, o.timeZone),
    },
    { title: "Summary", value: d.summary },
    ...(d.fileName ? [{ title: "From the Word file", value: d.fileName }] : []),
    ...(d.approval
      ? [
          {
            title: "Governors",
            value: `${approvedByLine(d.approval)}, recorded by ${o.names.get(d.approval.recordedBy) ?? "former staff"}`,
          },
        ]
      : []),
  ];
  const data: DraftCardData = {
    label: d.label,
    revision: d.revision,
    title: `${d.document.meta.title}: version ${d.label}`,
    status: STATUS_WORDS[d.status],
    facts,
    changes: [
      ...changes.added.map((s) => ({ kind: "Added", heading: s.heading })),
      ...changes.changed.map((s) => ({
        kind: "Changed",
        heading: s.previousHeading ? `${s.previousHeading} → ${s.heading}` : s.heading,
      })),
      ...changes.removed.map((s) => ({ kind: "Removed", heading: s.heading })),
    ],
    ...markedChanges(o.previous, draftDocument(d)),
    canApprove: d.status === "awaitingGovernors" && mayRecordGovernorsApproval(o.viewer),
    canPublish: d.status === "approved" && mayPublishPolicyVersion(o.viewer),
    earliest: o.earliest,
    proposed: d.effectiveFrom > o.earliest ? d.effectiveFrom : o.earliest,
    today: o.today,
    verbs: DRAFT_VERBS,
  };
  return { template: "policyDraft", data: { ...data } };
}
