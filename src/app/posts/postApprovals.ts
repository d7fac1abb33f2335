import { takeAllowance } from "../limits/rateLimits";
import { holdersOf, ROLE_TITLES, type Person } from "../../domain/people/person";
import { mayProposePost } from "../../domain/people/permissions";
import { keysFor, type ApproverDeputy } from "../../domain/posts/approverDeputies";
import {
  approvalsNeeded,
  checkContent,
  decide,
  implicitConfirmation,
  markPosted,
  overrideConsent,
  resubmit,
  type ApprovalKey,
  type PostContent,
  type PostDecisionKind,
  type PostProposal,
} from "../../domain/posts/postProposal";
import { safeguardingCheck, type ConsentEntry, type SafeguardingFlag } from "../../domain/posts/safeguardingChecks";
import { accept, refuse, type Decision } from "../../domain/result";
import type { CardMessage } from "../../ports";
import type { AppServices } from "../services";
import { activeDeputiesToday, today } from "./approverDeputies";
import { POST_STATUS_WORDS, postCard, postFormCard, whoDecided } from "./postMessages";
import { postAuditKind, postProposalKind } from "./postRecords";
import { permissionsForPost } from "../../features/permissions/writtenPermissions";

/*
 * Proposing, deciding on, changing and publishing a post. Every change re-reads the post and
 * saves by compare-and-set, re-deciding on conflict, so two approvers clicking at the same
 * moment both count; then every copy of the card (author's, approvers', deputies', publishers')
 * is brought up to date through the outbox.
 */
export interface PostSettings {
  readonly accounts: readonly string[];
  readonly consentList: readonly ConsentEntry[];
  readonly reminderHours: number;
}

async function audit(services: AppServices, postId: string, by: string, action: string, verb: string): Promise<void> {
  await services.store.collection(postAuditKind).create(services.ids.newId(), { postId, at: services.clock.now().toISOString(), by, action, verb });
}

/** Everyone who holds a copy of the post's card. */
async function audience(services: AppServices, p: PostProposal): Promise<Person[]> {
  const people = await services.directory.all();
  const approvers = [...holdersOf(people, "aht-publicity"), ...holdersOf(people, "headteacher")];
  const deputies = people.filter((x) => p.escalatedTo.includes(x.aadObjectId));
  const publishers = p.status === "readyToPost" || p.status === "posted" ? [...holdersOf(people, "resources-manager"), ...holdersOf(people, "aht-publicity")] : [];
  const author = people.filter((x) => x.aadObjectId === p.authorId);
  return [...new Map([...author, ...approvers, ...deputies, ...publishers].map((x) => [x.aadObjectId, x])).values()];
}

async function viewWith(services: AppServices, p: PostProposal, viewer: Person, deputies: readonly ApproverDeputy[], everyone: readonly string[]): Promise<CardMessage> {
  const people = await services.directory.all();
  const names = new Map(people.map((x) => [x.aadObjectId, x.displayName]));
  const keys = keysFor(viewer, deputies, today(services)).map((k) => k.key);
  // Whether the written permissions the post needs (a colleague named, the logo) are in place.
  const permissions = await permissionsForPost(services, p);
  return postCard(p, viewer, { authorName: names.get(p.authorId) ?? "former staff", names, everyone, keys, deputies, timeZone: services.schoolTimeZone, permissions });
}

export async function viewFor(services: AppServices, p: PostProposal, viewer: Person): Promise<CardMessage> {
  const everyone = (await audience(services, p)).map((x) => x.aadObjectId);
  return viewWith(services, p, viewer, await activeDeputiesToday(services), everyone);
}

/**
 * A post's card on refresh, for those who hold one: its author, its approvers and, once it is
 * ready, its publishers. Anyone else gets the answer a missing post gets.
 */
export async function refreshPost(services: AppServices, viewer: Person, postId: string): Promise<Decision<CardMessage>> {
  const record = await services.store.collection(postProposalKind).get(postId);
  if (!record || !(await audience(services, record.data)).some((p) => p.aadObjectId === viewer.aadObjectId)) {
    return refuse("POST.NOT_FOUND", "That post does not exist, or is not one you can see.");
  }
  return accept(await viewFor(services, record.data, viewer));
}

/** Sends or updates every copy; each recipient's first card is the one later updates replace. */
async function spread(services: AppServices, p: PostProposal, step: string): Promise<void> {
  const people = await audience(services, p);
  const everyone = people.map((x) => x.aadObjectId);
  const deputies = await activeDeputiesToday(services);
  for (const person of people) {
    const first = `post:${p.id}:${person.aadObjectId}`;
    const existing = await services.outbox.byKey(first);
    await services.outbox.enqueue({
      key: existing ? `${first}:${step}` : first,
      recipient: person.aadObjectId,
      purpose: person.aadObjectId === p.authorId ? "postStatus" : "postApproval",
      card: await viewWith(services, p, person, deputies, everyone),
      ...(existing ? { replaces: first } : {}),
    });
  }
}

/** Who still has to confirm, in words: "the Headteacher", or both approvers. */
function stillToConfirm(keys: readonly ApprovalKey[]): string {
  return keys.map((k) => `the ${ROLE_TITLES[k]}`).join(" and ");
}

/**
 * What the author chose when flags were shown before sending: null = not yet shown them (or
 * they edited), a reason = send anyway. A text without flags needs neither.
 */
export type SendAnyway = string | null;

type PreSend = { readonly kind: "send"; readonly flags: SafeguardingFlag[]; readonly sentAnywayReason: string | null } | { readonly kind: "check"; readonly card: CardMessage };

/** Flags are shown to the author before anything is sent: edit, or send anyway with a reason. */
function checkBeforeSending(settings: PostSettings, content: PostContent, sendAnyway: SendAnyway, draft?: PostProposal): Decision<PreSend> {
  const flags = safeguardingCheck(content.text, settings.consentList);
  if (flags.length === 0) return accept({ kind: "send", flags, sentAnywayReason: null });
  if (sendAnyway === null) return accept({ kind: "check", card: postFormCard(settings.accounts, draft, { content, flags }) });
  if (sendAnyway.trim().length < 3) return refuse("POST.SEND_ANYWAY_REASON", "Say why it should be sent as it is (at least a few words), or edit the text and check it again.");
  return accept({ kind: "send", flags, sentAnywayReason: sendAnyway.trim() });
}

export async function proposePost(
  services: AppServices,
  settings: PostSettings,
  author: Person,
  content: PostContent,
  sendAnyway: SendAnyway = null,
): Promise<Decision<{ post: PostProposal | null; card: CardMessage }>> {
  if (!mayProposePost(author)) return refuse("POST.ROLE", "Only people on the roster can propose posts.");
  const checked = checkContent(content, settings.accounts);
  if (!checked.ok) return checked;
  const pre = checkBeforeSending(settings, content, sendAnyway);
  if (!pre.ok) return pre;
  if (pre.value.kind === "check") return accept({ post: null, card: pre.value.card });
  // Each proposal lands in both approvers' chats: only one actually sent counts.
  const allowed = await takeAllowance(services, author.aadObjectId, "post");
  if (!allowed.ok) return allowed;
  const at = services.clock.now().toISOString();
  const post: PostProposal = {
    ...content,
    id: `P-${services.ids.newId().slice(0, 8)}`,
    authorId: author.aadObjectId,
    revision: 1,
    previousText: null,
    flags: pre.value.flags,
    sentAnywayReason: pre.value.sentAnywayReason,
    consentOverride: null,
    escalatedTo: [],
    status: "awaitingApproval",
    // An approver's own proposal is their confirmation: only the other key is asked for.
    decisions: implicitConfirmation(author, 1, at),
    submittedAt: at,
    postedLink: null,
    postedAt: null,
    postedBy: null,
  };
  await services.store.collection(postProposalKind).create(post.id, post);
  await audit(services, post.id, author.aadObjectId, "proposed", "postSubmit");
  await auditImplicit(services, post);
  if (post.sentAnywayReason) await audit(services, post.id, author.aadObjectId, `sent despite safeguarding flags (${post.flags.map((f) => f.kind).join(", ")})`, "postSubmit");
  await spread(services, post, "r1");
  // The live card (updated as decisions arrive) is the one the outbox sends; the form becomes a receipt.
  return accept({ post, card: receipt(post) });
}

async function auditImplicit(services: AppServices, p: PostProposal): Promise<void> {
  for (const d of p.decisions.filter((x) => x.implicit && x.revision === p.revision)) {
    await audit(services, p.id, d.by, `confirmed as ${d.key} by proposing it (revision ${p.revision})`, p.revision === 1 ? "postSubmit" : "postResubmit");
  }
}

function receipt(p: PostProposal): CardMessage {
  const own = p.decisions.find((d) => d.implicit && d.revision === p.revision);
  return {
    template: "notice",
    data: {
      title: "Sent for approval",
      message: [
        own ? `As the ${ROLE_TITLES[own.key]}, proposing it counts as your confirmation (recorded on the card).` : "",
        `It has gone to ${stillToConfirm(approvalsNeeded(p))} to confirm. Its card below shows each decision as it arrives.`,
        p.flags.length ? `Sent despite the checks, with your reason: "${p.sentAnywayReason}".` : "",
      ]
        .filter(Boolean)
        .join(" "),
      tone: p.flags.length ? "attention" : "good",
    },
  };
}

async function change(
  services: AppServices,
  postId: string,
  decideNext: (p: PostProposal, at: string) => Decision<PostProposal>,
): Promise<Decision<{ before: PostProposal; after: PostProposal }>> {
  const posts = services.store.collection(postProposalKind);
  for (let attempt = 0; attempt < 8; attempt++) {
    const record = await posts.get(postId);
    if (!record) return refuse("POST.NOT_FOUND", "That post does not exist.");
    const next = decideNext(record.data, services.clock.now().toISOString());
    if (!next.ok) return next;
    const saved = await posts.update(postId, next.value, record.version);
    if (saved.ok) return accept({ before: record.data, after: saved.record.data });
  }
  return refuse("POST.BUSY", "The post changed while you were deciding; please try again.");
}

export async function decidePost(
  services: AppServices,
  person: Person,
  postId: string,
  key: ApprovalKey,
  decision: PostDecisionKind,
  comment: string,
  revision: number,
  verb: string,
): Promise<Decision<CardMessage>> {
  const delegation = { deputies: await activeDeputiesToday(services), today: today(services) };
  const result = await change(services, postId, (p, at) => decide(p, person, key, decision, comment, revision, at, delegation));
  if (!result.ok) return result;
  const post = result.value.after;
  const made = post.decisions.at(-1)!;
  await audit(services, postId, person.aadObjectId, `${decision} as ${key}${made.deputyFor ? `, deputy for ${made.deputyFor}` : ""} (revision ${revision})`, verb);
  await spread(services, post, `d${post.decisions.length}`);
  // Besides the live card, the author gets each decision as a message of its own, so it is seen
  // even where a client does not redraw edited cards.
  const names = new Map((await services.directory.all()).map((x) => [x.aadObjectId, x.displayName]));
  const words = decision === "approve" ? "approved" : decision === "reject" ? "rejected" : "asked for changes to";
  await services.outbox.enqueue({
    key: `postDecision:${postId}:${post.decisions.length}`,
    recipient: post.authorId,
    purpose: "postDecision",
    card: {
      template: "notice",
      data: {
        title: `${whoDecided(made, names)} ${words} your post`,
        message: `${comment.trim() ? `"${comment.trim()}" ` : ""}Status now: ${POST_STATUS_WORDS[post.status]}.`,
        tone: decision === "approve" ? "good" : "attention",
      },
    },
  });
  return accept(await viewFor(services, post, person));
}

/** An approver overrides a consent-list hit with a reason: audited, shown on every card. */
export async function overrideConsentCheck(services: AppServices, person: Person, postId: string, reason: string, revision: number): Promise<Decision<CardMessage>> {
  const delegation = { deputies: await activeDeputiesToday(services), today: today(services) };
  const result = await change(services, postId, (p, at) => overrideConsent(p, person, reason, revision, at, delegation));
  if (!result.ok) return result;
  await audit(services, postId, person.aadObjectId, `overrode the consent-list check (revision ${revision}): ${reason.trim()}`, "postOverrideConsent");
  await spread(services, result.value.after, `o${revision}`);
  return accept(await viewFor(services, result.value.after, person));
}

export async function resubmitPost(
  services: AppServices,
  settings: PostSettings,
  author: Person,
  postId: string,
  content: PostContent,
  sendAnyway: SendAnyway = null,
): Promise<Decision<CardMessage>> {
  const checked = checkContent(content, settings.accounts);
  if (!checked.ok) return checked;
  const current = await services.store.collection(postProposalKind).get(postId);
  if (!current || current.data.authorId !== author.aadObjectId) return refuse("POST.NOT_AUTHOR", "Only the author can change this post.");
  const pre = checkBeforeSending(settings, content, sendAnyway, current.data);
  if (!pre.ok) return pre;
  if (pre.value.kind === "check") return accept(pre.value.card);
  const { flags, sentAnywayReason } = pre.value;
  const result = await change(services, postId, (p, at) => resubmit(p, author, content, { flags, sentAnywayReason }, at));
  if (!result.ok) return result;
  const post = result.value.after;
  await audit(services, postId, author.aadObjectId, `resubmitted as revision ${post.revision}`, "postResubmit");
  await auditImplicit(services, post);
  await spread(services, post, `r${post.revision}`);
  await tellApproversOfResubmission(services, post, author);
  return accept(await viewFor(services, post, author));
}

/** A changed post is news: the approvers still to confirm get a new message, not only an edited card. */
async function tellApproversOfResubmission(services: AppServices, p: PostProposal, author: Person): Promise<void> {
  const people = await services.directory.all();
  const waiting = approvalsNeeded(p).flatMap((k) => [...holdersOf(people, k), ...people.filter((x) => p.escalatedTo.includes(x.aadObjectId))]);
  const recipients = [...new Map(waiting.filter((x) => x.aadObjectId !== p.authorId).map((x) => [x.aadObjectId, x])).values()];
  await services.outbox.enqueueAll(
    recipients.map((x) => ({
      key: `postResubmitted:${p.id}:r${p.revision}:${x.aadObjectId}`,
      recipient: x.aadObjectId,
      purpose: "postResubmitted",
      card: {
        template: "notice",
        data: {
          title: `${author.displayName} changed their post and sent it back`,
          message: `Earlier decisions were on the old text, so it needs your decision again. Its card further up this chat now shows the new text (version ${p.revision}).`,
          tone: "attention",
        },
      },
    })),
  );
}

export async function markPostPosted(services: AppServices, person: Person, postId: string, link: string): Promise<Decision<CardMessage>> {
  const result = await change(services, postId, (p, at) => markPosted(p, person, link, at));
  if (!result.ok) return result;
  const post = result.value.after;
  await audit(services, postId, person.aadObjectId, "marked as posted", "postMarkPosted");
  await spread(services, post, "posted");
  await services.outbox.enqueue({
    key: `postLive:${postId}`,
    recipient: post.authorId,
    purpose: "postDecision",
    card: { template: "summary", data: { title: "Your post is live", message: `${person.displayName} posted it on ${post.accounts.join(", ")}.`, facts: [], actionTitle: "See the live post", actionUrl: post.postedLink ?? "" } },
  });
  return accept(await viewFor(services, post, person));
}

export async function editForm(services: AppServices, settings: PostSettings, author: Person, postId: string): Promise<Decision<CardMessage>> {
  const record = await services.store.collection(postProposalKind).get(postId);
  if (!record || record.data.authorId !== author.aadObjectId) return refuse("POST.NOT_AUTHOR", "Only the author can change this post.");
  if (record.data.status !== "changesRequested") return refuse("POST.NOT_CHANGES", "Changes can only be made when the approvers have asked for them.");
  return accept(postFormCard(settings.accounts, record.data));
}

/** The escalation step of the reminder job: a post waiting on an absent approver goes to their deputy. */
export async function escalateToDeputies(services: AppServices, p: PostProposal, deputies: readonly ApproverDeputy[]): Promise<number> {
  const needed = approvalsNeeded(p);
  const decidedBy = new Set(p.decisions.filter((d) => d.revision === p.revision).map((d) => d.by));
  const fresh = deputies.filter((d) => needed.includes(d.key) && d.deputyId !== p.authorId && !decidedBy.has(d.deputyId) && !p.escalatedTo.includes(d.deputyId));
  if (fresh.length === 0) return 0;
  const result = await change(services, p.id, (current) => accept({ ...current, escalatedTo: [...new Set([...current.escalatedTo, ...fresh.map((d) => d.deputyId)])] }));
  if (!result.ok) return 0;
  for (const d of fresh) await audit(services, p.id, d.deputyId, `escalated to deputy for ${d.key} (standing in for ${d.approverId})`, "remindPendingPostApprovals");
  await spread(services, result.value.after, `e${result.value.after.escalatedTo.length}`);
  return fresh.length;
}
