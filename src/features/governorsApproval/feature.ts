import { pagedPanel } from "../../http/pagedPanel";
import type { TableRow } from "../../http/tabApiContract";
import { findAll } from "../../store/findAll";
import { anyKind, type Feature } from "../feature";
import { approvalTrail, mayViewApprovalTrail } from "./approvalTrail";
import { DRAFT_VERBS, UPLOAD_VERBS } from "./cards/draftVerbs";
import { draftBot } from "./draftHandlers";
import { policyDraftKind } from "./draftRecords";
import { policyUploadKind } from "./uploadRecords";
import { purgeOldUploads, receiveWordMaster, sendUploadToGovernors } from "./wordUpload";
import { z } from "zod";
import { defineAction } from "../../bot/actions";

/** "The Board of Governors has responsibility for approving any amendments prior to implementation." */
export const governorsApprovalFeature: Feature = {
  name: "governorsApproval",
  recordKinds: [anyKind(policyDraftKind), anyKind(policyUploadKind)],
  verbs: { ...DRAFT_VERBS, ...UPLOAD_VERBS },
  bot: (services) => {
    const drafts = draftBot(services);
    return {
      ...drafts,
      actions: [
        ...(drafts.actions ?? []),
        defineAction({
          verb: UPLOAD_VERBS.send,
          schema: z.object({
            uploadId: z.string().regex(/^U-[A-Za-z0-9-]{1,12}$/, "is not an upload id"),
            label: z.string().trim().min(1).max(40),
            effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date"),
            summary: z.string().trim().min(1).max(1000),
          }),
          async handle({ person, data }) {
            const result = await sendUploadToGovernors(services, person, data);
            return result.ok
              ? { kind: "card", card: result.value }
              : { kind: "message", text: result.reason };
          },
        }),
      ],
      files: [
        {
          name: "The policy's Word master",
          accepts: (file) => file.fileType === "docx" || file.name.toLowerCase().endsWith(".docx"),
          async handle({ person, file }) {
            const preview = await receiveWordMaster(services, person, file);
            return [preview.ok ? { card: preview.value } : { text: preview.reason }];
          },
        },
      ],
    };
  },
  jobs: (services) => [
    { name: "purgeOldPolicyUploads", run: async () => void (await purgeOldUploads(services)) },
  ],
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
    exported: [anyKind(policyDraftKind), anyKind(policyUploadKind)],
    async collect(services, personId) {
      const drafts = (await findAll(services.store.collection(policyDraftKind))).map((r) => r.data);
      return {
        policyDraftsPrepared: drafts
          .filter((d) => d.createdBy === personId)
          .map((d) => ({
            label: d.label,
            createdAt: d.createdAt,
            status: d.status,
            effectiveFrom: d.effectiveFrom,
            fileName: d.fileName,
          })),
        policyDocumentsSent: (
          await findAll(services.store.collection(policyUploadKind), {
            where: { uploaderId: personId },
          })
        ).map(({ data: u }) => ({
          fileName: u.fileName,
          uploadedAt: u.uploadedAt,
          sentAs: u.sentAs,
        })),
        governorsApprovalsRecorded: drafts
          .filter((d) => d.approval?.recordedBy === personId)
          .map((d) => ({
            label: d.label,
            body: d.approval!.body,
            meeting: d.approval!.meeting,
            date: d.approval!.date,
            recordedAt: d.approval!.recordedAt,
          })),
      };
    },
  },
  retention: [
    {
      kind: anyKind(policyDraftKind),
      rule: "Kept as long as the versions: the approval behind each published text stays reproducible (as the policy versions themselves).",
    },
    {
      kind: anyKind(policyUploadKind),
      rule: "A Word document sent in chat is kept 30 days for its preview, then purged (the draft keeps the text sent to the governors).",
    },
  ],
};
