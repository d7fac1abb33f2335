import type { AppServices } from "../app/services";
import { conversationReferenceKind } from "../bot/conversationReferences";
import type { Person } from "../domain/people/person";
import { appInstallationKind } from "../identity/appInstaller";
import { outboxKind } from "../outbox/outboxMessage";
import { findAll } from "../store/findAll";
import { leaseKind } from "../store/leases";
import { FEATURES } from "../features";
import { rateLimitKind } from "../app/limits/rateLimits";

/*
 * Everything the product holds about one person, for a subject access request. Ids of other
 * people are never copied out. Each capability module adds its own sections (its feature.ts's
 * `personalData`): misuse cases, for one, go through the domain's export, which withholds what a
 * case's subject must not see (who reported it, the handler's questions and outcome).
 */

/** Read for the export (a test checks that these and LEFT_OUT cover every record kind). */
export const EXPORTED_KINDS: readonly string[] = [
  conversationReferenceKind,
  appInstallationKind,
  outboxKind,
  ...FEATURES.flatMap((f) => f.personalData.exported),
  rateLimitKind,
].map((kind) => kind.name);

// Left out: leases (which instance runs a job) hold nothing about a person; so do the kinds
// each module lists as left out, with why.
export const LEFT_OUT_KINDS: readonly string[] = [
  leaseKind.name,
  ...FEATURES.flatMap((f) => (f.personalData.leftOut ?? []).map((l) => l.kind.name)),
];

export async function collectPersonalData(
  services: AppServices,
  personId: string,
  rosterEntry: Person | undefined,
  exportedAt: string,
) {
  const { store } = services;
  const mine = { where: { aadObjectId: personId } };
  // Where the bot can reach them: the metadata, not botbuilder's raw reference.
  const conversations = (await findAll(store.collection(conversationReferenceKind), mine)).map(
    ({ data: c }) => ({
      scope: c.scope,
      conversationId: c.conversationId,
      serviceUrl: c.serviceUrl,
      updatedAt: c.updatedAt,
    }),
  );
  const appInstallations = (await findAll(store.collection(appInstallationKind), mine)).map(
    ({ data: i }) => ({
      status: i.status,
      reason: i.reason,
      attempts: i.attempts,
      lastAttemptAt: i.lastAttemptAt,
    }),
  );
  // What was sent to them and when: delivery state only, since each card's content is a copy of
  // records exported above (and a handler's card holds other people's reports).
  const messagesSent = (
    await findAll(store.collection(outboxKind), { where: { recipient: personId } })
  ).map(({ data: m }) => ({
    purpose: m.purpose,
    campaign: m.campaign,
    createdAt: m.createdAt,
    status: m.status,
    deliveredAt: m.deliveredAt,
  }));

  // How many questions, reports and posts they sent in the current window (for the rate limits).
  const rateLimitCounts = (
    await findAll(store.collection(rateLimitKind), { where: { personId } })
  ).map(({ data: r }) => ({
    action: r.action,
    windowStart: r.windowStart,
    count: r.count,
  }));

  return {
    exportedAt,
    person: rosterEntry
      ? {
          aadObjectId: rosterEntry.aadObjectId,
          displayName: rosterEntry.displayName,
          email: rosterEntry.email,
          roles: rosterEntry.roles,
          department: rosterEntry.department,
        }
      : { aadObjectId: personId, onRoster: false },
    conversations,
    appInstallations,
    messagesSent,
    // Each capability module's own sections.
    ...(await featureSections(services, personId)),
    rateLimitCounts,
  };
}

async function featureSections(
  services: AppServices,
  personId: string,
): Promise<Record<string, readonly unknown[]>> {
  const sections: Record<string, readonly unknown[]> = {};
  for (const feature of FEATURES)
    Object.assign(sections, await feature.personalData.collect(services, personId));
  return sections;
}

/** After the export is written: each module records it where it must (a case's audit trail). */
export async function recordExported(
  services: AppServices,
  data: PersonalData,
  exported: { readonly by: string; readonly at: string },
): Promise<void> {
  const sections = data as unknown as Readonly<Record<string, readonly unknown[]>>;
  for (const feature of FEATURES)
    await feature.personalData.recordExport?.(services, sections, exported);
}

export type PersonalData = Awaited<ReturnType<typeof collectPersonalData>>;

/** How many entries a section holds (a capability module's sections are typed by name only). */
export function sectionLength(data: PersonalData, section: string): number {
  const list: unknown = (data as Record<string, unknown>)[section];
  return Array.isArray(list) ? list.length : 0;
}

/** True when no record holds anything about the person (only the header would be exported). */
export function holdsNothing(data: PersonalData): boolean {
  const { exportedAt: _at, person: _person, ...records } = data;
  return Object.values(records).every((list) => list.length === 0);
}
