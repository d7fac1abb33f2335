import { z } from "zod";
import type { ApproverDeputy } from "../../domain/posts/approverDeputies";
import type { PostProposal } from "../../domain/posts/postProposal";
import type { RecordKind } from "../../ports";
import { effectJournalFields, effectJournalIndex } from "../../app/decisions";

const checklist = z.object({
  parentalPermission: z.boolean(),
  noIdentifyingInformation: z.boolean(),
  positiveAndRelevant: z.boolean(),
  approvedDevice: z.boolean(),
  deletedFromPersonalDevice: z.boolean(),
});

const schema = z.object({
  id: z.string(),
  authorId: z.string(),
  revision: z.number().int().min(1),
  text: z.string().max(2000),
  previousText: z.string().nullable(),
  accounts: z.array(z.string()),
  intendedDate: z.string(),
  imageLinks: z.array(z.string()),
  checklist,
  flags: z.array(
    z.object({ kind: z.enum(["email", "phone", "address", "name", "consent"]), text: z.string() }),
  ),
  sentAnywayReason: z.string().nullable(),
  consentOverride: z
    .object({ by: z.string(), reason: z.string(), at: z.string(), revision: z.number().int() })
    .nullable(),
  escalatedTo: z.array(z.string()),
  status: z.enum(["awaitingApproval", "changesRequested", "rejected", "readyToPost", "posted"]),
  decisions: z.array(
    z.object({
      key: z.enum(["aht-publicity", "headteacher"]),
      by: z.string(),
      decision: z.enum(["approve", "reject", "changes"]),
      comment: z.string(),
      revision: z.number().int(),
      at: z.string(),
      implicit: z.boolean().optional(),
      deputyFor: z.string().optional(),
    }),
  ),
  submittedAt: z.string(),
  postedLink: z.string().nullable(),
  postedAt: z.string().nullable(),
  postedBy: z.string().nullable(),
  // A decision's effects, on stores without transactions (app/decisions.ts).
  ...effectJournalFields,
}) satisfies z.ZodType<PostProposal>;

export const postProposalKind: RecordKind<PostProposal> = {
  name: "postProposals",
  schema: schema as z.ZodType<PostProposal>,
  indexes: { authorId: "text", status: "text", submittedAt: "text", ...effectJournalIndex },
};

/** Who did what to a post, from which card: the audit trail the policy's protocol implies. */
const auditSchema = z.object({
  postId: z.string(),
  at: z.string(),
  by: z.string(),
  action: z.string(),
  verb: z.string(),
});
export const postAuditKind: RecordKind<z.infer<typeof auditSchema>> = {
  name: "postAudit",
  schema: auditSchema,
  indexes: { postId: "text", at: "text" },
};

/** Deputies approvers named for a period (who, for which key, why); ended ones are kept. */
const deputySchema = z.object({
  id: z.string(),
  key: z.enum(["aht-publicity", "headteacher"]),
  approverId: z.string(),
  deputyId: z.string(),
  from: z.string(),
  until: z.string(),
  reason: z.string().max(300),
  namedAt: z.string(),
  endedAt: z.string().nullable(),
}) satisfies z.ZodType<ApproverDeputy>;
export const approverDeputyKind: RecordKind<ApproverDeputy> = {
  name: "approverDeputies",
  schema: deputySchema,
  indexes: { approverId: "text", deputyId: "text", until: "text" },
};

/** Delegations are audited in the post audit under this id, beside the posts' own entries. */
export const DEPUTIES_AUDIT_ID = "deputies";
