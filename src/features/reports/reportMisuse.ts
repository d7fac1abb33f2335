import { takeAllowance } from "../../app/limits/rateLimits";
import { mayReportMisuse } from "../../domain/people/permissions";
import type { Person } from "../../domain/people/person";
import { accept, refuse, type Decision } from "../../domain/result";
import { openCase } from "../../domain/reports/misuseCase";
import type { ReportSubmission } from "../../domain/reports/misuseReport";
import { routeReport } from "../../domain/reports/routing";
import type { CardMessage, RecordKind } from "../../ports";
import { outboxKind } from "../../outbox/outboxMessage";
import { createWithEffects, effect } from "../../app/decisions";
import type { ReportServices } from "./reportServices";
import { caseAuditKind, counterKind, misuseCaseKind, nextInSequence } from "./caseRecords";
import { caseView } from "./reportViews";

/**
 * A member of staff reports misuse (or a media enquiry) in confidence: it is routed in the
 * domain, stored, and the case card goes to its handler through the outbox. Reports are only
 * taken in a private chat, so nothing confidential is ever posted where colleagues can read it.
 */
export async function reportMisuse(
  services: ReportServices,
  reporter: Person,
  submission: ReportSubmission,
  scope: string,
): Promise<
  Decision<
    { reference: string; receipt: CardMessage },
    "REPORT.NOT_PRIVATE" | "REPORT.ROLE" | "REPORT.SUBJECT" | "ROUTING.NO_HANDLER" | "LIMIT.REACHED"
  >
> {
  if (scope !== "personal")
    return refuse(
      "REPORT.NOT_PRIVATE",
      "Reports are confidential: please make them in your private chat with me, not in a group or channel.",
    );
  if (!mayReportMisuse(reporter))
    return refuse("REPORT.ROLE", "Only staff on the roster can make a report.");
  const roster = await services.directory.all();
  if (submission.subjectId && !roster.some((p) => p.aadObjectId === submission.subjectId)) {
    return refuse("REPORT.SUBJECT", "The colleague named is not on the staff roster.");
  }
  const routing = routeReport(submission, reporter, roster);
  if (!routing.ok) return routing;
  // Each report puts a card in a handler's chat: a flood of them would bury the real one.
  const allowed = await takeAllowance(services, reporter.aadObjectId, "report");
  if (!allowed.ok) return allowed;
  const now = services.clock.now().toISOString();
  const year = now.slice(0, 4);
  const n = await nextInSequence(
    services.store.collection(counterKind),
    `report-reference:${year}`,
  );
  const reference = `R-${year}-${String(n).padStart(4, "0")}`;
  const c = openCase({
    reference,
    reporterId: reporter.aadObjectId,
    submission,
    receivedAt: now,
    routing: routing.value,
  });
  const subject = submission.subjectId
    ? (roster.find((p) => p.aadObjectId === submission.subjectId)?.displayName ?? "")
    : "";
  const context = {
    reporter: reporter.displayName,
    subject,
    names: new Map(roster.map((p) => [p.aadObjectId, p.displayName])),
    timeZone: services.schoolTimeZone,
  };
  const cards = routing.value.handlers.map((h) =>
    services.outbox.entryFor({
      key: caseCardKey(reference, h.aadObjectId),
      recipient: h.aadObjectId,
      purpose: "caseReceived",
      card: services.reportCards.caseCard(caseView(c, h.aadObjectId, context)),
    }),
  );
  // The case, its audit entry and its handlers' cards: all written, or none (app/decisions.ts).
  await createWithEffects(
    services,
    misuseCaseKind,
    reference,
    c,
    [
      effect(caseAuditKind, services.ids.newId(), {
        caseReference: reference,
        at: now,
        by: reporter.aadObjectId,
        action: "reported",
      }),
      ...cards.map((m) => effect(outboxKind, m.id, m.data)),
    ],
    [caseAuditKind, outboxKind] as unknown as readonly RecordKind<unknown>[],
  );
  // Operators see that a case exists, never what it says or who it concerns.
  services.logger.info(
    { reference, handlerRole: routing.value.handlerRole },
    "misuse report received",
  );
  return accept({
    reference,
    receipt: services.reportCards.receipt({ case: c, handlerRole: routing.value.handlerRole }),
  });
}

export function caseCardKey(reference: string, handlerId: string): string {
  return `case:${reference}:${handlerId}`;
}
