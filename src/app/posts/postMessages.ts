import { mayApprovePostAs, mayPublishPost } from "../../domain/people/permissions";
import { ROLE_TITLES, type Person } from "../../domain/people/person";
import { approvalsNeeded, CHECKLIST, currentDecisions, type PostProposal } from "../../domain/posts/postProposal";
import type { CardMessage } from "../../ports";

/*
 * One card template, a view per person: an approver sees the buttons their role allows (and
 * only until they have decided), the author sees each decision as it arrives and can edit when
 * changes are asked for, a publisher sees "Mark as posted" once both keys are turned.
 */
export const POST_VERBS = {
  submit: "postSubmit",
  approve: "postApprove",
  reject: "postReject",
  changes: "postRequestChanges",
  resubmit: "postResubmit",
  markPosted: "postMarkPosted",
  refresh: "postRefresh",
} as const;

export const POST_STATUS_WORDS: Record<PostProposal["status"], string> = {
  awaitingApproval: "Waiting for approval",
  changesRequested: "Changes requested",
  rejected: "Rejected",
  readyToPost: "Approved: ready to post",
  posted: "Posted",
};

export function postFormCard(accounts: readonly string[], draft?: PostProposal): CardMessage {
  return {
    template: "postForm",
    data: {
      title: draft ? "Edit your post and send it back" : "Propose a post for the school's social media",
      postId: draft?.id ?? "",
      text: draft?.text ?? "",
      intendedDate: draft?.intendedDate ?? "",
      imageLinks: draft?.imageLinks.join("\n") ?? "",
      accounts: accounts.map((a) => ({ title: a, value: a })),
      chosenAccounts: draft?.accounts.join(",") ?? "",
      checklist: Object.entries(CHECKLIST).map(([id, title]) => ({ id, title })),
      verb: draft ? POST_VERBS.resubmit : POST_VERBS.submit,
    },
  };
}

export function postCard(
  p: PostProposal,
  viewer: Person,
  authorName: string,
  names: ReadonlyMap<string, string>,
  everyone: readonly string[],
  permissions: readonly { readonly words: string; readonly inPlace: boolean }[] = [],
): CardMessage {
  const decided = new Set(currentDecisions(p).map((d) => d.key));
  const decidedByViewer = currentDecisions(p).some((d) => d.by === viewer.aadObjectId);
  const decisionKey = p.status === "awaitingApproval" && viewer.aadObjectId !== p.authorId && !decidedByViewer ? mayApprovePostAs(viewer).find((k) => !decided.has(k)) : undefined;
  return {
    template: "postCard",
    data: {
      postId: p.id,
      revision: p.revision,
      authorName,
      status: POST_STATUS_WORDS[p.status],
      text: p.text,
      changed: p.previousText !== null && p.revision > 1,
      previousText: p.previousText ?? "",
      accounts: p.accounts.join(", "),
      intendedDate: p.intendedDate,
      imageLinks: p.imageLinks.map((linkUrl) => ({ linkUrl })),
      hasImages: p.imageLinks.length > 0,
      flags: p.flags.map((text) => ({ text })),
      hasFlags: p.flags.length > 0,
      permissions: permissions.map((x) => ({ text: x.words, colour: x.inPlace ? "Good" : "Attention" })),
      hasPermissions: permissions.length > 0,
      decisions: p.decisions
        .filter((d) => d.revision === p.revision || d.decision !== "approve")
        .map((d) => ({ who: `${ROLE_TITLES[d.key]} (${names.get(d.by) ?? "former staff"})`, what: `${d.decision === "approve" ? "Approved" : d.decision === "reject" ? "Rejected" : "Asked for changes"}${d.revision !== p.revision ? " (earlier version)" : ""}${d.comment ? `: ${d.comment}` : ""}` })),
      waitingFor: p.status === "awaitingApproval" ? approvalsNeeded(p).map((k) => ROLE_TITLES[k]).join(" and ") : "",
      canDecide: Boolean(decisionKey),
      decisionKey: decisionKey ?? "",
      canMarkPosted: p.status === "readyToPost" && mayPublishPost(viewer),
      canEdit: p.status === "changesRequested" && viewer.aadObjectId === p.authorId,
      postedLinkUrl: p.postedLink ?? "",
      verbs: POST_VERBS,
      // Universal Actions: whoever opens a copy gets their own view; Teams allows 60 ids.
      refreshUserIds: everyone.slice(0, 60),
    },
  };
}
