import { listedChoices } from "../../../app/people/findColleagues";
import { shortened } from "../../../app/shortened";
import { readableDate } from "../../../app/ukDates";
import { ROLE_TITLES } from "../../../domain/people/person";
import { limitsLine } from "../../../domain/posts/accountLimits";
import {
  approvalsNeeded,
  CHECKLIST,
  MAX_POST_TEXT,
  type PostDecision,
  type PostProposal,
} from "../../../domain/posts/postProposal";
import type { CardMessage } from "../../../ports";
import { DEPUTY_VERBS, deputyLine } from "../approverDeputies";
import { POST_STATUS_WORDS, whoDecided } from "../postMessages";
import type {
  DeputyFormView,
  DeputyNamed,
  PostCards,
  PostFormView,
  PostNews,
  PostView,
} from "../postViews";
import { POST_VERBS } from "./postVerbs";

/*
 * The Teams side of the PostCards port: each view becomes the data of its template
 * (postCard.json, postForm.json). One card template, a view per person: an approver (or a deputy
 * standing in) sees the buttons their key allows (and only until they have decided), the author
 * sees each decision as it arrives and can edit when changes are asked for, a publisher sees
 * "Mark as posted" once both keys are turned. Cards show the current text only: earlier
 * versions stay in the record.
 */

/** Decisions a post card repeats (the latest), whatever the number of revisions. */
export const POST_CARD_DECISIONS = 6;

/** Universal Actions: Teams refreshes a card for at most 60 user ids. */
export const REFRESH_USER_IDS_LIMIT = 60;

/** A URL inside "[label](url)": characters that would end the link are percent-encoded. */
export function markdownLinkTarget(url: string): string {
  return url.replace(
    /[()<>\s]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`,
  );
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

/** The data of postCard.json. */
export interface PostCardData extends Record<string, unknown> {
  readonly postId: string;
  readonly revision: number;
  readonly authorName: string;
  readonly status: string;
  readonly text: string;
  readonly changed: boolean;
  readonly accounts: string;
  readonly intendedDate: string;
  readonly imageLinks: readonly { readonly label: string; readonly linkUrl: string }[];
  readonly hasImages: boolean;
  readonly flags: readonly { readonly text: string }[];
  readonly hasFlags: boolean;
  readonly permissions: readonly { readonly text: string; readonly colour: string }[];
  readonly hasPermissions: boolean;
  readonly sentAnyway: string;
  readonly consentBlocked: boolean;
  readonly consentOverride: string;
  readonly decisions: readonly { readonly who: string; readonly what: string }[];
  readonly waitingFor: string;
  readonly deputies: readonly { readonly line: string }[];
  readonly hasDeputies: boolean;
  readonly canDecide: boolean;
  readonly canApprove: boolean;
  readonly canOverride: boolean;
  readonly decisionKey: string;
  readonly canMarkPosted: boolean;
  readonly canEdit: boolean;
  readonly postedLinkUrl: string;
  readonly verbs: typeof POST_VERBS;
  readonly refreshUserIds: readonly string[];
}

/** The data of postForm.json. */
export interface PostFormData extends Record<string, unknown> {
  readonly title: string;
  readonly postId: string;
  readonly text: string;
  readonly intendedDate: string;
  readonly imageLinks: string;
  readonly accounts: readonly { readonly title: string; readonly value: string }[];
  readonly chosenAccounts: string;
  readonly checklist: readonly {
    readonly id: string;
    readonly title: string;
    readonly value: string;
  }[];
  readonly flags: readonly { readonly text: string }[];
  readonly hasFlags: boolean;
  readonly consentHit: boolean;
  readonly limits: string;
  readonly verb: string;
}

function postCardData(view: PostView): PostCardData {
  const p = view.post;
  const override =
    p.consentOverride && p.consentOverride.revision === p.revision ? p.consentOverride : null;
  const decisionKey = view.decideAs;
  return {
    postId: p.id,
    revision: p.revision,
    authorName: view.authorName,
    status: POST_STATUS_WORDS[p.status],
    text: p.text,
    // Changed text is worth pointing out only while a decision is still to be made on it.
    changed: view.textChanged,
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
    permissions: view.permissions.map((x) => ({
      text: x.words,
      colour: x.inPlace ? "Accent" : "Attention",
    })),
    hasPermissions: view.permissions.length > 0,
    sentAnyway: p.sentAnywayReason
      ? `${view.authorName} sent it despite these checks: ${p.sentAnywayReason}`
      : "",
    consentBlocked: view.consentBlocked,
    consentOverride: override
      ? `${view.names.get(override.by) ?? "An approver"} overrode the consent check: ${override.reason}`
      : "",
    // The latest decisions only (each revision adds some); the post's audit keeps them all.
    decisions: p.decisions
      .filter((d) => d.revision === p.revision || d.decision !== "approve")
      .slice(-POST_CARD_DECISIONS)
      .map((d) => ({ who: whoDecided(d, view.names), what: what(d, p) })),
    waitingFor: view.waitingFor.map((k) => `the ${ROLE_TITLES[k]}`).join(" and "),
    deputies: view.deputies.map((d) => ({ line: deputyLine(d, view.names, view.timeZone) })),
    hasDeputies: view.deputies.length > 0,
    canDecide: Boolean(decisionKey),
    canApprove: Boolean(decisionKey) && !view.consentBlocked,
    canOverride: Boolean(decisionKey) && view.consentBlocked,
    decisionKey: decisionKey ?? "",
    canMarkPosted: view.mayPublish,
    canEdit: view.mayEdit,
    postedLinkUrl: p.postedLink ?? "",
    verbs: POST_VERBS,
    // Whoever opens a copy gets their own view, within Teams' limit of ids.
    refreshUserIds: view.holders.slice(0, REFRESH_USER_IDS_LIMIT),
  };
}

function postFormData({ accounts, draft, check }: PostFormView): PostFormData {
  const shown = check?.content ?? draft;
  return {
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
  };
}

/** The data of the shared notice.json. */
export interface NoticeData extends Record<string, unknown> {
  readonly title: string;
  readonly message: string;
  readonly tone: "good" | "attention" | "";
}

/** The data of the shared summary.json. */
export interface SummaryData extends Record<string, unknown> {
  readonly title: string;
  readonly message: string;
  readonly facts: readonly { readonly title: string; readonly value: string }[];
  readonly actionTitle: string;
  readonly actionUrl: string;
}

/** The data of deputyForm.json. */
export interface DeputyFormData extends Record<string, unknown> {
  readonly keys: readonly { readonly title: string; readonly value: string }[];
  readonly chosenKey: string | undefined;
  readonly listed: boolean;
  readonly people: readonly { readonly title: string; readonly value: string }[];
  readonly from: string;
  readonly current: readonly { readonly line: string; readonly deputyRecordId: string }[];
  readonly hasCurrent: boolean;
  readonly verb: string;
  readonly endVerb: string;
}

const notice = (data: NoticeData): CardMessage => ({ template: "notice", data });

/** Who still has to confirm, in words: "the Headteacher", or both approvers. */
function stillToConfirm(p: PostProposal): string {
  return approvalsNeeded(p)
    .map((k) => `the ${ROLE_TITLES[k]}`)
    .join(" and ");
}

function postNews(news: PostNews): CardMessage {
  const p = news.post;
  switch (news.kind) {
    case "sentForApproval": {
      const own = p.decisions.find((d) => d.implicit && d.revision === p.revision);
      return notice({
        title: "Sent for approval",
        message: [
          own
            ? `As the ${ROLE_TITLES[own.key]}, proposing it counts as your confirmation (recorded on the card).`
            : "",
          `It has gone to ${stillToConfirm(p)} to confirm. Its card below shows each decision as it arrives.`,
          p.flags.length
            ? `Sent despite the checks, with your reason: "${p.sentAnywayReason}".`
            : "",
        ]
          .filter(Boolean)
          .join(" "),
        tone: p.flags.length ? "attention" : "good",
      });
    }
    case "decided": {
      const d = news.decision;
      const words =
        d.decision === "approve"
          ? "approved"
          : d.decision === "reject"
            ? "rejected"
            : "asked for changes to";
      return notice({
        title: `${whoDecided(d, news.names)} ${words} your post`,
        message: `${d.comment ? `"${d.comment}" ` : ""}Status now: ${POST_STATUS_WORDS[p.status]}.`,
        tone: d.decision === "approve" ? "good" : "attention",
      });
    }
    case "resubmitted":
      return notice({
        title: `${news.authorName} changed their post and sent it back`,
        message: `Earlier decisions were on the old text, so it needs your decision again. Its card further up this chat now shows the new text (version ${p.revision}).`,
        tone: "attention",
      });
    case "live": {
      const data: SummaryData = {
        title: "Your post is live",
        message: `${news.publisherName} posted it on ${p.accounts.join(", ")}.`,
        facts: [],
        actionTitle: "See the live post",
        actionUrl: p.postedLink ?? "",
      };
      return { template: "summary", data };
    }
    case "stillWaiting":
      return notice({
        title: "A proposed post is waiting for your decision",
        message: `It was sent for approval ${news.hoursWaiting} hours ago. Its card is further up this chat.`,
        tone: "attention",
      });
  }
}

function deputyFormData(view: DeputyFormView): DeputyFormData {
  return {
    keys: view.keys.map((k) => ({ title: ROLE_TITLES[k], value: k })),
    chosenKey: view.keys[0],
    // A small school's staff are listed; a larger one's are found by the picker's search.
    ...listedChoices(view.people),
    from: view.today,
    current: view.current.map((d) => ({
      line: deputyLine(d, view.names, view.timeZone),
      deputyRecordId: d.id,
    })),
    hasCurrent: view.current.length > 0,
    verb: DEPUTY_VERBS.name,
    endVerb: DEPUTY_VERBS.end,
  };
}

function deputyNamed({ deputy: d, names, timeZone, to }: DeputyNamed): CardMessage {
  const line = deputyLine(d, names, timeZone);
  const approver = names.get(d.approverId) ?? "An approver";
  return to === "deputy"
    ? notice({
        title: `${approver} named you as deputy for the ${ROLE_TITLES[d.key]}`,
        message: `${line}. A proposed post still waiting for the ${ROLE_TITLES[d.key]}'s confirmation after the reminder period will come to you to decide.`,
        tone: "",
      })
    : notice({ title: "Deputy named", message: `${line}. They have been told.`, tone: "good" });
}

/** The post approvals cards as Teams shows them: Adaptive Card templates with typed data. */
export const teamsPostCards: PostCards = {
  postCard: (view): CardMessage => ({ template: "postCard", data: postCardData(view) }),
  postForm: (view): CardMessage => ({ template: "postForm", data: postFormData(view) }),
  postNews,
  deputyForm: (view): CardMessage => ({ template: "deputyForm", data: deputyFormData(view) }),
  deputyNamed,
  deputyEnded: () =>
    notice({
      title: "Deputy arrangement ended",
      message: "Posts waiting for your confirmation come to you again.",
      tone: "good",
    }),
};
