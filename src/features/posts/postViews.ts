import { mayPublishPost } from "../../domain/people/permissions";
import type { Person } from "../../domain/people/person";
import type { ApproverDeputy } from "../../domain/posts/approverDeputies";
import {
  approvalsNeeded,
  consentBlocked,
  currentDecisions,
  type ApprovalKey,
  type PostContent,
  type PostDecision,
  type PostProposal,
} from "../../domain/posts/postProposal";
import type { SafeguardingFlag } from "../../domain/posts/safeguardingChecks";
import type { CardMessage } from "../../ports";

/*
 * What post approvals show, in the policy's terms: the post, its state, who may act on it now
 * and what changed. Use cases build these; the PostCards port (the card side, ./cards) turns
 * them into Teams cards, so wording, template names, verbs and Teams' limits stay out of here.
 */

/** What one person sees of a post: the same post, a different set of things they may do. */
export interface PostView {
  readonly post: PostProposal;
  readonly authorName: string;
  /** Display names by AAD object id, for decisions, overrides and deputies. */
  readonly names: ReadonlyMap<string, string>;
  /** Everyone who holds a copy of the post's card (each gets their own view). */
  readonly holders: readonly string[];
  /** The key this viewer may turn now (own role or as a deputy), or null. */
  readonly decideAs: ApprovalKey | null;
  /** The consent list was hit and not overridden for this revision: approval waits on it. */
  readonly consentBlocked: boolean;
  /** The keys still awaited (none once decided). */
  readonly waitingFor: readonly ApprovalKey[];
  /** Deputies standing in today for a key still awaited. */
  readonly deputies: readonly ApproverDeputy[];
  /** The viewer may mark it as posted (both keys turned, and they publish). */
  readonly mayPublish: boolean;
  /** The viewer is the author and changes were asked for. */
  readonly mayEdit: boolean;
  /** The text changed since earlier decisions, and a decision on it is still to be made. */
  readonly textChanged: boolean;
  /** From the written permissions register: whether each permission the post needs is in place. */
  readonly permissions: readonly { readonly words: string; readonly inPlace: boolean }[];
  readonly timeZone: string;
}

/** What the use case knows around a post, besides the post and the viewer. */
export interface PostContext {
  readonly authorName: string;
  readonly names: ReadonlyMap<string, string>;
  readonly holders: readonly string[];
  /** The keys the viewer may give today (own roles, or as a deputy). */
  readonly keys: readonly ApprovalKey[];
  readonly deputies: readonly ApproverDeputy[];
  readonly timeZone: string;
  readonly permissions?: readonly { readonly words: string; readonly inPlace: boolean }[];
}

/**
 * An approver (or a deputy standing in) may decide with the first key they hold that is still
 * undecided, once only and never on their own post; a publisher may mark it posted once ready.
 */
export function postView(p: PostProposal, viewer: Person, context: PostContext): PostView {
  const current = currentDecisions(p);
  const decided = new Set(current.map((d) => d.key));
  const decidedByViewer = current.some((d) => d.by === viewer.aadObjectId);
  const decideAs =
    p.status === "awaitingApproval" && viewer.aadObjectId !== p.authorId && !decidedByViewer
      ? (context.keys.find((k) => !decided.has(k)) ?? null)
      : null;
  const waitingFor = p.status === "awaitingApproval" ? approvalsNeeded(p) : [];
  return {
    post: p,
    authorName: context.authorName,
    names: context.names,
    holders: context.holders,
    decideAs,
    consentBlocked: consentBlocked(p) && p.status === "awaitingApproval",
    waitingFor,
    deputies: context.deputies.filter((d) => waitingFor.includes(d.key)),
    mayPublish: p.status === "readyToPost" && mayPublishPost(viewer),
    mayEdit: p.status === "changesRequested" && viewer.aadObjectId === p.authorId,
    textChanged: p.revision > 1 && p.status === "awaitingApproval",
    permissions: context.permissions ?? [],
    timeZone: context.timeZone,
  };
}

/** The proposal form: fresh, a draft sent back for changes, or content checked before sending. */
export interface PostFormView {
  /** The school's accounts a post may go to. */
  readonly accounts: readonly string[];
  /** The post being edited, when changes were asked for. */
  readonly draft?: PostProposal;
  /** What the author typed and the safeguarding flags it raised: "Send anyway" or edit. */
  readonly check?: { readonly content: PostContent; readonly flags: readonly SafeguardingFlag[] };
}

/** What happened to a post, told as a message of its own beside the live card. */
export type PostNews =
  /** To the author: it went to the approvers (and whether proposing it was their own key). */
  | { readonly kind: "sentForApproval"; readonly post: PostProposal }
  /** To the author: a decision was made on it. */
  | {
      readonly kind: "decided";
      readonly post: PostProposal;
      readonly decision: PostDecision;
      readonly names: ReadonlyMap<string, string>;
    }
  /** To approvers still to confirm: the author changed it and sent it back. */
  | { readonly kind: "resubmitted"; readonly post: PostProposal; readonly authorName: string }
  /** To the author: it was marked as posted. */
  | { readonly kind: "live"; readonly post: PostProposal; readonly publisherName: string }
  /** To an approver still to decide: it has waited this many hours since it was sent. */
  | { readonly kind: "stillWaiting"; readonly post: PostProposal; readonly hoursWaiting: number };

/** An approver's deputies: the keys they may delegate and the arrangements still running. */
export interface DeputyFormView {
  readonly keys: readonly ApprovalKey[];
  /** Who may be chosen (listed on the card in a small school, else found by the picker). */
  readonly people: readonly Person[];
  /** The school's date today, the first day a deputy may start. */
  readonly today: string;
  readonly current: readonly ApproverDeputy[];
  readonly names: ReadonlyMap<string, string>;
  readonly timeZone: string;
}

/** A deputy was named: the deputy is told, and the approver sees it done. */
export interface DeputyNamed {
  readonly deputy: ApproverDeputy;
  readonly names: ReadonlyMap<string, string>;
  readonly timeZone: string;
  readonly to: "deputy" | "approver";
}

/** The cards port of post approvals: one method per template, typed by the view it shows. */
export interface PostCards {
  postCard(view: PostView): CardMessage;
  postForm(view: PostFormView): CardMessage;
  postNews(news: PostNews): CardMessage;
  deputyForm(view: DeputyFormView): CardMessage;
  deputyNamed(news: DeputyNamed): CardMessage;
  /** The approver sees their deputy arrangement ended. */
  deputyEnded(): CardMessage;
}
