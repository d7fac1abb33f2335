import type { PermissionRecord } from "../../src/features/permissions/permissionRecords";
import type { TrainingRecord } from "../../src/domain/training/trainingRecord";
import type { Suggestion } from "../../src/domain/suggestions/suggestion";
import type { PolicyUpload } from "../../src/features/governorsApproval/uploadRecords";
import type { PolicyDraft } from "../../src/features/governorsApproval/draftRecords";

/*
 * One valid record per capability module's kind, for the store contract: each is written,
 * read back whole and found by every indexed field on both adapters. A kind with no sample
 * fails the contract, so a new capability cannot skip it.
 */
const permission: PermissionRecord = {
  id: "WP-sample01",
  kind: "relatedPerson",
  requesterId: "teacher-id",
  what: "A photo of 'Jane' & <the> \"science fair\"",
  where: "Facebook",
  from: "2026-11-20",
  until: "2026-12-31",
  subject: { type: "colleague", colleagueId: "colleague-id" },
  colleagueId: "colleague-id",
  status: "approved",
  requestedAt: "2026-11-20T09:00:00.000Z",
  decidedBy: "colleague-id",
  decidedAs: "colleague",
  decidedAt: "2026-11-20T10:00:00.000Z",
  reason: "",
  trainingRequired: null,
  withdrawnBy: null,
  withdrawnAt: null,
  withdrawalReason: "",
  deletionConfirmedAt: null,
  revision: 2,
};

const training: TrainingRecord = {
  id: "TR-sample01",
  personId: "teacher-id",
  topic: "speakingOnBehalf",
  detail: "Local authority course",
  completedOn: "2026-09-01",
  validUntil: "2027-08-31",
  recordedBy: "head-id",
  recordedAt: "2026-09-02T09:00:00.000Z",
};

const draft: PolicyDraft = {
  label: "2099.01",
  status: "approved",
  createdAt: "2026-11-02T09:00:00.000Z",
  createdBy: "owner-id",
  effectiveFrom: "2026-12-05",
  summary: "Adds AI tools & <podcasts>.",
  document: {
    meta: {
      title: "Staff Social Media Policy",
      version: "2099.01",
      effectiveFrom: "2026-12-05",
      nextReview: "2027-12-05",
      owner: "aht-digital",
    },
    sections: [{ id: "ai", heading: "AI tools", paragraphs: ["No pupil data in 'AI' tools."] }],
  },
  source: "word",
  fileName: "Policy - MASTER.docx",
  approval: {
    body: "LGB",
    meeting: "Autumn term",
    date: "2026-11-04",
    recordedBy: "chair-id",
    recordedAt: "2026-11-05T18:00:00.000Z",
  },
  publishedAt: null,
  revision: 2,
};

const suggestion: Suggestion = {
  id: "S-sample01",
  suggesterId: "teacher-id",
  text: "Add a section on 'AI' & <image> generators",
  policyVersion: "2024.07",
  submittedAt: "2026-11-02T09:00:00.000Z",
  status: "adopted",
  answer: { reason: "", version: "2027.01", by: "owner-id", at: "2026-11-03T09:00:00.000Z" },
};

const upload: PolicyUpload = {
  id: "U-sample01",
  uploaderId: "owner-id",
  fileName: "Policy - MASTER.docx",
  text: "## Introduction\n\nThis policy replaces any previous policy & <older> 'ones'.\n",
  header: { label: "2099.01", summary: "Adds AI tools." },
  ignored: ["Beacon Academy"],
  uploadedAt: "2026-11-02T09:00:00.000Z",
  sentAs: null,
};

export const FEATURE_SAMPLES: Readonly<
  Record<string, { readonly id: string; readonly data: unknown }>
> = {
  writtenPermissions: { id: permission.id, data: permission },
  trainingRecords: { id: training.id, data: training },
  policyDrafts: { id: draft.label, data: draft },
  policySuggestions: { id: suggestion.id, data: suggestion },
  policyUploads: { id: upload.id, data: upload },
};
