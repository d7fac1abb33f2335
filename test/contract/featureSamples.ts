import type { PostProposal } from "../../src/domain/posts/postProposal";
import type { ApproverDeputy } from "../../src/domain/posts/approverDeputies";
import type { MisuseCase } from "../../src/domain/reports/misuseCase";
import type { MediaEnquiry } from "../../src/domain/reports/mediaEnquiry";
import type { WrittenApproval } from "../../src/features/reports/mediaEnquiries";
import type { PolicyVersionRecord, PolicyReviewRecord } from "../../src/app/policy/policyRecords";
import type { AcknowledgementRecord } from "../../src/domain/acknowledgements/acknowledgement";
import type { PermissionRecord } from "../../src/features/permissions/permissionRecords";
import type { TrainingRecord } from "../../src/domain/training/trainingRecord";
import type { Suggestion } from "../../src/domain/suggestions/suggestion";
import type { PolicyUpload } from "../../src/features/governorsApproval/uploadRecords";
import type { PolicyDraft } from "../../src/features/governorsApproval/draftRecords";
import type { AskedQuestion } from "../../src/domain/qa/askedQuestion";
import type { CuratedAnswerRecord } from "../../src/app/qa/records";

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
  pendingEffects: [],
  effectsPending: false,
};

const training: Journalled<TrainingRecord> = {
  id: "TR-sample01",
  personId: "teacher-id",
  topic: "speakingOnBehalf",
  detail: "Local authority course",
  completedOn: "2026-09-01",
  validUntil: "2027-08-31",
  recordedBy: "head-id",
  recordedAt: "2026-09-02T09:00:00.000Z",
  pendingEffects: [],
  effectsPending: false,
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

const suggestion: Journalled<Suggestion> = {
  id: "S-sample01",
  suggesterId: "teacher-id",
  text: "Add a section on 'AI' & <image> generators",
  policyVersion: "2024.07",
  submittedAt: "2026-11-02T09:00:00.000Z",
  status: "adopted",
  answer: { reason: "", version: "2027.01", by: "owner-id", at: "2026-11-03T09:00:00.000Z" },
  pendingEffects: [],
  effectsPending: false,
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

// Posts, reports and acknowledgements (the modules moved from src/app).
/** A decision's effect journal (app/decisions.ts), on the records that keep one. */
type Journalled<T> = T & { pendingEffects: []; effectsPending: boolean };

const post: Journalled<PostProposal> = {
  id: "P-0000abcd",
  authorId: "teacher-id",
  revision: 2,
  text: "Year 6's 'science fair' & <robots> \"today\"",
  previousText: "Year 6 science fair",
  accounts: ["Facebook", "Instagram"],
  intendedDate: "2026-11-21",
  imageLinks: ["https://school.example/photo.jpg"],
  checklist: {
    parentalPermission: true,
    noIdentifyingInformation: true,
    positiveAndRelevant: true,
    approvedDevice: true,
    deletedFromPersonalDevice: false,
  },
  flags: [{ kind: "name", text: "Jane" }],
  sentAnywayReason: "Jane is a teacher who agreed",
  consentOverride: null,
  escalatedTo: ["deputy-id"],
  status: "awaitingApproval",
  decisions: [
    {
      key: "aht-publicity",
      by: "aht-id",
      decision: "approve",
      comment: "Fine",
      revision: 2,
      at: "2026-11-20T10:00:00.000Z",
    },
  ],
  submittedAt: "2026-11-20T09:00:00.000Z",
  postedLink: null,
  postedAt: null,
  postedBy: null,
  pendingEffects: [],
  effectsPending: false,
};

const postAudit = {
  postId: post.id,
  at: "2026-11-20T10:00:00.000Z",
  by: "aht-id",
  action: "approved as aht-publicity",
  verb: "postApprove",
};

const deputy: ApproverDeputy = {
  id: "D-sample01",
  key: "headteacher",
  approverId: "head-id",
  deputyId: "deputy-id",
  from: "2026-11-20",
  until: "2026-11-27",
  reason: "Away on a course",
  namedAt: "2026-11-19T16:00:00.000Z",
  endedAt: null,
};

const misuseCase: Journalled<MisuseCase> = {
  reference: "R-2026-0042",
  reporterId: "teacher-id",
  submission: {
    kind: "misuse",
    whatWasSeen: "A post naming a pupil & their <class>",
    where: "https://social.example/post/1",
    when: "Yesterday evening",
    concerns: ["colleague", "pupil"],
    subjectId: "colleague-id",
    rules: ["a", "c"],
    urgent: true,
    evidence: "",
  },
  receivedAt: "2026-11-20T09:00:00.000Z",
  handlerRole: "headteacher",
  handlerIds: ["head-id"],
  excludedIds: ["colleague-id"],
  sharedWith: [],
  status: "investigating",
  acknowledgedAt: "2026-11-20T10:00:00.000Z",
  closedAt: null,
  outcome: null,
  outcomeNote: null,
  questions: [
    {
      id: "q-1",
      question: "Is it still up?",
      askedAt: "2026-11-20T11:00:00.000Z",
      reply: null,
      repliedAt: null,
    },
  ],
  removals: [],
  history: [{ at: "2026-11-20T10:00:00.000Z", by: "head-id", what: "acknowledged" }],
  pendingEffects: [],
  effectsPending: false,
};

const caseAudit = {
  caseReference: misuseCase.reference,
  at: "2026-11-20T10:00:00.000Z",
  by: "head-id",
  action: "acknowledged",
};

const enquiry: Journalled<MediaEnquiry> = {
  reference: "M-2026-0007",
  staffId: "teacher-id",
  submission: {
    caller: "A reporter",
    outlet: "The Local Paper",
    question: "What happened at the fair?",
    deadline: "2026-11-22",
  },
  receivedAt: "2026-11-20T09:00:00.000Z",
  handlerIds: ["head-id"],
  status: "replyApproved",
  decision: {
    by: "head-id",
    at: "2026-11-20T12:00:00.000Z",
    approved: true,
    words: "You may say the fair went well.",
    writtenApprovalId: "WA-sample01",
  },
  pendingEffects: [],
  effectsPending: false,
};

const writtenApproval: WrittenApproval = {
  id: "WA-sample01",
  kind: "mediaReply",
  reference: enquiry.reference,
  grantedTo: "teacher-id",
  grantedBy: "head-id",
  grantedAt: "2026-11-20T12:00:00.000Z",
  wording: "You may say the fair went well.",
};

const policyVersion: PolicyVersionRecord = {
  label: "2026.2",
  effectiveFrom: "2026-12-01",
  publishedAt: "2026-11-20T09:00:00.000Z",
  publishedBy: "owner-id",
  summary: "Section 3 now says 'ask first' & <why>",
  document: {
    meta: {
      title: "Staff Social Media Policy",
      version: "2026.2",
      effectiveFrom: "2026-12-01",
      nextReview: "2027-12-01",
      owner: "headteacher",
    },
    sections: [{ id: "s1", heading: "Purpose", paragraphs: ["Why we have this policy."] }],
  },
};

const policyReview: PolicyReviewRecord = {
  version: "2026.2",
  reviewedAt: "2026-11-20T09:00:00.000Z",
  reviewedBy: "owner-id",
  nextReview: "2027-11-20",
};

const acknowledgement: AcknowledgementRecord = {
  version: "2026.2",
  aadObjectId: "teacher-id",
  acknowledgedAt: "2026-11-20T09:30:00.000Z",
  channel: "teams",
};

// An escalated question the policy owner answered and saved: every nullable field filled.
const askedQuestion: Journalled<AskedQuestion> = {
  id: "Q-sample01",
  askerId: "teacher-id",
  question: "Can I post a photo of 'Year 6' & <the> \"science fair\" on my own Instagram?",
  askedAt: "2026-11-20T09:00:00.000Z",
  policyVersion: "2026.2",
  answered: true,
  source: "policy",
  citedHeadings: ["Photographs of pupils"],
  shown: {
    citations: [
      {
        sectionId: "photographs-of-pupils",
        heading: "Photographs of pupils",
        quote: "Staff must not post images of pupils on personal accounts.",
        leadIn: "In all cases",
      },
    ],
    upcomingNote: null,
    curated: null,
    suggestions: [{ sectionId: "personal-accounts", heading: "Personal accounts" }],
  },
  feedback: "notHelpful",
  feedbackAt: "2026-11-20T09:05:00.000Z",
  escalation: "answered",
  escalatedAt: "2026-11-20T09:06:00.000Z",
  ownerAnswer: "No: not even with the parents' consent.",
  answeredBy: "owner-id",
  answeredByName: "Olive Owner",
  answeredAt: "2026-11-20T10:00:00.000Z",
  curatedAnswerId: "CA-Q-sample01",
  unanswered: false,
  pendingEffects: [],
  effectsPending: false,
};
const curatedAnswer: CuratedAnswerRecord = {
  id: "CA-Q-sample01",
  question: askedQuestion.question,
  answer: "No: not even with the parents' consent.",
  answeredBy: "Olive Owner",
  answeredById: "owner-id",
  answeredOn: "2026-11-20",
  createdFrom: askedQuestion.id,
  policyVersion: "2026.2",
  createdAt: "2026-11-20T10:00:00.000Z",
};

export const FEATURE_SAMPLES: Readonly<
  Record<string, { readonly id: string; readonly data: unknown }>
> = {
  writtenPermissions: { id: permission.id, data: permission },
  trainingRecords: { id: training.id, data: training },
  policyDrafts: { id: draft.label, data: draft },
  policySuggestions: { id: suggestion.id, data: suggestion },
  policyUploads: { id: upload.id, data: upload },
  postProposals: { id: post.id, data: post },
  postAudit: { id: "PA-sample01", data: postAudit },
  approverDeputies: { id: deputy.id, data: deputy },
  misuseCases: { id: misuseCase.reference, data: misuseCase },
  caseAudit: { id: "CA-sample01", data: caseAudit },
  counters: { id: "misuseReports", data: { name: "misuseReports", value: 42 } },
  purgedCaseCounts: {
    id: "2026-11:misuse:advice",
    data: { month: "2026-11", kind: "misuse", outcome: "advice", count: 3 },
  },
  mediaEnquiries: { id: enquiry.reference, data: enquiry },
  writtenApprovals: { id: writtenApproval.id, data: writtenApproval },
  policyVersions: { id: policyVersion.label, data: policyVersion },
  policyReviews: { id: "2026.2:2026-11-20", data: policyReview },
  acknowledgements: { id: "2026.2:teacher-id", data: acknowledgement },
  policyQuestions: { id: askedQuestion.id, data: askedQuestion },
  curatedAnswers: { id: curatedAnswer.id, data: curatedAnswer },
};
