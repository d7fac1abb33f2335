import { pagedPanel } from "../../http/pagedPanel";
import type { TableRow } from "../../http/tabApiContract";
import { findAll } from "../../store/findAll";
import { anyKind, type Feature } from "../feature";
import { approvalTrail, mayViewApprovalTrail } from "./approvalTrail";
import { DRAFT_VERBS } from "./draftCards";
import { draftBot } from "./draftHandlers";
import { policyDraftKind } from "./draftRecords";

/** "The Board of Governors has responsibility for approving any amendments prior to implementation." */
export const governorsApprovalFeature: Feature = {
  name: "governorsApproval",
  recordKinds: [anyKind(policyDraftKind)],
  verbs: DRAFT_VERBS,
  bot: draftBot,
  panels: [
    pagedPanel({
      info: {
        id: "approvalTrail",
        title: "New versions: the governors' approval trail",
        path: "/policy/approval-trail",
        table: {
          rowKey: "label",
          noun: "versions",
          emptyText: "No new version has been prepared yet.",
          columns: [
            { key: "label", title: "Version" },
            { key: "status", title: "Status" },
            { key: "preparedBy", title: "Prepared by" },
            { key: "preparedAt", title: "Prepared", format: "dateTime" },
            { key: "approval", title: "Governors' approval" },
            { key: "effectiveFrom", title: "Takes effect", format: "date" },
            { key: "publishedAt", title: "Published", format: "dateTime" },
          ],
        },
      },
      visibleTo: mayViewApprovalTrail,
      read: approvalTrail,
      row: (r): TableRow => ({ ...r }),
    }),
  ],
  personalData: {
    exported: [anyKind(policyDraftKind)],
    async collect(services, personId) {
      const drafts = (await findAll(services.store.collection(policyDraftKind))).map((r) => r.data);
      return {
        policyDraftsPrepared: drafts.filter((d) => d.createdBy === personId).map((d) => ({ label: d.label, createdAt: d.createdAt, status: d.status, effectiveFrom: d.effectiveFrom, fileName: d.fileName })),
        governorsApprovalsRecorded: drafts.filter((d) => d.approval?.recordedBy === personId).map((d) => ({ label: d.label, body: d.approval!.body, meeting: d.approval!.meeting, date: d.approval!.date, recordedAt: d.approval!.recordedAt })),
      };
    },
  },
  retention: [{ kind: anyKind(policyDraftKind), rule: "Kept as long as the versions: the approval behind each published text stays reproducible (as the policy versions themselves)." }],
};
