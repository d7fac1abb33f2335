import { shortened } from "../../app/shortened";
import { mayPublishPost } from "../../domain/people/permissions";
import { ROLE_TITLES, type Person } from "../../domain/people/person";
import type { ApproverDeputy } from "../../domain/posts/approverDeputies";
import { limitsLine } from "../../domain/posts/accountLimits";
import {
  approvalsNeeded,
  CHECKLIST,
  MAX_POST_TEXT,
  consentBlocked,
  currentDecisions,
  type ApprovalKey,
  type PostContent,
  type PostDecision,
  type PostProposal,
} from "../../domain/posts/postProposal";
import type { SafeguardingFlag } from "../../domain/posts/safeguardingChecks";
import type { CardMessage } from "../../ports";
import { readableDate } from "../../app/ukDates";
import { deputyLine } from "./approverDeputies";

/*
 * One card template, a view per person: an approver (or a deputy standing in) sees the buttons
 * their key allows (and only until they have decided), the author sees each decision as it
 * arrives and can edit when changes are asked for, a publisher sees "Mark as posted" once both
 * keys are turned. Cards show the current text only: earlier versions stay in the record.
 */
export const POST_VERBS = {
  submit: "postSubmit",
  approve: "postApprove",
  reject: "postReject",
  changes: "postRequestChanges",
  resubmit: "postResubmit",
  markPosted: "postMarkPosted",
  refresh: "postRefresh",
  overrideConsent: "postOverrideConsent",
} as const;

export const POST_STATUS_WORDS: Record<PostProposal["status"], string> = {
  awaitingApproval: "Waiting for approval",
  changesRequested: "Changes requested",
  rejected: "Rejected",
  readyToPost: "Approved: ready to post",
  posted: "Posted",
};

/** The form, fresh or as a draft; with `check`, the flags found before sending and "Send anyway". */
export function postFormCard(
  accounts: readonly string[],
  draft?: PostProposal,
  check?: { content: PostContent; flags: readonly SafeguardingFlag[] },
): CardMessage {
  const shown = check?.content ?? draft;
  return {
    template: "postForm",
    data: {
      title: check
        ? "Check your post before it is sent"
        : draft
          ? "Edit your post and send it back"
          : "Propose a post for the school's social media",
      postId: draft?.id ?? "",
      text: shown?.text ?? "",
      intendedDate: shown?.intendedDate ?? "",
      imageLinks: shown?.imageLinks.join("\n") ?? "",
      accounts: accounts.map((a) => ({ title: a, value: a })),
      chosenAccounts: shown?.accounts.join(",") ?? "",
      checklist: Object.entries(CHECKLIST).map(([id, title]) => ({
        id,
        title,
        value: shown ? String(shown.checklist[id as keyof typeof CHECKLIST]) : "false",
      })),
      flags: (check?.flags ?? []).map((f) => ({ text: f.text })),
      hasFlags: Boolean(check?.flags.length),
      consentHit: Boolean(check?.flags.some((f) => f.kind === "consent")),
      limits:
        `Limits: the text up to ${MAX_POST_TEXT.toLocaleString("en-GB")} characters. ${limitsLine(accounts)}`.trim(),
      verb: draft ? POST_VERBS.resubmit : POST_VERBS.submit,
    },
  };
}

/** Decisions a post card repeats (the latest), whatever the number of revisions. */
export const POST_CARD_DECISIONS = 6;

/** A URL inside "[label](url)": characters that would end the link are percent-encoded. */
export function markdownLinkTarget(url: string): string {
  return url.replace(
    /[()<>\s]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`,
  );
}

/** "Helen Carter, Headteacher", or "Rachel Green, deputy for Helen Carter as Headteacher". */
export function whoDecided(d: PostDecision, names: ReadonlyMap<string, string>): string {
  const name = (id: string) => names.get(id) ?? "A former member of staff";
  return d.deputyFor
    ? `${name(d.by)}, deputy for ${name(d.deputyFor)} as ${ROLE_TITLES[d.key]}`
    : `${name(d.by)}, ${ROLE_TITLES[d.key]}`;
}

function what(d: PostDecision, p: PostProposal): string {
  if (d.implicit) return "Confirmed by proposing it";
  const verb =
    d.decision === "approve"
      ? "Approved"
      : d.decision === "reject"
        ? "Rejected"
        : "Asked for changes";
  return `${verb}${d.revision !== p.revision ? " (earlier version)" : ""}${d.comment ? `: ${shortened(d.comment)}` : ""}`;
}

export interface PostView {
  readonly authorName: string;
  readonly names: ReadonlyMap<string, string>;
  readonly everyone: readonly string[];
  /** The keys the viewer may give today (own roles, or as a deputy). */
  readonly keys: readonly ApprovalKey[];
  readonly deputies: readonly ApproverDeputy[];
  readonly timeZone: string;
  /** From the written permissions register: whether each permission the post needs is in place. */
  readonly permissions?: readonly { readonly words: string; readonly inPlace: boolean }[];
}

export function postCard(p: PostProposal, viewer: Person, view: PostView): CardMessage {
  const decided = new Set(currentDecisions(p).map((d) => d.key));
  const decidedByViewer = currentDecisions(p).some((d) => d.by === viewer.aadObjectId);
  const decisionKey =
    p.status === "awaitingApproval" && viewer.aadObjectId !== p.authorId && !decidedByViewer
      ? view.keys.find((k) => !decided.has(k))
      : undefined;
  const blocked = consentBlocked(p);
  const override =
    p.consentOverride && p.consentOverride.revision === p.revision ? p.consentOverride : null;
  const waiting = p.status === "awaitingApproval" ? approvalsNeeded(p) : [];
  const deputies = view.deputies.filter((d) => waiting.includes(d.key));
  return {
    template: "postCard",
    data: {
      postId: p.id,
      revision: p.revision,
      authorName: view.authorName,
      status: POST_STATUS_WORDS[p.status],
      text: p.text,
      // Changed text is worth pointing out only while a decision is still to be made on it.
      changed: p.revision > 1 && p.status === "awaitingApproval",
      accounts: p.accounts.join(", "),
      intendedDate: readableDate(p.intendedDate, view.timeZone),
      // Links in text, not buttons: Teams shows at most 6 actions in an action set.
      imageLinks: p.imageLinks.map((url, i) => ({
        label: `Photo ${i + 1}`,
        linkUrl: markdownLinkTarget(url),
      })),
      hasImages: p.imageLinks.length > 0,
      flags: p.flags.map((f) => ({ text: f.text })),
      hasFlags: p.flags.length > 0,
      permissions: (view.permissions ?? []).map((x) => ({
        text: x.words,
        colour: x.inPlace ? "Accent" : "Attention",
      })),
      hasPermissions: (view.permissions ?? []).length > 0,
      sentAnyway: p.sentAnywayReason
        ? `${view.authorName} sent it despite these checks: ${p.sentAnywayReason}`
        : "",
      consentBlocked: blocked && p.status === "awaitingApproval",
      consentOverride: override
        ? `${view.names.get(override.by) ?? "An approver"} overrode the consent check: ${override.reason}`
        : "",
      // The latest decisions only (each revision adds some); the post's audit keeps them all.
      decisions: p.decisions
        .filter((d) => d.revision === p.revision || d.decision !== "approve")
        .slice(-POST_CARD_DECISIONS)
        .map((d) => ({ who: whoDecided(d, view.names), what: what(d, p) })),
      waitingFor: waiting.map((k) => `the ${ROLE_TITLES[k]}`).join(" and "),
      deputies: deputies.map((d) => ({ line: deputyLine(d, view.names, view.timeZone) })),
      hasDeputies: deputies.length > 0,
      canDecide: Boolean(decisionKey),
      canApprove: Boolean(decisionKey) && !blocked,
      canOverride: Boolean(decisionKey) && blocked,
      decisionKey: decisionKey ?? "",
      canMarkPosted: p.status === "readyToPost" && mayPublishPost(viewer),
      canEdit: p.status === "changesRequested" && viewer.aadObjectId === p.authorId,
      postedLinkUrl: p.postedLink ?? "",
      verbs: POST_VERBS,
      // Universal Actions: whoever opens a copy gets their own view; Teams allows 60 ids.
      refreshUserIds: view.everyone.slice(0, 60),
    },
  };
}
