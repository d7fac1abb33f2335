import { mayApprovePostAs } from "../../domain/people/permissions";
import { ROLE_TITLES, type Person } from "../../domain/people/person";
import {
  activeDeputies,
  endDeputy,
  nameDeputy,
  type ApproverDeputy,
} from "../../domain/posts/approverDeputies";
import type { ApprovalKey } from "../../domain/posts/postProposal";
import { accept, refuse, type Decision } from "../../domain/result";
import type { CardMessage } from "../../ports";
import { findAll } from "../../store/findAll";
import type { PostServices } from "./postServices";
import { readableDate, schoolDate } from "../../app/ukDates";
import { approverDeputyKind, DEPUTIES_AUDIT_ID, postAuditKind } from "./postRecords";

/*
 * An approver names a deputy for a period (absence, illness): recorded, audited, told to the
 * deputy, and shown on every post card while it runs. The deputy gives that key only while
 * the period runs, and gets waiting posts after the reminder period.
 */
export const DEPUTY_VERBS = { name: "postNameDeputy", end: "postEndDeputy" } as const;

export function today(services: PostServices): string {
  return schoolDate(services.clock.now(), services.schoolTimeZone);
}

/** Arrangements not yet over (ended ones and past periods are kept but not read here). */
export async function currentDeputies(services: PostServices): Promise<ApproverDeputy[]> {
  const found = await findAll(services.store.collection(approverDeputyKind), {
    range: { field: "until", gte: today(services) },
  });
  return found.map((r) => r.data).filter((d) => d.endedAt === null);
}

export async function activeDeputiesToday(services: PostServices): Promise<ApproverDeputy[]> {
  return activeDeputies(await currentDeputies(services), today(services));
}

/** "Daniel Price for the Headteacher (Helen Carter), 1 December 2026 to 5 December 2026: illness" */
export function deputyLine(
  d: ApproverDeputy,
  names: ReadonlyMap<string, string>,
  timeZone: string,
): string {
  const name = (id: string) => names.get(id) ?? "a former member of staff";
  return `${name(d.deputyId)} stands in for the ${ROLE_TITLES[d.key]} (${name(d.approverId)}) from ${readableDate(d.from, timeZone)} to ${readableDate(d.until, timeZone)}: ${d.reason}`;
}

export async function deputyFormCard(
  services: PostServices,
  approver: Person,
): Promise<Decision<CardMessage>> {
  const keys = mayApprovePostAs(approver);
  if (keys.length === 0)
    return refuse("DEPUTY.NOT_APPROVER", "Only the two approvers of posts name deputies.");
  const people = await services.directory.all();
  const names = new Map(people.map((p) => [p.aadObjectId, p.displayName]));
  const mine = (await currentDeputies(services)).filter(
    (d) => d.approverId === approver.aadObjectId,
  );
  return accept(
    services.postCards.deputyForm({
      keys,
      people: people.filter((p) => p.aadObjectId !== approver.aadObjectId),
      today: today(services),
      current: mine,
      names,
      timeZone: services.schoolTimeZone,
    }),
  );
}

async function auditDelegation(
  services: PostServices,
  by: string,
  action: string,
  verb: string,
): Promise<void> {
  await services.store.collection(postAuditKind).create(services.ids.newId(), {
    postId: DEPUTIES_AUDIT_ID,
    at: services.clock.now().toISOString(),
    by,
    action,
    verb,
  });
}

export async function nameApproverDeputy(
  services: PostServices,
  approver: Person,
  input: {
    readonly key: ApprovalKey;
    readonly deputyId: string;
    readonly from: string;
    readonly until: string;
    readonly reason: string;
  },
): Promise<Decision<CardMessage>> {
  const deputy = await services.directory.find(input.deputyId);
  if (!deputy) return refuse("DEPUTY.UNKNOWN", "That person is not on the staff roster.");
  const named = nameDeputy(
    approver,
    input.key,
    deputy,
    input,
    today(services),
    await currentDeputies(services),
    { id: services.ids.newId(), at: services.clock.now().toISOString() },
  );
  if (!named.ok) return named;
  const d = named.value;
  await services.store.collection(approverDeputyKind).create(d.id, d);
  await auditDelegation(
    services,
    approver.aadObjectId,
    `named ${d.deputyId} deputy for ${d.key} from ${d.from} to ${d.until} (${d.id})`,
    DEPUTY_VERBS.name,
  );
  const names = new Map([
    [approver.aadObjectId, approver.displayName],
    [deputy.aadObjectId, deputy.displayName],
  ]);
  const told = { deputy: d, names, timeZone: services.schoolTimeZone };
  await services.outbox.enqueue({
    key: `deputyNamed:${d.id}`,
    recipient: deputy.aadObjectId,
    purpose: "deputyNamed",
    card: services.postCards.deputyNamed({ ...told, to: "deputy" }),
  });
  return accept(services.postCards.deputyNamed({ ...told, to: "approver" }));
}

export async function endApproverDeputy(
  services: PostServices,
  approver: Person,
  id: string,
): Promise<Decision<CardMessage>> {
  const deputies = services.store.collection(approverDeputyKind);
  for (let attempt = 0; attempt < 5; attempt++) {
    const record = await deputies.get(id);
    if (!record) return refuse("DEPUTY.NOT_FOUND", "That deputy arrangement does not exist.");
    const ended = endDeputy(record.data, approver, services.clock.now().toISOString());
    if (!ended.ok) return ended;
    if ((await deputies.update(id, ended.value, record.version)).ok) {
      await auditDelegation(
        services,
        approver.aadObjectId,
        `ended deputy ${record.data.deputyId} for ${record.data.key} (${id})`,
        DEPUTY_VERBS.end,
      );
      return accept(services.postCards.deputyEnded());
    }
  }
  return refuse("DEPUTY.BUSY", "It changed while you were ending it; please try again.");
}
