import { mayApprovePostAs, mayPublishPost } from "../people/permissions";
import type { Person } from "../people/person";
import { accept, refuse, type Decision } from "../result";
import { accountProblems } from "./accountLimits";
import { keysFor, type ApproverDeputy } from "./approverDeputies";
import type { SafeguardingFlag } from "./safeguardingChecks";

/*
 * The Staff Protocol for a post on the School's own social media: the checklist the author
 * confirms, then confirmation by BOTH the Assistant Headteacher (Parents, Publicity & Promotion)
 * and the Headteacher that it "can go live", then the Resources Manager (or that Assistant
 * Headteacher) posts it. One rejection ends it; "changes requested" sends it back to the author,
 * and decisions on the old text no longer count. A post proposed by one of the two approvers
 * counts as that approver's confirmation (recorded as such), so only the other key is asked for.
 */
export const CHECKLIST = {
  parentalPermission:
    "Ensure that permission from the child's parent has been sought before information is used on social media.",
  noIdentifyingInformation:
    "Ensure that there is no identifying information relating to a child/children in the post - for example any certificates in photos are blank/without names or the child's name cannot be seen on the piece of work.",
  positiveAndRelevant:
    "The post must be a positive and relevant post relating to the children, the good work of staff, the School or any achievements.",
  approvedDevice:
    "Any photos for social media posts may only be taken using school cameras/devices or devices that have been approved in advance by the Headteacher or Assistant Headteacher - Parents, Publicity & Promotion.",
  deletedFromPersonalDevice:
    "Where any device is used that does not belong to the School all photos must be deleted immediately from the device, once the photos have been uploaded to a device belonging to the School.",
} as const;
export type ChecklistItem = keyof typeof CHECKLIST;

export type ApprovalKey = "aht-publicity" | "headteacher";
export const APPROVAL_KEYS: readonly ApprovalKey[] = ["aht-publicity", "headteacher"];

export type PostStatus =
  | "awaitingApproval"
  | "changesRequested"
  | "rejected"
  | "readyToPost"
  | "posted";
export type PostDecisionKind = "approve" | "reject" | "changes";

export interface PostDecision {
  readonly key: ApprovalKey;
  readonly by: string;
  readonly decision: PostDecisionKind;
  readonly comment: string;
  readonly revision: number;
  readonly at: string;
  /** True when the approver gave this key by proposing the post themselves. */
  readonly implicit?: boolean;
  /** The absent approver a deputy gave this key for. */
  readonly deputyFor?: string;
}

/** An approver's decision to let a consent-list hit through, with their reason. */
export interface ConsentOverride {
  readonly by: string;
  readonly reason: string;
  readonly at: string;
  readonly revision: number;
}

export interface PostContent {
  readonly text: string;
  readonly accounts: readonly string[];
  readonly intendedDate: string;
  readonly imageLinks: readonly string[];
  readonly checklist: Readonly<Record<ChecklistItem, boolean>>;
}

export interface PostProposal extends PostContent {
  readonly id: string;
  readonly authorId: string;
  readonly revision: number;
  readonly previousText: string | null;
  readonly flags: readonly SafeguardingFlag[];
  /** The author's reason for sending despite the flags shown before sending. */
  readonly sentAnywayReason: string | null;
  readonly consentOverride: ConsentOverride | null;
  /** Deputies the post was escalated to while an approver was away. */
  readonly escalatedTo: readonly string[];
  readonly status: PostStatus;
  readonly decisions: readonly PostDecision[];
  readonly submittedAt: string;
  readonly postedLink: string | null;
  readonly postedAt: string | null;
  readonly postedBy: string | null;
}

export const MAX_POST_TEXT = 2000;

type ContentRefusal =
  | "POST.EMPTY"
  | "POST.TOO_LONG"
  | "POST.CHECKLIST"
  | "POST.NO_ACCOUNT"
  | "POST.ACCOUNT_LIMIT";

export function checkContent(
  content: PostContent,
  knownAccounts: readonly string[],
): Decision<PostContent, ContentRefusal> {
  if (!content.text.trim()) return refuse("POST.EMPTY", "The post has no text.");
  if (content.text.length > MAX_POST_TEXT) {
    return refuse(
      "POST.TOO_LONG",
      `The post is ${content.text.length.toLocaleString("en-GB")} characters; the limit is ${MAX_POST_TEXT.toLocaleString("en-GB")}. Nothing was sent: shorten it and send it again.`,
    );
  }
  const unticked = (Object.keys(CHECKLIST) as ChecklistItem[]).filter((k) => !content.checklist[k]);
  if (unticked.length)
    return refuse(
      "POST.CHECKLIST",
      `The policy requires every step to be confirmed before a post is proposed. Not yet confirmed: ${unticked.map((k) => CHECKLIST[k]).join(" ")}`,
    );
  if (content.accounts.length === 0 || content.accounts.some((a) => !knownAccounts.includes(a)))
    return refuse("POST.NO_ACCOUNT", "Choose at least one of the school's accounts.");
  const problems = accountProblems(content);
  if (problems.length)
    return refuse("POST.ACCOUNT_LIMIT", `Nothing was sent. ${problems.join(" ")}`);
  return accept(content);
}

/** Decisions that still count: those on the current text. */
export function currentDecisions(p: PostProposal): PostDecision[] {
  return p.decisions.filter((d) => d.revision === p.revision);
}

export function approvalsNeeded(p: PostProposal): ApprovalKey[] {
  const approved = new Set(
    currentDecisions(p)
      .filter((d) => d.decision === "approve")
      .map((d) => d.key),
  );
  return APPROVAL_KEYS.filter((k) => !approved.has(k));
}

/**
 * The confirmation a proposal by an approver carries: the key of their role (one key only, even
 * for someone holding both roles, so a second person still confirms).
 */
export function implicitConfirmation(author: Person, revision: number, at: string): PostDecision[] {
  const key = mayApprovePostAs(author)[0];
  return key
    ? [
        {
          key,
          by: author.aadObjectId,
          decision: "approve",
          comment: "",
          revision,
          at,
          implicit: true,
        },
      ]
    : [];
}

/** A consent-list hit on the current text that no approver has overridden: approval waits. */
export function consentBlocked(p: PostProposal): boolean {
  return (
    p.flags.some((f) => f.kind === "consent") &&
    (p.consentOverride === null || p.consentOverride.revision !== p.revision)
  );
}

type DecideRefusal =
  | "POST.NOT_APPROVER"
  | "POST.OWN_POST"
  | "POST.NOT_PENDING"
  | "POST.STALE"
  | "POST.ALREADY_DECIDED"
  | "POST.COMMENT_REQUIRED"
  | "POST.CONSENT_BLOCK";

/** Who may give which key today: holders of the role, and deputies standing in for one. */
export interface Delegation {
  readonly deputies: readonly ApproverDeputy[];
  /** School-local date (yyyy-mm-dd). */
  readonly today: string;
}
const NO_DELEGATION: Delegation = { deputies: [], today: "" };

export function decide(
  p: PostProposal,
  person: Person,
  key: ApprovalKey,
  decision: PostDecisionKind,
  comment: string,
  revision: number,
  at: string,
  delegation: Delegation = NO_DELEGATION,
): Decision<PostProposal, DecideRefusal> {
  const authority = keysFor(person, delegation.deputies, delegation.today).find(
    (k) => k.key === key,
  );
  if (!authority)
    return refuse(
      "POST.NOT_APPROVER",
      "Only the Assistant Headteacher (Parents, Publicity & Promotion) and the Headteacher, or a deputy they named, approve posts.",
    );
  if (p.authorId === person.aadObjectId)
    return refuse(
      "POST.OWN_POST",
      "You cannot approve a post you proposed yourself: proposing it already counts as your confirmation.",
    );
  if (p.status !== "awaitingApproval")
    return refuse("POST.NOT_PENDING", "This post is no longer waiting for approval.");
  if (revision !== p.revision)
    return refuse(
      "POST.STALE",
      "The author has changed this post since this card was sent; decide on the latest version.",
    );
  if (currentDecisions(p).some((d) => d.key === key))
    return refuse("POST.ALREADY_DECIDED", "This post already has a decision for your role.");
  // One person holding both roles still gives two separate confirmations, never one for both.
  if (currentDecisions(p).some((d) => d.by === person.aadObjectId))
    return refuse(
      "POST.ALREADY_DECIDED",
      "You have already decided on this post; the other approver must confirm it.",
    );
  if (decision === "approve" && consentBlocked(p)) {
    return refuse(
      "POST.CONSENT_BLOCK",
      "It mentions a pupil on the no-photo/no-name list: ask the author to remove it, or override the check with your reason before approving.",
    );
  }
  if (decision !== "approve" && !comment.trim())
    return refuse(
      "POST.COMMENT_REQUIRED",
      decision === "reject" ? "Give a reason for rejecting it." : "Say what should change.",
    );
  const made: PostDecision = {
    key,
    by: person.aadObjectId,
    decision,
    comment: comment.trim(),
    revision,
    at,
    ...(authority.deputyFor ? { deputyFor: authority.deputyFor } : {}),
  };
  const next = { ...p, decisions: [...p.decisions, made] };
  const status: PostStatus =
    decision === "reject"
      ? "rejected"
      : decision === "changes"
        ? "changesRequested"
        : approvalsNeeded(next).length === 0
          ? "readyToPost"
          : "awaitingApproval";
  return accept({ ...next, status });
}

type OverrideRefusal =
  | "POST.NOT_APPROVER"
  | "POST.OWN_POST"
  | "POST.NOT_PENDING"
  | "POST.STALE"
  | "POST.NO_CONSENT_FLAG"
  | "POST.COMMENT_REQUIRED";

/** An approver lets a consent-list hit through, knowingly and with a reason (audited). */
export function overrideConsent(
  p: PostProposal,
  person: Person,
  reason: string,
  revision: number,
  at: string,
  delegation: Delegation = NO_DELEGATION,
): Decision<PostProposal, OverrideRefusal> {
  if (keysFor(person, delegation.deputies, delegation.today).length === 0)
    return refuse("POST.NOT_APPROVER", "Only an approver can override the consent check.");
  if (p.authorId === person.aadObjectId)
    return refuse(
      "POST.OWN_POST",
      "The other approver must decide on the consent check of a post you proposed.",
    );
  if (p.status !== "awaitingApproval")
    return refuse("POST.NOT_PENDING", "This post is no longer waiting for approval.");
  if (revision !== p.revision)
    return refuse(
      "POST.STALE",
      "The author has changed this post since this card was sent; decide on the latest version.",
    );
  if (!consentBlocked(p))
    return refuse(
      "POST.NO_CONSENT_FLAG",
      "Nothing on this post is waiting for a consent override.",
    );
  if (reason.trim().length < 3)
    return refuse(
      "POST.COMMENT_REQUIRED",
      "Give your reason for overriding the consent check (for example: the parents have since agreed).",
    );
  return accept({
    ...p,
    consentOverride: { by: person.aadObjectId, reason: reason.trim(), at, revision },
  });
}

export function resubmit(
  p: PostProposal,
  author: Person,
  content: PostContent,
  check: { readonly flags: readonly SafeguardingFlag[]; readonly sentAnywayReason: string | null },
  at: string,
): Decision<PostProposal, "POST.NOT_AUTHOR" | "POST.NOT_CHANGES"> {
  if (p.authorId !== author.aadObjectId)
    return refuse("POST.NOT_AUTHOR", "Only the author can change this post.");
  if (p.status !== "changesRequested")
    return refuse(
      "POST.NOT_CHANGES",
      "Changes can only be made when the approvers have asked for them.",
    );
  const revision = p.revision + 1;
  return accept({
    ...p,
    ...content,
    flags: check.flags,
    sentAnywayReason: check.sentAnywayReason,
    previousText: p.text,
    revision,
    status: "awaitingApproval",
    decisions: [...p.decisions, ...implicitConfirmation(author, revision, at)],
  });
}

export function markPosted(
  p: PostProposal,
  person: Person,
  link: string,
  at: string,
): Decision<PostProposal, "POST.NOT_PUBLISHER" | "POST.NOT_READY" | "POST.BAD_LINK"> {
  if (!mayPublishPost(person))
    return refuse(
      "POST.NOT_PUBLISHER",
      "Only the Resources Manager or the Assistant Headteacher (Parents, Publicity & Promotion) posts on the school's accounts.",
    );
  if (p.status !== "readyToPost")
    return refuse(
      "POST.NOT_READY",
      p.status === "posted"
        ? "This post has already been marked as posted."
        : "This post has not been approved by both approvers.",
    );
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return refuse("POST.BAD_LINK", "Give the link to the live post (https://…).");
  }
  if (url.protocol !== "https:")
    return refuse("POST.BAD_LINK", "Give the link to the live post (https://…).");
  return accept({
    ...p,
    status: "posted",
    postedLink: url.toString(),
    postedAt: at,
    postedBy: person.aadObjectId,
  });
}
