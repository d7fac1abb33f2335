import { subjectAccessExport } from "../../domain/reports/misuseCase";
import { findAll } from "../../store/findAll";
import { anyKind, type Feature } from "../feature";
import { CASE_VERBS, MEDIA_VERBS } from "./cards/reportVerbs";
import { caseAuditKind, counterKind, misuseCaseKind, purgedCaseCountKind } from "./caseRecords";
import { mediaEnquiryKind, writtenApprovalKind } from "./mediaEnquiries";
import { reportFeature } from "./reportHandlers";
import { reportJobs } from "./reportSchedule";

/**
 * Misuse reports, handled as cases by the role the policy names (never seen by the person
 * reported), and media enquiries passed on to the Headteacher with the written approvals given.
 */
export const reportsFeature: Feature = {
  name: "reports",
  recordKinds: [
    anyKind(misuseCaseKind),
    anyKind(caseAuditKind),
    anyKind(counterKind),
    anyKind(purgedCaseCountKind),
    anyKind(mediaEnquiryKind),
    anyKind(writtenApprovalKind),
  ],
  verbs: {
    ...CASE_VERBS,
    mediaEnquirySubmit: MEDIA_VERBS.submit,
    mediaEnquiryApprove: MEDIA_VERBS.approve,
    mediaEnquiryDecline: MEDIA_VERBS.decline,
  },
  bot: reportFeature,
  jobs: (services, config) => reportJobs(services, config.reports),
  personalData: {
    exported: [
      anyKind(misuseCaseKind),
      anyKind(caseAuditKind),
      anyKind(mediaEnquiryKind),
      anyKind(writtenApprovalKind),
    ],
    leftOut: [
      { kind: anyKind(counterKind), why: "report numbering only" },
      { kind: anyKind(purgedCaseCountKind), why: "anonymised monthly counts" },
    ],
    async collect(services, personId) {
      const { store } = services;
      // Through the domain's export, which withholds what a case's subject must not see (who
      // reported it, the handler's questions and outcome).
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
      return { misuseCases, caseActions, mediaEnquiries, writtenApprovals };
    },
    // Each misuse case included is recorded in that case's audit trail.
    async recordExport(services, sections, { by, at }) {
      for (const c of sections.misuseCases ?? []) {
        const reference = (c as { readonly reference?: unknown }).reference;
        if (typeof reference !== "string") continue;
        await services.store.collection(caseAuditKind).create(services.ids.newId(), {
          caseReference: reference,
          at,
          by,
          action: "subject access export",
        });
      }
    },
  },
  retention: [
    {
      kind: anyKind(misuseCaseKind),
      rule: "Closed cases are purged REPORT_RETENTION_DAYS (default 365) after closing, leaving only an anonymised monthly count.",
    },
    { kind: anyKind(caseAuditKind), rule: "Purged with its case." },
    { kind: anyKind(counterKind), rule: "Report numbering; holds nothing about a person." },
    { kind: anyKind(purgedCaseCountKind), rule: "Anonymised counts, kept." },
    { kind: anyKind(mediaEnquiryKind), rule: "Kept; no job purges it." },
    { kind: anyKind(writtenApprovalKind), rule: "Kept as the record of the approval given." },
  ],
};
