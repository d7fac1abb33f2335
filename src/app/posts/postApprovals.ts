import { holdersOf, ROLE_TITLES, type Person } from "../../domain/people/person";
import { mayProposePost } from "../../domain/people/permissions";
import { checkContent, decide, markPosted, resubmit, type ApprovalKey, type PostContent, type PostDecisionKind, type PostProposal } from "../../domain/posts/postProposal";
import { safeguardingFlags, type ConsentEntry } from "../../domain/posts/safeguardingChecks";
import { accept, refuse, type Decision } from "../../domain/result";
import type { CardMessage, RecordKind } from "../../ports";
import type { Envelope } from "../../outbox/outbox";
import { outboxKind } from "../../outbox/outboxMessage";
import { createWithEffects, decideWithEffects, effect, type Effect } from "../decisions";
import type { AppServices } from "../services";
import { POST_STATUS_WORDS, postCard, postFormCard } from "./postMessages";
import { postAuditKind, postProposalKind } from "./postRecords";

/*
 * Proposing, deciding on, changing and publishing a post. Every change re-reads the post and
 * saves by compare-and-set, re-deciding on conflict, so two approvers clicking at the same
 * moment both count; the audit entry and the messages that bring every copy of the card
 * (author's, approvers', publishers') up to date are written in the same step (app/decisions.ts).
 */
export interface PostSettings {
  readonly accounts: readonly string[];
  readonly consentList: readonly ConsentEntry[];
  readonly reminderHours: number;
}

/** The records a post's decision writes with it: its audit entry and its messages. */
export const POST_EFFECT_KINDS = [postAuditKind, outboxKind] as unknown as readonly RecordKind<unknown>[];

function audit(services: AppServices, postId: string, by: string, action: string, verb: string): Effect {
  return effect(postAuditKind, services.ids.newId(), { postId, at: services.clock.now().toISOString(), by, action, verb });
}

function message(services: AppServices, envelope: Envelope): Effect {
  const entry = services.outbox.entryFor(envelope);
  return effect(outboxKind, entry.id, entry.data);
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
  return postCard(p, viewer, names.get(p.authorId) ?? "former staff", names, everyone);
}

/** Sends or updates every copy; each recipient's first card is the one later updates replace. */
async function spread(services: AppServices, p: PostProposal, step: string): Promise<Effect[]> {
  const effects: Effect[] = [];
  for (const person of await audience(services, p)) {
    const first = `post:${p.id}:${person.aadObjectId}`;
    const existing = await services.outbox.byKey(first);
    effects.push(
      message(services, {
        key: existing ? `${first}:${step}` : first,
        recipient: person.aadObjectId,
        purpose: person.aadObjectId === p.authorId ? "postStatus" : "postApproval",
        card: await viewFor(services, p, person),
        ...(existing ? { replaces: first } : {}),
      }),
    );
  }
  return effects;
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
  await createWithEffects(services.store, postProposalKind, post.id, post, [audit(services, post.id, author.aadObjectId, "proposed", "postSubmit"), ...(await spread(services, post, "r1"))], POST_EFFECT_KINDS);
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

/** Decides on the current post and writes the decision with the effects `effectsOf` names for it. */
async function change(
  services: AppServices,
  postId: string,
  decideNext: (p: PostProposal, at: string) => Decision<PostProposal>,
  effectsOf: (next: PostProposal) => Promise<Effect[]>,
): Promise<Decision<PostProposal>> {
  const done = await decideWithEffects(
    services.store,
    postProposalKind,
    postId,
    async (record) => {
      const next = decideNext(record.data, services.clock.now().toISOString());
      if (!next.ok) return next;
      return accept({ next: next.value, effects: await effectsOf(next.value), result: undefined });
    },
    { notFound: refuse("POST.NOT_FOUND", "That post does not exist."), busy: refuse("POST.BUSY", "The post changed while you were deciding; please try again.") },
    POST_EFFECT_KINDS,
  );
  return done.ok ? accept(done.value.saved.data) : done;
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
  // Besides the live card, the author gets each decision as a message of its own, so it is seen
  // even where a client does not redraw edited cards.
  const words = decision === "approve" ? "approved" : decision === "reject" ? "rejected" : "asked for changes to";
  const result = await change(
    services,
    postId,
    (p, at) => decide(p, person, key, decision, comment, revision, at),
    async (next) => [
      audit(services, postId, person.aadObjectId, `${decision} as ${key} (revision ${revision})`, verb),
      ...(await spread(services, next, `d${next.decisions.length}`)),
      message(services, {
        key: `postDecision:${postId}:${next.decisions.length}`,
        recipient: next.authorId,
        purpose: "postDecision",
        card: {
          template: "notice",
          data: {
            title: `${ROLE_TITLES[key]} (${person.displayName}) ${words} your post`,
            message: `${comment.trim() ? `"${comment.trim()}" ` : ""}Status now: ${POST_STATUS_WORDS[next.status]}.`,
            tone: decision === "approve" ? "good" : "attention",
          },
        },
      }),
    ],
  );
  if (!result.ok) return result;
  return accept(await viewFor(services, result.value, person));
}

export async function resubmitPost(services: AppServices, settings: PostSettings, author: Person, postId: string, content: PostContent): Promise<Decision<CardMessage>> {
  const checked = checkContent(content, settings.accounts);
  if (!checked.ok) return checked;
  const result = await change(
    services,
    postId,
    (p) => resubmit(p, author, content, safeguardingFlags(content.text, settings.consentList)),
    async (next) => [
      audit(services, postId, author.aadObjectId, `resubmitted as revision ${next.revision}`, "postResubmit"),
      ...(await spread(services, next, `r${next.revision}`)),
    ],
  );
  if (!result.ok) return result;
  return accept(await viewFor(services, result.value, author));
}

export async function markPostPosted(services: AppServices, person: Person, postId: string, link: string): Promise<Decision<CardMessage>> {
  const result = await change(
    services,
    postId,
    (p, at) => markPosted(p, person, link, at),
    async (next) => [
      audit(services, postId, person.aadObjectId, "marked as posted", "postMarkPosted"),
      ...(await spread(services, next, "posted")),
      message(services, {
        key: `postLive:${postId}`,
        recipient: next.authorId,
        purpose: "postDecision",
        card: { template: "summary", data: { title: "Your post is live", message: `${person.displayName} posted it on ${next.accounts.join(", ")}.`, facts: [], actionTitle: "See the live post", actionUrl: next.postedLink ?? "" } },
      }),
    ],
  );
  if (!result.ok) return result;
  return accept(await viewFor(services, result.value, person));
}

export async function editForm(services: AppServices, settings: PostSettings, author: Person, postId: string): Promise<Decision<CardMessage>> {
  const record = await services.store.collection(postProposalKind).get(postId);
  if (!record || record.data.authorId !== author.aadObjectId) return refuse("POST.NOT_AUTHOR", "Only the author can change this post.");
  if (record.data.status !== "changesRequested") return refuse("POST.NOT_CHANGES", "Changes can only be made when the approvers have asked for them.");
  return accept(postFormCard(settings.accounts, record.data));
}
