import { holdersOf } from "../../domain/people/person";
import { isDueForPurge, type MisuseCase } from "../../domain/reports/misuseCase";
import { workingHoursBetween, type SchoolHours } from "../../domain/reports/workingHours";
import { findAll } from "../../store/findAll";
import type { ScheduledJob } from "../../app/scheduler";
import type { ReportServices } from "./reportServices";
import { caseAuditKind, misuseCaseKind, purgedCaseCountKind } from "./caseRecords";
import { CASE_EFFECT_KINDS, removalKey } from "./handleCase";
import { reconcilerJobs } from "../../app/decisions";
import { MEDIA_EFFECT_KINDS, mediaEnquiryKind } from "./mediaEnquiries";
import { updateWithRetry } from "../../store/updateWithRetry";

/*
 * Time limits on cases: an unacknowledged report reminds its handler after the configured
 * working hours and escalates at twice that; a missed removal deadline reminds the member and
 * then tells the handler; closed cases are purged after the retention period, leaving a count.
 */
export interface ReportSettings {
  readonly reminderWorkingHours: number;
  readonly retentionDays: number;
  readonly schoolHours: SchoolHours;
}

export async function chaseUnacknowledged(
  services: ReportServices,
  settings: ReportSettings,
): Promise<number> {
  const now = services.clock.now();
  let queued = 0;
  const open = await findAll(services.store.collection(misuseCaseKind), {
    where: { status: "received" },
  });
  for (const { data: c } of open) {
    const hours = workingHoursBetween(
      c.receivedAt,
      now,
      settings.schoolHours,
      services.schoolTimeZone,
    );
    if (hours >= settings.reminderWorkingHours) {
      queued += await services.outbox.enqueueAll(
        c.handlerIds.map((id) => ({
          key: `caseReminder:${c.reference}:${id}`,
          recipient: id,
          purpose: "caseReminder",
          card: services.reportCards.caseNews({
            kind: "awaitingAcknowledgement",
            reference: c.reference,
            workingHours: hours,
          }),
        })),
      );
    }
    if (hours >= settings.reminderWorkingHours * 2 && c.handlerRole === "headteacher") {
      // Escalation goes to the Chair of Governors with the reference only, not the report itself.
      const chairs = holdersOf(await services.directory.all(), "chair-of-governors").filter(
        (p) => !c.excludedIds.includes(p.aadObjectId),
      );
      queued += await services.outbox.enqueueAll(
        chairs.map((p) => ({
          key: `caseEscalation:${c.reference}:${p.aadObjectId}`,
          recipient: p.aadObjectId,
          purpose: "caseEscalation",
          card: services.reportCards.caseNews({
            kind: "acknowledgementOverdue",
            reference: c.reference,
            workingHours: hours,
          }),
        })),
      );
    }
  }
  return queued;
}

export async function chaseRemovals(services: ReportServices): Promise<number> {
  const now = services.clock.now();
  let queued = 0;
  const cases = await findAll(services.store.collection(misuseCaseKind), {
    where: { status: ["received", "acknowledged", "investigating"] },
  });
  for (const { data: c } of cases) {
    for (const r of c.removals) {
      if (r.confirmedAt || Date.parse(r.deadline) > now.getTime()) continue;
      const late = await services.outbox.enqueue({
        key: `${removalKey(c.reference, r.id)}:late`,
        recipient: r.memberId,
        purpose: "removalReminder",
        card: services.reportCards.removalRequest({
          reference: c.reference,
          removal: r,
          timeZone: services.schoolTimeZone,
          late: true,
        }),
      });
      if (late.created) queued++;
      if (now.getTime() - Date.parse(r.deadline) > 24 * 3600_000) {
        queued += await services.outbox.enqueueAll(
          c.handlerIds.map((id) => ({
            key: `${removalKey(c.reference, r.id)}:escalated:${id}`,
            recipient: id,
            purpose: "removalEscalation",
            card: services.reportCards.caseNews({
              kind: "removalOverdue",
              reference: c.reference,
              deadline: r.deadline,
            }),
          })),
        );
      }
    }
  }
  return queued;
}

export async function purgeClosedCases(
  services: ReportServices,
  settings: ReportSettings,
): Promise<number> {
  const now = services.clock.now();
  const cases = services.store.collection(misuseCaseKind);
  const counts = services.store.collection(purgedCaseCountKind);
  const audits = services.store.collection(caseAuditKind);
  let purged = 0;
  for (const record of await findAll(cases, { where: { status: "closed" } })) {
    const c: MisuseCase = record.data;
    if (!isDueForPurge(c, now, settings.retentionDays)) continue;
    const month = c.receivedAt.slice(0, 7);
    const id = `${month}:${c.submission.kind}:${c.outcome ?? "none"}`;
    await updateWithRetry(counts, id, (existing) => ({
      write: existing
        ? { ...existing.data, count: existing.data.count + 1 }
        : { month, kind: c.submission.kind, outcome: c.outcome ?? "none", count: 1 },
      result: undefined,
    }));
    for (const a of await findAll(audits, { where: { caseReference: c.reference } }))
      await audits.delete(a.id);
    if (await cases.delete(record.id)) purged++;
  }
  if (purged) services.logger.info({ purged }, "closed misuse cases purged after retention");
  return purged;
}

export function reportJobs(services: ReportServices, settings: ReportSettings): ScheduledJob[] {
  return [
    {
      name: "chaseUnacknowledgedReports",
      run: async () => void (await chaseUnacknowledged(services, settings)),
    },
    { name: "chaseRemovals", run: async () => void (await chaseRemovals(services)) },
    {
      name: "purgeClosedCases",
      run: async () => void (await purgeClosedCases(services, settings)),
    },
    ...reconcilerJobs(services, "reconcileCaseEffects", misuseCaseKind, CASE_EFFECT_KINDS),
    ...reconcilerJobs(
      services,
      "reconcileMediaEnquiryEffects",
      mediaEnquiryKind,
      MEDIA_EFFECT_KINDS,
    ),
  ];
}
