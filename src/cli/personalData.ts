import { acknowledgementKind } from "../app/acknowledgements/acknowledgementRecords";
import { policyReviewKind, policyVersionKind } from "../app/policy/policyRecords";
import { mediaEnquiryKind, writtenApprovalKind } from "../app/reports/mediaEnquiries";
import { askedQuestionKind, curatedAnswerKind } from "../app/qa/records";
import {
  caseAuditKind,
  counterKind,
  misuseCaseKind,
  purgedCaseCountKind,
} from "../app/reports/caseRecords";
import type { AppServices } from "../app/services";
import { conversationReferenceKind } from "../bot/conversationReferences";
import type { Person } from "../domain/people/person";
import { subjectAccessExport } from "../domain/reports/misuseCase";
import { appInstallationKind } from "../identity/appInstaller";
import { outboxKind } from "../outbox/outboxMessage";
import { findAll } from "../store/findAll";
import { leaseKind } from "../store/leases";
import { FEATURES } from "../features";
import { rateLimitKind } from "../app/limits/rateLimits";

/*
 * Everything the product holds about one person, for a subject access request. Ids of other
 * people are never copied out; misuse cases go through the domain's export, which withholds
 * what a case's subject must not see (who reported it, the handler's questions and outcome).
 */

/** Read for the export (a test checks that these and LEFT_OUT cover every record kind). */
export const EXPORTED_KINDS: readonly string[] = [
  acknowledgementKind,
  askedQuestionKind,
  curatedAnswerKind,
  misuseCaseKind,
  caseAuditKind,
  policyVersionKind,
  policyReviewKind,
  conversationReferenceKind,
  appInstallationKind,
  outboxKind,
  ...FEATURES.flatMap((f) => f.personalData.exported),
  rateLimitKind,
  mediaEnquiryKind,
  writtenApprovalKind,
].map((kind) => kind.name);

// Left out: leases (which instance runs a job), counters (report numbering) and purgedCaseCounts (anonymised monthly counts) hold nothing about a person.
export const LEFT_OUT_KINDS: readonly string[] = [
  leaseKind.name,
  counterKind.name,
  purgedCaseCountKind.name,
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
  const acknowledgements = (await findAll(store.collection(acknowledgementKind), mine)).map(
    ({ data: a }) => ({ version: a.version, acknowledgedAt: a.acknowledgedAt, channel: a.channel }),
  );
  const questions = (
    await findAll(store.collection(askedQuestionKind), { where: { askerId: personId } })
  ).map(({ data: q }) => ({
    question: q.question,
    askedAt: q.askedAt,
    policyVersion: q.policyVersion,
    answerSource: q.source,
    citedHeadings: q.citedHeadings,
    feedback: q.feedback,
    feedbackAt: q.feedbackAt,
    escalation: q.escalation,
    escalatedAt: q.escalatedAt,
    ownerAnswer: q.ownerAnswer,
    answeredByName: q.answeredByName,
    answeredAt: q.answeredAt,
  }));
  const savedAnswers = (await findAll(store.collection(curatedAnswerKind)))
    .filter(({ data: a }) => a.answeredById === personId)
    .map(({ data: a }) => ({
      question: a.question,
      answer: a.answer,
      answeredOn: a.answeredOn,
      policyVersion: a.policyVersion,
    }));

  const misuseCases = await Promise.all(
    subjectAccessExport(
      personId,
      (await findAll(store.collection(misuseCaseKind))).map((r) => r.data),
    ).map(async (c) => {
      if (!("namedSubjectId" in c) || !c.namedSubjectId) return c;
      // Whom the reporter named, as they named them: by name, never by id.
      const { namedSubjectId, ...rest } = c;
      return {
        ...rest,
        namedSubject:
          (await services.directory.find(namedSubjectId))?.displayName ??
          "a former member of staff",
      };
    }),
  );
  // What they did, never to whom: "shared with <id>" names a colleague.
  const caseActions = (
    await findAll(store.collection(caseAuditKind), { where: { by: personId } })
  ).map(({ data: a }) => ({
    caseReference: a.caseReference,
    at: a.at,
    action: a.action.startsWith("shared with ") ? "shared the case with a colleague" : a.action,
  }));

  const policyVersionsPublished = (await findAll(store.collection(policyVersionKind)))
    .filter(({ data: v }) => v.publishedBy === personId)
    .map(({ data: v }) => ({
      label: v.label,
      publishedAt: v.publishedAt,
      effectiveFrom: v.effectiveFrom,
    }));
  const policyReviewsRecorded = (await findAll(store.collection(policyReviewKind)))
    .filter(({ data: r }) => r.reviewedBy === personId)
    .map(({ data: r }) => ({
      version: r.version,
      reviewedAt: r.reviewedAt,
      nextReview: r.nextReview,
    }));

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

  // Media enquiries they passed on, and written approvals given to them or by them.
  const mediaEnquiries = (
    await findAll(store.collection(mediaEnquiryKind), { where: { staffId: personId } })
  ).map(({ data: e }) => ({
    reference: e.reference,
    receivedAt: e.receivedAt,
    submission: e.submission,
    status: e.status,
    decision: e.decision
      ? { at: e.decision.at, approved: e.decision.approved, words: e.decision.words }
      : null,
  }));
  const writtenApprovals = (await findAll(store.collection(writtenApprovalKind)))
    .filter(({ data: w }) => w.grantedTo === personId || w.grantedBy === personId)
    .map(({ data: w }) => ({
      kind: w.kind,
      reference: w.reference,
      role: w.grantedTo === personId ? "granted to them" : "granted by them",
      grantedAt: w.grantedAt,
      wording: w.wording,
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
    acknowledgements,
    questions,
    savedAnswers,
    misuseCases,
    caseActions,
    policyVersionsPublished,
    policyReviewsRecorded,
    conversations,
    appInstallations,
    messagesSent,
    // Each capability module's own sections.
    ...(await featureSections(services, personId)),
    rateLimitCounts,
    mediaEnquiries,
    writtenApprovals,
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
