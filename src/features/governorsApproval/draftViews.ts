import { mayPublishPolicyVersion } from "../../domain/people/permissions";
import type { Person } from "../../domain/people/person";
import type { ChangeSummary } from "../../domain/policy/changeSummary";
import { mayRecordGovernorsApproval } from "../../domain/policy/governorsApproval";
import type { PolicyDocument } from "../../domain/policy/policyDocument";
import type { PolicyVersion } from "../../domain/policy/policyVersion";
import type { CardMessage } from "../../ports";
import type { PolicyDraft } from "./draftRecords";
import type { PolicyUpload } from "./uploadRecords";

/*
 * What the governors' approval shows, in the policy's terms: a draft, what it changes, and who
 * may do what with it now. Use cases build these; the DraftCards port (the card side, ./cards)
 * turns them into Teams cards, so wording, template names and verbs stay out of here.
 */

/** A draft as one person sees it: the Chair records the approval; a publisher publishes it once approved. */
export interface DraftView {
  readonly draft: PolicyDraft;
  /** The text of the version in force, which the draft's changes are counted from. */
  readonly previous: PolicyDocument | undefined;
  /** Display names by AAD object id (who prepared it, who recorded the approval). */
  readonly names: ReadonlyMap<string, string>;
  /** The viewer may record the governors' approval now. */
  readonly mayApprove: boolean;
  /** The viewer may publish it now (approved, and they publish versions). */
  readonly mayPublish: boolean;
  /** The earliest effective date that still gives a month's notice. */
  readonly earliest: string;
  /** The date offered for publishing: the draft's own, unless it is now too soon. */
  readonly proposed: string;
  /** The school's date today (the latest day an approval can be dated). */
  readonly today: string;
  readonly timeZone: string;
}

export function draftView(
  draft: PolicyDraft,
  viewer: Person,
  context: Pick<DraftView, "previous" | "names" | "earliest" | "today" | "timeZone">,
): DraftView {
  return {
    draft,
    ...context,
    mayApprove: draft.status === "awaitingGovernors" && mayRecordGovernorsApproval(viewer),
    mayPublish: draft.status === "approved" && mayPublishPolicyVersion(viewer),
    proposed: draft.effectiveFrom > context.earliest ? draft.effectiveFrom : context.earliest,
  };
}

/** A Word master read and compared with the version in force, before it is sent to the governors. */
export interface UploadPreviewView {
  readonly upload: PolicyUpload;
  /** Its text as it would be published (ids carried over from the version in force). */
  readonly document: PolicyDocument;
  readonly current: PolicyVersion | undefined;
  readonly changes: ChangeSummary;
  /** The effective date offered: the document's own if it gives a month's notice, else the earliest. */
  readonly effectiveFrom: string;
  readonly earliest: string;
  readonly timeZone: string;
}

/** An approved draft was published: how many staff are being asked to acknowledge it. */
export interface DraftPublished {
  readonly draft: PolicyDraft;
  readonly notified: number;
  /** The server's address: the dashboard is its tab. */
  readonly publicUrl: string;
  readonly timeZone: string;
}

/** The cards port of the governors' approval: one method per template or message, typed by its view. */
export interface DraftCards {
  draft(view: DraftView): CardMessage;
  uploadPreview(view: UploadPreviewView): CardMessage;
  published(view: DraftPublished): CardMessage;
}
