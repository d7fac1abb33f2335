import type { AppServices } from "../../app/services";
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
import type { CardMessage } from "../../ports";
import { findAll } from "../../store/findAll";
import { hasCurrentTraining } from "../../domain/training/trainingRecord";
import { trainingOf } from "../training/trainingRecords";
import { permissionKind, toRecord, type PermissionRecord } from "./permissionRecords";
import { permissionView, type PermissionNews } from "./permissionViews";

/*
 * The written permissions register's use cases. Every change re-reads the request and saves
 * by compare-and-set (deciding again on conflict); then every copy of its card (requester's,
 * deciders') is brought up to date through the outbox, so the requester always sees the status.
 * Cards and notices are what the PermissionCards port (services.permissionCards) builds from
 * the views in ./permissionViews.
 */
type Services = AppServices;

const strip = ({ colleagueId: _c, ...p }: PermissionRecord): PermissionRequest => p;

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
async function spread(services: Services, p: PermissionRequest): Promise<void> {
  for (const person of await audience(services, p)) {
    const first = `permission:${p.id}:${person.aadObjectId}`;
    const existing = await services.outbox.byKey(first);
    await services.outbox.enqueue({
      key: existing ? `${first}:r${p.revision}` : first,
      recipient: person.aadObjectId,
      purpose: person.aadObjectId === p.requesterId ? "permissionStatus" : "permissionRequest",
      card: await cardFor(services, p, person),
      ...(existing ? { replaces: first } : {}),
    });
  }
}

/** The requester is told what happened, once per step (the key). */
async function tell(services: Services, step: string, news: PermissionNews): Promise<boolean> {
  const { created } = await services.outbox.enqueue({
    key: `permissionNotice:${news.request.id}:${step}`,
    recipient: news.request.requesterId,
    purpose: "permissionDecision",
    card: services.permissionCards.permissionNews(news),
  });
  return created;
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
  await services.store.collection(permissionKind).create(p.id, toRecord(p));
  await spread(services, p);
  services.logger.info({ permission: p.id, kind: p.kind }, "written permission requested");
  return accept({ request: p, card: await cardFor(services, p, requester) });
}

async function change(
  services: Services,
  id: string,
  next: (p: PermissionRequest, at: string) => Decision<PermissionRequest>,
): Promise<Decision<PermissionRequest>> {
  const requests = services.store.collection(permissionKind);
  for (let attempt = 0; attempt < 8; attempt++) {
    const record = await requests.get(id);
    if (!record) return refuse("PERMISSION.NOT_FOUND", "That request is not in the register.");
    const decided = next(strip(record.data), services.clock.now().toISOString());
    if (!decided.ok) return decided;
    const saved = await requests.update(id, toRecord(decided.value), record.version);
    if (saved.ok) return accept(strip(saved.record.data));
    if (saved.reason === "missing")
      return refuse("PERMISSION.NOT_FOUND", "That request is not in the register.");
  }
  return refuse(
    "PERMISSION.BUSY",
    "The request changed while you were deciding; please try again.",
  );
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
  const result = await change(services, id, (p, at) =>
    decidePermission(p, person, decision, at, (topic) =>
      hasCurrentTraining(training, p.requesterId, topic, day),
    ),
  );
  if (!result.ok) return result;
  const p = result.value;
  await spread(services, p);
  await tell(services, "decided", {
    kind: "decided",
    request: p,
    decider: person,
    standing: standing(p, day),
  });
  return accept(await cardFor(services, p, person));
}

export async function withdrawPermission(
  services: Services,
  person: Person,
  id: string,
  reason: string,
): Promise<Decision<CardMessage>> {
  const result = await change(services, id, (p, at) => withdraw(p, person, reason, at));
  if (!result.ok) return result;
  const p = result.value;
  await spread(services, p);
  if (p.withdrawnBy !== p.requesterId)
    await tell(services, "withdrawn", { kind: "withdrawn", request: p, by: person });
  return accept(await cardFor(services, p, person));
}

export async function confirmPhotosDeleted(
  services: Services,
  person: Person,
  id: string,
): Promise<Decision<CardMessage>> {
  const result = await change(services, id, (p, at) => confirmDeletion(p, person, at));
  if (!result.ok) return result;
  await spread(services, result.value);
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
    const result = await change(services, r.id, (p) => {
      const next = trainingRecorded(p, (topic) =>
        hasCurrentTraining(training, personId, topic, day),
      );
      return next ? accept(next) : refuse("PERMISSION.NO_CHANGE", "");
    });
    if (!result.ok) continue;
    changed++;
    await spread(services, result.value);
    await tell(services, "trained", { kind: "inForce", request: result.value });
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
