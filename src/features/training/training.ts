import type { ListPage, PageRequest } from "../../app/listPage";
import type { AppServices } from "../../app/services";
import { holdersOf, type Person, type Role } from "../../domain/people/person";
import { membersOf, rosterGroups } from "../../domain/people/rosterGroups";
import { today } from "../../domain/policy/policyVersion";
import { accept, refuse, type Decision } from "../../domain/result";
import {
  CASE_HANDLING_TOPIC,
  checkTraining,
  mayRecordTraining,
  TRAINING_TOPICS,
  trainingDue,
  type TrainingRecord,
  type TrainingTopic,
} from "../../domain/training/trainingRecord";
import { findAll } from "../../store/findAll";
import { createWithEffects, messageEffect } from "../../app/decisions";
import { outboxKind } from "../../outbox/outboxMessage";
import type { RecordKind } from "../../ports";
import { applyRecordedTraining } from "../permissions/writtenPermissions";
import { permissionKind } from "../permissions/permissionRecords";
import { trainingRecordKind } from "./trainingRecords";

/*
 * Training records: the Headteacher (or the policy owner) records who did what training, when,
 * and until when it counts; the dashboard lists who is due; a speaking-on-behalf approval that
 * waited for training comes into force once it is recorded. Its cards are the TrainingCards
 * port's (services.trainingCards).
 */

/** Who is involved in administration or investigations under the policy: they need that training. */
export const CASE_ROLES: readonly Role[] = ["headteacher", "chair-of-governors", "aht-digital"];

/** What recording training writes besides the record: the trainee's message. */
export const TRAINING_EFFECT_KINDS = [outboxKind] as unknown as readonly RecordKind<unknown>[];

/** At most this many people are recorded from one form (a whole staff after an INSET day). */
export const MAX_TRAINEES_AT_ONCE = 200;

/**
 * One training for one person or several at once (the whole staff after an INSET day, the
 * governors after a workshop): each gets their own record and message. The input and every
 * person are checked before anything is written, so a wrong name records no one.
 */
export async function recordTraining(
  services: AppServices,
  recorder: Person,
  input: {
    personIds: readonly string[];
    /** Whole groups of the roster (rosterGroups), worked out again from the roster now. */
    groupIds?: readonly string[];
    topic: string;
    detail: string;
    completedOn: string;
    validUntil: string;
  },
): Promise<Decision<{ records: TrainingRecord[]; names: string[]; inForce: number }>> {
  const day = today(services.clock.now(), services.schoolTimeZone);
  const checked = checkTraining(recorder, input, day);
  if (!checked.ok) return checked;
  const groupIds = [...new Set(input.groupIds ?? [])];
  const groups = groupIds.length ? rosterGroups(await services.directory.all()) : [];
  const inGroups = membersOf(groups, groupIds);
  if (!inGroups.ok)
    return refuse(
      "TRAINING.GROUP",
      "A group chosen is no longer on the roster: open the form again.",
    );
  const named = [...new Set(input.personIds)];
  const count = new Set([...named, ...inGroups.members.map((p) => p.aadObjectId)]).size;
  if (count === 0) return refuse("TRAINING.PERSON", "Choose who completed the training.");
  if (count > MAX_TRAINEES_AT_ONCE)
    return refuse(
      "TRAINING.TOO_MANY",
      `That is ${count} people: record at most ${MAX_TRAINEES_AT_ONCE} at a time (a department or group at a time).`,
    );
  const found = await Promise.all(named.map((id) => services.directory.find(id)));
  const chosen = found.filter((t): t is Person => t !== undefined);
  if (chosen.length < named.length)
    return refuse("TRAINING.PERSON", "Someone chosen is not on the staff roster.");
  // Named people first, in the order chosen, then the groups' other members, each once.
  const byId = new Map<string, Person>();
  for (const p of [...chosen, ...inGroups.members])
    if (!byId.has(p.aadObjectId)) byId.set(p.aadObjectId, p);
  const trainees = [...byId.values()];
  const records: TrainingRecord[] = [];
  let inForce = 0;
  for (const trainee of trainees) {
    const record: TrainingRecord = {
      id: `TR-${services.ids.newId().slice(0, 8)}`,
      personId: trainee.aadObjectId,
      ...checked.value,
      recordedBy: recorder.aadObjectId,
      recordedAt: services.clock.now().toISOString(),
    };
    // Each record and its trainee's message in one step (app/decisions.ts).
    await createWithEffects(
      services,
      trainingRecordKind,
      record.id,
      record,
      [
        messageEffect(services.outbox, {
          key: `training:${record.id}`,
          recipient: trainee.aadObjectId,
          purpose: "trainingRecorded",
          card: services.trainingCards.trainingRecorded({ to: "trainee", record }),
        }),
      ],
      TRAINING_EFFECT_KINDS,
    );
    records.push(record);
    inForce += await applyRecordedTraining(services, trainee.aadObjectId);
  }
  return accept({ records, names: trainees.map((t) => t.displayName), inForce });
}

export interface TrainingDueRow {
  readonly rowId: string;
  readonly person: string;
  readonly topic: string;
  readonly why: string;
  readonly validUntil: string | null;
  readonly standing: string;
}

const SOON_DAYS = 30;

/** Who is due (never trained, run out, or running out within a month), for those who record training. */
export async function trainingDueList(
  services: AppServices,
  viewer: Person,
  page: PageRequest,
): Promise<Decision<ListPage<TrainingDueRow>>> {
  if (!mayRecordTraining(viewer))
    return refuse(
      "TRAINING.ROLE",
      "Training records are for the Headteacher and the policy owner.",
    );
  const day = today(services.clock.now(), services.schoolTimeZone);
  const soon = new Date(`${day}T00:00:00Z`);
  soon.setUTCDate(soon.getUTCDate() + SOON_DAYS);
  const soonDay = soon.toISOString().slice(0, 10);
  const people = await services.directory.all();
  const records = (await findAll(services.store.collection(trainingRecordKind))).map((r) => r.data);
  const needs: { person: Person; topic: TrainingTopic; why: string }[] = [];
  for (const role of CASE_ROLES)
    for (const p of holdersOf(people, role))
      needs.push({
        person: p,
        topic: CASE_HANDLING_TOPIC,
        why: "involved with administration or investigations",
      });
  const speaking = await findAll(services.store.collection(permissionKind), {
    where: { kind: "speakingOnBehalf", status: ["approved", "awaitingTraining"] },
  });
  for (const r of speaking) {
    const p = people.find((x) => x.aadObjectId === r.data.requesterId);
    if (p && r.data.trainingRequired)
      needs.push({
        person: p,
        topic: r.data.trainingRequired as TrainingTopic,
        why: "required by the Headteacher before speaking on behalf of the School",
      });
  }
  const seen = new Set<string>();
  const rows: TrainingDueRow[] = [];
  for (const n of needs) {
    const id = `${n.person.aadObjectId}:${n.topic}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const due = trainingDue(records, n.person.aadObjectId, n.topic, day, soonDay);
    if (!due.due) continue;
    rows.push({
      rowId: id,
      person: n.person.displayName,
      topic: TRAINING_TOPICS[n.topic],
      why: n.why,
      validUntil: due.validUntil,
      standing:
        due.validUntil === null
          ? "no training recorded"
          : due.validUntil < day
            ? "run out"
            : "runs out within a month",
    });
  }
  rows.sort((a, b) => a.person.localeCompare(b.person) || a.topic.localeCompare(b.topic));
  const start = Number(page.cursor ?? 0) || 0;
  const limit = Math.min(Math.max(1, Math.floor(page.limit ?? 20)), 100);
  const items = rows.slice(start, start + limit);
  return accept({
    items,
    ...(start + limit < rows.length ? { nextCursor: String(start + limit) } : {}),
    total: rows.length,
  });
}
