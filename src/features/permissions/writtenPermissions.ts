import {
  createWithEffects,
  decideWithEffects,
  messageEffect,
  type Effect,
} from "../../app/decisions";
import type { AppServices } from "../../app/services";
import type { Envelope } from "../../outbox/outbox";
import { outboxKind } from "../../outbox/outboxMessage";
import { holdersOf, type Person } from "../../domain/people/person";
import {
  awaitsDeletionConfirmation,
  checkRequest,
  confirmDeletion,
  covers,
  decidePermission,
  newPermission,
  PERMISSION_KINDS,
  permissionsAPostNeeds,
  standing,
  trainingRecorded,
  withdraw,
  type NewPermission,
  type PermissionDecision,
  type PermissionRequest,
} from "../../domain/permissions/writtenPermission";
import { today } from "../../domain/policy/policyVersion";
import { accept, refuse, type Decision } from "../../domain/result";
import type { CardMessage, RecordKind } from "../../ports";
import { findAll } from "../../store/findAll";
import { hasCurrentTraining } from "../../domain/training/trainingRecord";
import { trainingOf } from "../training/trainingRecords";
import { permissionKind, toRecord, type PermissionRecord } from "./permissionRecords";
import { permissionView, type PermissionNews } from "./permissionViews";

/*
 * The written permissions register's use cases. Every change re-reads the request and saves
 * by compare-and-set (deciding again on conflict), together with the messages it implies
 * (app/decisions.ts: a crash leaves both or neither): every copy of its card (requester's,
 * deciders') brought up to date, so the requester always sees the status, and their notice.
 * Cards and notices are what the PermissionCards port (services.permissionCards) builds from
 * the views in ./permissionViews.
 */
type Services = AppServices;

const strip = ({
  colleagueId: _c,
  pendingEffects: _p,
  effectsPending: _e,
  ...p
}: PermissionRecord): PermissionRequest => p;

/** What a permission decision writes besides the request: its messages. */
export const PERMISSION_EFFECT_KINDS = [outboxKind] as unknown as readonly RecordKind<unknown>[];

function schoolDay(services: Services): string {
  return today(services.clock.now(), services.schoolTimeZone);
}

/** Who holds a copy of the request's card: the requester and whoever may decide it. */
async function audience(services: Services, p: PermissionRequest): Promise<Person[]> {
  const people = await services.directory.all();
  const deciders =
    p.kind === "relatedPerson"
      ? people.filter(
          (x) => p.subject?.type === "colleague" && x.aadObjectId === p.subject.colleagueId,
        )
      : PERMISSION_KINDS[p.kind].deciders.flatMap((role) => holdersOf(people, role));
  const requester = people.filter((x) => x.aadObjectId === p.requesterId);
  return [...new Map([...requester, ...deciders].map((x) => [x.aadObjectId, x])).values()];
}

/** The request's card as this person sees it. */
async function cardFor(
  services: Services,
  p: PermissionRequest,
  viewer: Person,
): Promise<CardMessage> {
  const people = await services.directory.all();
  const names = new Map(people.map((x) => [x.aadObjectId, x.displayName]));
  const holders = (await audience(services, p)).map((x) => x.aadObjectId);
  return services.permissionCards.permissionCard(
    permissionView(p, viewer, { names, today: schoolDay(services), holders }),
  );
}

/** The request form, with the roster to choose a colleague from. */
export async function permissionForm(services: Services, requester: Person): Promise<CardMessage> {
  return services.permissionCards.permissionForm({
    people: await services.directory.all(),
    requester,
    today: schoolDay(services),
    preset: {},
  });
}

/** Sends or updates every copy: the first card per person is the one later updates replace. */
async function spread(services: Services, p: PermissionRequest): Promise<Effect[]> {
  const effects: Effect[] = [];
  for (const person of await audience(services, p)) {
    const first = `permission:${p.id}:${person.aadObjectId}`;
    const existing = await services.outbox.byKey(first);
    effects.push(
      messageEffect(services.outbox, {
        key: existing ? `${first}:r${p.revision}` : first,
        recipient: person.aadObjectId,
        purpose: person.aadObjectId === p.requesterId ? "permissionStatus" : "permissionRequest",
        card: await cardFor(services, p, person),
        ...(existing ? { replaces: first } : {}),
      }),
    );
  }
  return effects;
}

/** The requester is told what happened, once per step (the key). */
function notice(services: Services, step: string, news: PermissionNews): Envelope {
  return {
    key: `permissionNotice:${news.request.id}:${step}`,
    recipient: news.request.requesterId,
    purpose: "permissionDecision",
    card: services.permissionCards.permissionNews(news),
  };
}

async function tell(services: Services, step: string, news: PermissionNews): Promise<boolean> {
  return (await services.outbox.enqueue(notice(services, step, news))).created;
}

export async function requestPermission(
  services: Services,
  requester: Person,
  request: NewPermission,
): Promise<Decision<{ request: PermissionRequest; card: CardMessage }>> {
  const checked = checkRequest(requester, request, schoolDay(services));
  if (!checked.ok) return checked;
  if (
    request.subject?.type === "colleague" &&
    !(await services.directory.find(request.subject.colleagueId))
  )
    return refuse("PERMISSION.SUBJECT", "That colleague is not on the staff roster.");
  const p = newPermission(
    `WP-${services.ids.newId().slice(0, 8)}`,
    requester,
    checked.value,
    services.clock.now().toISOString(),
  );
  await createWithEffects(
    services,
    permissionKind,
    p.id,
    toRecord(p),
    await spread(services, p),
    PERMISSION_EFFECT_KINDS,
  );
  services.logger.info({ permission: p.id, kind: p.kind }, "written permission requested");
  return accept({ request: p, card: await cardFor(services, p, requester) });
}

/** Decides on the current request and writes it with the messages `effectsOf` names for it. */
async function change(
  services: Services,
  id: string,
  next: (p: PermissionRequest, at: string) => Decision<PermissionRequest>,
  effectsOf: (p: PermissionRequest) => Promise<Effect[]>,
): Promise<Decision<PermissionRequest>> {
  const done = await decideWithEffects(
    services,
    permissionKind,
    id,
    async (record) => {
      const decided = next(strip(record.data), services.clock.now().toISOString());
      if (!decided.ok) return decided;
      return accept({
        next: toRecord(decided.value),
        effects: await effectsOf(decided.value),
        result: undefined,
      });
    },
    {
      notFound: refuse("PERMISSION.NOT_FOUND", "That request is not in the register."),
      busy: refuse(
        "PERMISSION.BUSY",
        "The request changed while you were deciding; please try again.",
      ),
    },
    PERMISSION_EFFECT_KINDS,
  );
  if (!done.ok) return done;
  return accept(strip(done.value.saved.data));
}

export async function decideOnPermission(
  services: Services,
  person: Person,
  id: string,
  decision: PermissionDecision,
): Promise<Decision<CardMessage>> {
  const record = await services.store.collection(permissionKind).get(id);
  const training = record ? await trainingOf(services, record.data.requesterId) : [];
  const day = schoolDay(services);
  const result = await change(
    services,
    id,
    (p, at) =>
      decidePermission(p, person, decision, at, (topic) =>
        hasCurrentTraining(training, p.requesterId, topic, day),
      ),
    async (p) => [
      ...(await spread(services, p)),
      messageEffect(
        services.outbox,
        notice(services, "decided", {
          kind: "decided",
          request: p,
          decider: person,
          standing: standing(p, day),
        }),
      ),
    ],
  );
  if (!result.ok) return result;
  return accept(await cardFor(services, result.value, person));
}

export async function withdrawPermission(
  services: Services,
  person: Person,
  id: string,
  reason: string,
): Promise<Decision<CardMessage>> {
  const result = await change(
    services,
    id,
    (p, at) => withdraw(p, person, reason, at),
    async (p) => [
      ...(await spread(services, p)),
      ...(p.withdrawnBy !== p.requesterId
        ? [
            messageEffect(
              services.outbox,
              notice(services, "withdrawn", { kind: "withdrawn", request: p, by: person }),
            ),
          ]
        : []),
    ],
  );
  if (!result.ok) return result;
  return accept(await cardFor(services, result.value, person));
}

export async function confirmPhotosDeleted(
  services: Services,
  person: Person,
  id: string,
): Promise<Decision<CardMessage>> {
  const result = await change(
    services,
    id,
    (p, at) => confirmDeletion(p, person, at),
    (p) => spread(services, p),
  );
  if (!result.ok) return result;
  return accept(await cardFor(services, result.value, person));
}

/** Everything a person has asked for, newest first, each with where it stands. */
export async function myPermissions(
  services: Services,
  person: Person,
): Promise<{ request: PermissionRequest; standing: string }[]> {
  const mine = await findAll(services.store.collection(permissionKind), {
    where: { requesterId: person.aadObjectId },
    orderBy: { field: "until", direction: "desc" },
  });
  const day = schoolDay(services);
  return mine.map((r) => ({ request: strip(r.data), standing: standing(strip(r.data), day) }));
}

export async function permissionCardFor(
  services: Services,
  person: Person,
  id: string,
): Promise<Decision<CardMessage>> {
  const record = await services.store.collection(permissionKind).get(id);
  const p = record && strip(record.data);
  if (
    !p ||
    (p.requesterId !== person.aadObjectId &&
      !(await audience(services, p)).some((x) => x.aadObjectId === person.aadObjectId))
  )
    return refuse(
      "PERMISSION.NOT_FOUND",
      "That request is not in the register, or not yours to see.",
    );
  return accept(await cardFor(services, p, person));
}

/**
 * Read-only, for the post card: what a post needs in writing (a colleague named in it, the
 * School's logo) and whether a permission the author holds covers it on the post's date.
 */
export interface PostPermissionLine {
  readonly need: string;
  readonly inPlace: boolean;
  readonly words: string;
}

export async function permissionsForPost(
  services: Pick<AppServices, "store" | "directory">,
  post: { authorId: string; text: string; intendedDate: string },
): Promise<PostPermissionLine[]> {
  const needs = permissionsAPostNeeds(post.text, post.authorId, await services.directory.all());
  if (needs.length === 0) return [];
  const held = (
    await findAll(services.store.collection(permissionKind), {
      where: { requesterId: post.authorId, status: "approved" },
    })
  ).map((r) => strip(r.data));
  return needs.map((need) => {
    const inPlace = held.some((p) => covers(p, need, post.authorId, post.intendedDate));
    const whose =
      need.kind === "relatedPerson"
        ? `${need.label}'s written permission`
        : "the Headteacher's written permission to use the School's logo or brand";
    return {
      need: need.label,
      inPlace,
      words: inPlace ? `Permission in place: ${whose}` : `No permission yet: ${whose} is needed`,
    };
  });
}

/** Training was recorded: approvals waiting for it come into force, and the requester is told. */
export async function applyRecordedTraining(services: Services, personId: string): Promise<number> {
  const waiting = await findAll(services.store.collection(permissionKind), {
    where: { requesterId: personId, status: "awaitingTraining" },
  });
  const training = await trainingOf(services, personId);
  const day = schoolDay(services);
  let changed = 0;
  for (const r of waiting) {
    const result = await change(
      services,
      r.id,
      (p) => {
        const next = trainingRecorded(p, (topic) =>
          hasCurrentTraining(training, personId, topic, day),
        );
        return next ? accept(next) : refuse("PERMISSION.NO_CHANGE", "");
      },
      async (p) => [
        ...(await spread(services, p)),
        messageEffect(
          services.outbox,
          notice(services, "trained", { kind: "inForce", request: p }),
        ),
      ],
    );
    if (!result.ok) continue;
    changed++;
  }
  return changed;
}

/** Daily: anyone who used their own device and has not confirmed deleting the photos is reminded. */
export async function remindPhotoDeletion(services: Services): Promise<number> {
  const day = schoolDay(services);
  const open = await findAll(services.store.collection(permissionKind), {
    where: { kind: "personalDevicePhotos", status: ["approved", "withdrawn"] },
  });
  let sent = 0;
  for (const r of open) {
    const p = strip(r.data);
    if (!awaitsDeletionConfirmation(p, day)) continue;
    const { created } = await services.outbox.enqueue({
      key: `permissionDeletion:${p.id}:${day}`,
      recipient: p.requesterId,
      purpose: "permissionReminder",
      card: await cardFor(
        services,
        p,
        (await services.directory.find(p.requesterId)) ?? {
          aadObjectId: p.requesterId,
          displayName: "",
          email: "",
          roles: [],
          department: "",
        },
      ),
    });
    if (created) sent++;
  }
  return sent;
}

/** Once an approval's last day has passed, the requester is told and every copy of the card shows it. */
export async function noticeExpiredPermissions(services: Services): Promise<number> {
  const day = schoolDay(services);
  const ended = await findAll(services.store.collection(permissionKind), {
    where: { status: "approved" },
    range: { field: "until", lte: day },
  });
  let told = 0;
  for (const r of ended) {
    const p = strip(r.data);
    if (standing(p, day) !== "expired") continue;
    if (!(await tell(services, "expired", { kind: "expired", request: p }))) continue;
    told++;
    for (const person of await audience(services, p)) {
      const first = `permission:${p.id}:${person.aadObjectId}`;
      if (!(await services.outbox.byKey(first))) continue;
      await services.outbox.enqueue({
        key: `${first}:expired`,
        recipient: person.aadObjectId,
        purpose: "permissionStatus",
        card: await cardFor(services, p, person),
        replaces: first,
      });
    }
  }
  return told;
}

/** Ended requests are kept `retentionDays` after they ended; photos not confirmed deleted are kept until they are. */
export async function purgeEndedPermissions(
  services: Services,
  retentionDays: number,
): Promise<number> {
  const cutoff = new Date(services.clock.now().getTime() - retentionDays * 86_400_000);
  const cutoffDay = today(cutoff, services.schoolTimeZone);
  const requests = services.store.collection(permissionKind);
  let purged = 0;
  for (const r of await findAll(requests, { range: { field: "until", lte: cutoffDay } })) {
    const p = strip(r.data);
    const endedOn =
      p.status === "approved"
        ? p.until
        : (p.withdrawnAt ?? p.decidedAt ?? p.requestedAt).slice(0, 10);
    const open =
      p.status === "pending" ||
      p.status === "awaitingTraining" ||
      (p.kind === "personalDevicePhotos" &&
        p.deletionConfirmedAt === null &&
        p.status !== "refused" &&
        p.status !== "cancelled");
    if (open || endedOn > cutoffDay) continue;
    if (await requests.delete(r.id)) purged++;
  }
  if (purged) services.logger.info({ purged }, "ended written permissions purged after retention");
  return purged;
}
