import { takeAllowance } from "../../app/limits/rateLimits";
import { holdersOf, type Person } from "../../domain/people/person";
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
import {
  safeguardingCheck,
  type ConsentEntry,
  type SafeguardingFlag,
} from "../../domain/posts/safeguardingChecks";
import { accept, refuse, type Decision } from "../../domain/result";
import type { CardMessage, RecordKind } from "../../ports";
import { outboxKind } from "../../outbox/outboxMessage";
import {
  createWithEffects,
  decideWithEffects,
  effect,
  type Effect,
  messageEffect,
} from "../../app/decisions";
import type { PostServices } from "./postServices";
import { activeDeputiesToday, today } from "./approverDeputies";
import { postView } from "./postViews";
import { postAuditKind, postProposalKind } from "./postRecords";
import { permissionsForPost } from "../permissions/writtenPermissions";

/*
 * Proposing, deciding on, changing and publishing a post. Every change re-reads the post and
 * saves by compare-and-set, re-deciding on conflict, so two approvers clicking at the same
 * moment both count; the audit entries and the messages that bring every copy of the card
 * (author's, approvers', deputies', publishers') up to date are written in the same step as the
 * decision (app/decisions.ts).
 */
export interface PostSettings {
  readonly accounts: readonly string[];
  readonly consentList: readonly ConsentEntry[];
  readonly reminderHours: number;
}

/** The records a post's decision writes with it: its audit entries and its messages. */
export const POST_EFFECT_KINDS = [
  postAuditKind,
  outboxKind,
] as unknown as readonly RecordKind<unknown>[];

function audit(
  services: PostServices,
  postId: string,
  by: string,
  action: string,
  verb: string,
): Effect {
  return effect(postAuditKind, services.ids.newId(), {
    postId,
    at: services.clock.now().toISOString(),
    by,
    action,
    verb,
  });
}

/** Everyone who holds a copy of the post's card. */
async function audience(services: PostServices, p: PostProposal): Promise<Person[]> {
  const people = await services.directory.all();
  const approvers = [...holdersOf(people, "aht-publicity"), ...holdersOf(people, "headteacher")];
  const deputies = people.filter((x) => p.escalatedTo.includes(x.aadObjectId));
  const publishers =
    p.status === "readyToPost" || p.status === "posted"
      ? [...holdersOf(people, "resources-manager"), ...holdersOf(people, "aht-publicity")]
      : [];
  const author = people.filter((x) => x.aadObjectId === p.authorId);
  return [
    ...new Map(
      [...author, ...approvers, ...deputies, ...publishers].map((x) => [x.aadObjectId, x]),
    ).values(),
  ];
}

async function viewWith(
  services: PostServices,
  p: PostProposal,
  viewer: Person,
  deputies: readonly ApproverDeputy[],
  everyone: readonly string[],
): Promise<CardMessage> {
  const people = await services.directory.all();
  const names = new Map(people.map((x) => [x.aadObjectId, x.displayName]));
  const keys = keysFor(viewer, deputies, today(services)).map((k) => k.key);
  // Whether the written permissions the post needs (a colleague named, the logo) are in place.
  const permissions = await permissionsForPost(services, p);
  return services.postCards.postCard(
    postView(p, viewer, {
      authorName: names.get(p.authorId) ?? "former staff",
      names,
      holders: everyone,
      keys,
      deputies,
      timeZone: services.schoolTimeZone,
      permissions,
    }),
  );
}

export async function viewFor(
  services: PostServices,
  p: PostProposal,
  viewer: Person,
): Promise<CardMessage> {
  const everyone = (await audience(services, p)).map((x) => x.aadObjectId);
  return viewWith(services, p, viewer, await activeDeputiesToday(services), everyone);
}

/**
 * A post's card on refresh, for those who hold one: its author, its approvers and, once it is
 * ready, its publishers. Anyone else gets the answer a missing post gets.
 */
export async function refreshPost(
  services: PostServices,
  viewer: Person,
  postId: string,
): Promise<Decision<CardMessage>> {
  const record = await services.store.collection(postProposalKind).get(postId);
  if (
    !record ||
    !(await audience(services, record.data)).some((p) => p.aadObjectId === viewer.aadObjectId)
  ) {
    return refuse("POST.NOT_FOUND", "That post does not exist, or is not one you can see.");
  }
  return accept(await viewFor(services, record.data, viewer));
}

/** Sends or updates every copy; each recipient's first card is the one later updates replace. */
async function spread(services: PostServices, p: PostProposal, step: string): Promise<Effect[]> {
  const people = await audience(services, p);
  const everyone = people.map((x) => x.aadObjectId);
  const deputies = await activeDeputiesToday(services);
  const effects: Effect[] = [];
  for (const person of people) {
    const first = `post:${p.id}:${person.aadObjectId}`;
    const existing = await services.outbox.byKey(first);
    effects.push(
      messageEffect(services.outbox, {
        key: existing ? `${first}:${step}` : first,
        recipient: person.aadObjectId,
        purpose: person.aadObjectId === p.authorId ? "postStatus" : "postApproval",
        card: await viewWith(services, p, person, deputies, everyone),
        ...(existing ? { replaces: first } : {}),
      }),
    );
  }
  return effects;
}

/**
 * What the author chose when flags were shown before sending: null = not yet shown them (or
 * they edited), a reason = send anyway. A text without flags needs neither.
 */
export type SendAnyway = string | null;

type PreSend =
  | {
      readonly kind: "send";
      readonly flags: SafeguardingFlag[];
      readonly sentAnywayReason: string | null;
    }
  | { readonly kind: "check"; readonly card: CardMessage };

/** Flags are shown to the author before anything is sent: edit, or send anyway with a reason. */
function checkBeforeSending(
  services: PostServices,
  settings: PostSettings,
  content: PostContent,
  sendAnyway: SendAnyway,
  draft?: PostProposal,
): Decision<PreSend> {
  const flags = safeguardingCheck(content.text, settings.consentList);
  if (flags.length === 0) return accept({ kind: "send", flags, sentAnywayReason: null });
  if (sendAnyway === null)
    return accept({
      kind: "check",
      card: services.postCards.postForm({
        accounts: settings.accounts,
        ...(draft ? { draft } : {}),
        check: { content, flags },
      }),
    });
  if (sendAnyway.trim().length < 3)
    return refuse(
      "POST.SEND_ANYWAY_REASON",
      "Say why it should be sent as it is (at least a few words), or edit the text and check it again.",
    );
  return accept({ kind: "send", flags, sentAnywayReason: sendAnyway.trim() });
}

export async function proposePost(
  services: PostServices,
  settings: PostSettings,
  author: Person,
  content: PostContent,
  sendAnyway: SendAnyway = null,
): Promise<Decision<{ post: PostProposal | null; card: CardMessage }>> {
  if (!mayProposePost(author))
    return refuse("POST.ROLE", "Only people on the roster can propose posts.");
  const checked = checkContent(content, settings.accounts);
  if (!checked.ok) return checked;
  const pre = checkBeforeSending(services, settings, content, sendAnyway);
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
  await createWithEffects(
    services,
    postProposalKind,
    post.id,
    post,
    [
      audit(services, post.id, author.aadObjectId, "proposed", "postSubmit"),
      ...implicitAudits(services, post),
      ...(post.sentAnywayReason
        ? [
            audit(
              services,
              post.id,
              author.aadObjectId,
              `sent despite safeguarding flags (${post.flags.map((f) => f.kind).join(", ")})`,
              "postSubmit",
            ),
          ]
        : []),
      ...(await spread(services, post, "r1")),
    ],
    POST_EFFECT_KINDS,
  );
  // The live card (updated as decisions arrive) is the one the outbox sends; the form becomes a receipt.
  return accept({
    post,
    card: services.postCards.postNews({ kind: "sentForApproval", post }),
  });
}

function implicitAudits(services: PostServices, p: PostProposal): Effect[] {
  return p.decisions
    .filter((x) => x.implicit && x.revision === p.revision)
    .map((d) =>
      audit(
        services,
        p.id,
        d.by,
        `confirmed as ${d.key} by proposing it (revision ${p.revision})`,
        p.revision === 1 ? "postSubmit" : "postResubmit",
      ),
    );
}

/** Decides on the current post and writes the decision with the effects `effectsOf` names for it. */
async function change(
  services: PostServices,
  postId: string,
  decideNext: (p: PostProposal, at: string) => Decision<PostProposal>,
  effectsOf: (next: PostProposal) => Promise<Effect[]>,
): Promise<Decision<{ before: PostProposal; after: PostProposal }>> {
  const done = await decideWithEffects(
    services,
    postProposalKind,
    postId,
    async (record) => {
      const next = decideNext(record.data, services.clock.now().toISOString());
      if (!next.ok) return next;
      return accept({ next: next.value, effects: await effectsOf(next.value), result: undefined });
    },
    {
      notFound: refuse("POST.NOT_FOUND", "That post does not exist."),
      busy: refuse("POST.BUSY", "The post changed while you were deciding; please try again."),
    },
    POST_EFFECT_KINDS,
  );
  if (!done.ok) return done;
  return accept({ before: done.value.before, after: done.value.saved.data });
}

export async function decidePost(
  services: PostServices,
  person: Person,
  postId: string,
  key: ApprovalKey,
  decision: PostDecisionKind,
  comment: string,
  revision: number,
  verb: string,
): Promise<Decision<CardMessage>> {
  const delegation = { deputies: await activeDeputiesToday(services), today: today(services) };
  // Besides the live card, the author gets each decision as a message of its own, so it is seen
  // even where a client does not redraw edited cards.
  const names = new Map(
    (await services.directory.all()).map((x) => [x.aadObjectId, x.displayName]),
  );
  const result = await change(
    services,
    postId,
    (p, at) => decide(p, person, key, decision, comment, revision, at, delegation),
    async (post) => {
      const made = post.decisions.at(-1)!;
      return [
        audit(
          services,
          postId,
          person.aadObjectId,
          `${decision} as ${key}${made.deputyFor ? `, deputy for ${made.deputyFor}` : ""} (revision ${revision})`,
          verb,
        ),
        ...(await spread(services, post, `d${post.decisions.length}`)),
        messageEffect(services.outbox, {
          key: `postDecision:${postId}:${post.decisions.length}`,
          recipient: post.authorId,
          purpose: "postDecision",
          card: services.postCards.postNews({ kind: "decided", post, decision: made, names }),
        }),
      ];
    },
  );
  if (!result.ok) return result;
  return accept(await viewFor(services, result.value.after, person));
}

/** An approver overrides a consent-list hit with a reason: audited, shown on every card. */
export async function overrideConsentCheck(
  services: PostServices,
  person: Person,
  postId: string,
  reason: string,
  revision: number,
): Promise<Decision<CardMessage>> {
  const delegation = { deputies: await activeDeputiesToday(services), today: today(services) };
  const result = await change(
    services,
    postId,
    (p, at) => overrideConsent(p, person, reason, revision, at, delegation),
    async (post) => [
      audit(
        services,
        postId,
        person.aadObjectId,
        `overrode the consent-list check (revision ${revision}): ${reason.trim()}`,
        "postOverrideConsent",
      ),
      ...(await spread(services, post, `o${revision}`)),
    ],
  );
  if (!result.ok) return result;
  return accept(await viewFor(services, result.value.after, person));
}

export async function resubmitPost(
  services: PostServices,
  settings: PostSettings,
  author: Person,
  postId: string,
  content: PostContent,
  sendAnyway: SendAnyway = null,
): Promise<Decision<CardMessage>> {
  const checked = checkContent(content, settings.accounts);
  if (!checked.ok) return checked;
  const current = await services.store.collection(postProposalKind).get(postId);
  if (!current || current.data.authorId !== author.aadObjectId)
    return refuse("POST.NOT_AUTHOR", "Only the author can change this post.");
  const pre = checkBeforeSending(services, settings, content, sendAnyway, current.data);
  if (!pre.ok) return pre;
  if (pre.value.kind === "check") return accept(pre.value.card);
  const { flags, sentAnywayReason } = pre.value;
  const result = await change(
    services,
    postId,
    (p, at) => resubmit(p, author, content, { flags, sentAnywayReason }, at),
    async (post) => [
      audit(
        services,
        postId,
        author.aadObjectId,
        `resubmitted as revision ${post.revision}`,
        "postResubmit",
      ),
      ...implicitAudits(services, post),
      ...(await spread(services, post, `r${post.revision}`)),
      ...(await tellApproversOfResubmission(services, post, author)),
    ],
  );
  if (!result.ok) return result;
  return accept(await viewFor(services, result.value.after, author));
}

/** A changed post is news: the approvers still to confirm get a new message, not only an edited card. */
async function tellApproversOfResubmission(
  services: PostServices,
  p: PostProposal,
  author: Person,
): Promise<Effect[]> {
  const people = await services.directory.all();
  const waiting = approvalsNeeded(p).flatMap((k) => [
    ...holdersOf(people, k),
    ...people.filter((x) => p.escalatedTo.includes(x.aadObjectId)),
  ]);
  const recipients = [
    ...new Map(
      waiting.filter((x) => x.aadObjectId !== p.authorId).map((x) => [x.aadObjectId, x]),
    ).values(),
  ];
  return recipients.map((x) =>
    messageEffect(services.outbox, {
      key: `postResubmitted:${p.id}:r${p.revision}:${x.aadObjectId}`,
      recipient: x.aadObjectId,
      purpose: "postResubmitted",
      card: services.postCards.postNews({
        kind: "resubmitted",
        post: p,
        authorName: author.displayName,
      }),
    }),
  );
}

export async function markPostPosted(
  services: PostServices,
  person: Person,
  postId: string,
  link: string,
): Promise<Decision<CardMessage>> {
  const result = await change(
    services,
    postId,
    (p, at) => markPosted(p, person, link, at),
    async (post) => [
      audit(services, postId, person.aadObjectId, "marked as posted", "postMarkPosted"),
      ...(await spread(services, post, "posted")),
      messageEffect(services.outbox, {
        key: `postLive:${postId}`,
        recipient: post.authorId,
        purpose: "postDecision",
        card: services.postCards.postNews({
          kind: "live",
          post,
          publisherName: person.displayName,
        }),
      }),
    ],
  );
  if (!result.ok) return result;
  return accept(await viewFor(services, result.value.after, person));
}

export async function editForm(
  services: PostServices,
  settings: PostSettings,
  author: Person,
  postId: string,
): Promise<Decision<CardMessage>> {
  const record = await services.store.collection(postProposalKind).get(postId);
  if (!record || record.data.authorId !== author.aadObjectId)
    return refuse("POST.NOT_AUTHOR", "Only the author can change this post.");
  if (record.data.status !== "changesRequested")
    return refuse(
      "POST.NOT_CHANGES",
      "Changes can only be made when the approvers have asked for them.",
    );
  return accept(services.postCards.postForm({ accounts: settings.accounts, draft: record.data }));
}

/** The escalation step of the reminder job: a post waiting on an absent approver goes to their deputy. */
export async function escalateToDeputies(
  services: PostServices,
  p: PostProposal,
  deputies: readonly ApproverDeputy[],
): Promise<number> {
  const needed = approvalsNeeded(p);
  const decidedBy = new Set(p.decisions.filter((d) => d.revision === p.revision).map((d) => d.by));
  const fresh = deputies.filter(
    (d) =>
      needed.includes(d.key) &&
      d.deputyId !== p.authorId &&
      !decidedBy.has(d.deputyId) &&
      !p.escalatedTo.includes(d.deputyId),
  );
  if (fresh.length === 0) return 0;
  const result = await change(
    services,
    p.id,
    (current) =>
      accept({
        ...current,
        escalatedTo: [...new Set([...current.escalatedTo, ...fresh.map((d) => d.deputyId)])],
      }),
    async (post) => [
      ...fresh.map((d) =>
        audit(
          services,
          p.id,
          d.deputyId,
          `escalated to deputy for ${d.key} (standing in for ${d.approverId})`,
          "remindPendingPostApprovals",
        ),
      ),
      ...(await spread(services, post, `e${post.escalatedTo.length}`)),
    ],
  );
  if (!result.ok) return 0;
  return fresh.length;
}
