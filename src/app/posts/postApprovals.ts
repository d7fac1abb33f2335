import { holdersOf, ROLE_TITLES, type Person } from "../../domain/people/person";
import { mayProposePost } from "../../domain/people/permissions";
import { checkContent, decide, markPosted, resubmit, type ApprovalKey, type PostContent, type PostDecisionKind, type PostProposal } from "../../domain/posts/postProposal";
import { safeguardingFlags, type ConsentEntry } from "../../domain/posts/safeguardingChecks";
import { accept, refuse, type Decision } from "../../domain/result";
import type { CardMessage } from "../../ports";
import type { AppServices } from "../services";
import { POST_STATUS_WORDS, postCard, postFormCard } from "./postMessages";
import { postAuditKind, postProposalKind } from "./postRecords";
import { permissionsForPost } from "../../features/permissions/writtenPermissions";

/*
 * Proposing, deciding on, changing and publishing a post. Every change re-reads the post and
 * saves by compare-and-set, re-deciding on conflict, so two approvers clicking at the same
 * moment both count; then every copy of the card (author's, approvers', publishers') is
 * brought up to date through the outbox.
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
  const publishers = p.status === "readyToPost" || p.status === "posted" ? [...holdersOf(people, "resources-manager"), ...holdersOf(people, "aht-publicity")] : [];
  const author = people.filter((x) => x.aadObjectId === p.authorId);
  return [...new Map([...author, ...approvers, ...publishers].map((x) => [x.aadObjectId, x])).values()];
}

export async function viewFor(services: AppServices, p: PostProposal, viewer: Person): Promise<CardMessage> {
  const people = await services.directory.all();
  const names = new Map(people.map((x) => [x.aadObjectId, x.displayName]));
  const everyone = (await audience(services, p)).map((x) => x.aadObjectId);
  // Whether the written permissions the post needs (a colleague named, the logo) are in place.
  const permissions = await permissionsForPost(services, p);
  return postCard(p, viewer, names.get(p.authorId) ?? "former staff", names, everyone, permissions);
}

/** Sends or updates every copy; each recipient's first card is the one later updates replace. */
async function spread(services: AppServices, p: PostProposal, step: string): Promise<void> {
  for (const person of await audience(services, p)) {
    const first = `post:${p.id}:${person.aadObjectId}`;
    const existing = await services.outbox.byKey(first);
    await services.outbox.enqueue({
      key: existing ? `${first}:${step}` : first,
      recipient: person.aadObjectId,
      purpose: person.aadObjectId === p.authorId ? "postStatus" : "postApproval",
      card: await viewFor(services, p, person),
      ...(existing ? { replaces: first } : {}),
    });
  }
}

export async function proposePost(services: AppServices, settings: PostSettings, author: Person, content: PostContent): Promise<Decision<{ post: PostProposal; card: CardMessage }>> {
  if (!mayProposePost(author)) return refuse("POST.ROLE", "Only staff on the roster can propose posts.");
  const checked = checkContent(content, settings.accounts);
  if (!checked.ok) return checked;
  const post: PostProposal = {
    ...content,
    id: `P-${services.ids.newId().slice(0, 8)}`,
    authorId: author.aadObjectId,
    revision: 1,
    previousText: null,
    flags: safeguardingFlags(content.text, settings.consentList),
    status: "awaitingApproval",
    decisions: [],
    submittedAt: services.clock.now().toISOString(),
    postedLink: null,
    postedAt: null,
    postedBy: null,
  };
  await services.store.collection(postProposalKind).create(post.id, post);
  await audit(services, post.id, author.aadObjectId, "proposed", "postSubmit");
  await spread(services, post, "r1");
  // The live card (updated as decisions arrive) is the one the outbox sends; the form becomes a receipt.
  return accept({
    post,
    card: {
      template: "notice",
      data: {
        title: "Sent for approval",
        message: `Your post has gone to the Assistant Headteacher (Parents, Publicity & Promotion) and the Headteacher. Its card below shows each decision as it arrives.${post.flags.length ? ` Please check: ${post.flags.join(" ")}` : ""}`,
        tone: post.flags.length ? "attention" : "good",
      },
    },
  });
}

async function change(
  services: AppServices,
  postId: string,
  decideNext: (p: PostProposal, at: string) => Decision<PostProposal>,
): Promise<Decision<PostProposal>> {
  const posts = services.store.collection(postProposalKind);
  for (let attempt = 0; attempt < 8; attempt++) {
    const record = await posts.get(postId);
    if (!record) return refuse("POST.NOT_FOUND", "That post does not exist.");
    const next = decideNext(record.data, services.clock.now().toISOString());
    if (!next.ok) return next;
    const saved = await posts.update(postId, next.value, record.version);
    if (saved.ok) return accept(saved.record.data);
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
  const result = await change(services, postId, (p, at) => decide(p, person, key, decision, comment, revision, at));
  if (!result.ok) return result;
  await audit(services, postId, person.aadObjectId, `${decision} as ${key} (revision ${revision})`, verb);
  await spread(services, result.value, `d${result.value.decisions.length}`);
  // Besides the live card, the author gets each decision as a message of its own, so it is seen
  // even where a client does not redraw edited cards.
  const words = decision === "approve" ? "approved" : decision === "reject" ? "rejected" : "asked for changes to";
  await services.outbox.enqueue({
    key: `postDecision:${postId}:${result.value.decisions.length}`,
    recipient: result.value.authorId,
    purpose: "postDecision",
    card: {
      template: "notice",
      data: {
        title: `${ROLE_TITLES[key]} (${person.displayName}) ${words} your post`,
        message: `${comment.trim() ? `"${comment.trim()}" ` : ""}Status now: ${POST_STATUS_WORDS[result.value.status]}.`,
        tone: decision === "approve" ? "good" : "attention",
      },
    },
  });
  return accept(await viewFor(services, result.value, person));
}

export async function resubmitPost(services: AppServices, settings: PostSettings, author: Person, postId: string, content: PostContent): Promise<Decision<CardMessage>> {
  const checked = checkContent(content, settings.accounts);
  if (!checked.ok) return checked;
  const result = await change(services, postId, (p) => resubmit(p, author, content, safeguardingFlags(content.text, settings.consentList)));
  if (!result.ok) return result;
  await audit(services, postId, author.aadObjectId, `resubmitted as revision ${result.value.revision}`, "postResubmit");
  await spread(services, result.value, `r${result.value.revision}`);
  return accept(await viewFor(services, result.value, author));
}

export async function markPostPosted(services: AppServices, person: Person, postId: string, link: string): Promise<Decision<CardMessage>> {
  const result = await change(services, postId, (p, at) => markPosted(p, person, link, at));
  if (!result.ok) return result;
  await audit(services, postId, person.aadObjectId, "marked as posted", "postMarkPosted");
  await spread(services, result.value, "posted");
  await services.outbox.enqueue({
    key: `postLive:${postId}`,
    recipient: result.value.authorId,
    purpose: "postDecision",
    card: { template: "summary", data: { title: "Your post is live", message: `${person.displayName} posted it on ${result.value.accounts.join(", ")}.`, facts: [], actionTitle: "See the live post", actionUrl: result.value.postedLink ?? "" } },
  });
  return accept(await viewFor(services, result.value, person));
}

export async function editForm(services: AppServices, settings: PostSettings, author: Person, postId: string): Promise<Decision<CardMessage>> {
  const record = await services.store.collection(postProposalKind).get(postId);
  if (!record || record.data.authorId !== author.aadObjectId) return refuse("POST.NOT_AUTHOR", "Only the author can change this post.");
  if (record.data.status !== "changesRequested") return refuse("POST.NOT_CHANGES", "Changes can only be made when the approvers have asked for them.");
  return accept(postFormCard(settings.accounts, record.data));
}
