import { z } from "zod";
import {
  PERMISSION_KIND_NAMES,
  SUBJECT_TYPES,
  type PermissionRequest,
} from "../../domain/permissions/writtenPermission";
import { effectJournalFields, effectJournalIndex } from "../../app/decisions";
import type { RecordKind } from "../../ports";

/*
 * The register: one record per request, holding its whole trail (who decided, when, why; who
 * withdrew it; when the photos were confirmed deleted). `colleagueId` repeats the subject's id
 * so a colleague's consents can be found (and exported) by an indexed query.
 */
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const subject = z.union([
  z.object({ type: z.literal("colleague"), colleagueId: z.string() }),
  z.object({
    type: z.enum(SUBJECT_TYPES.filter((t) => t !== "colleague") as [string, ...string[]]),
    givenBy: z.string().max(200),
    evidence: z.string().max(500),
  }),
]);
const schema = z.object({
  id: z.string(),
  kind: z.enum(PERMISSION_KIND_NAMES as [string, ...string[]]),
  requesterId: z.string(),
  what: z.string().max(1000),
  where: z.string().max(300),
  from: day,
  until: day,
  subject: subject.nullable(),
  colleagueId: z.string().nullable(),
  status: z.enum(["pending", "awaitingTraining", "approved", "refused", "withdrawn", "cancelled"]),
  requestedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAs: z.string().nullable(),
  decidedAt: z.string().nullable(),
  reason: z.string().max(1000),
  trainingRequired: z.string().nullable(),
  withdrawnBy: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  withdrawalReason: z.string().max(1000),
  deletionConfirmedAt: z.string().nullable(),
  revision: z.number().int().min(1),
  // A decision's messages, on stores without transactions (app/decisions.ts).
  ...effectJournalFields,
});

export type PermissionRecord = PermissionRequest & {
  readonly colleagueId: string | null;
  readonly pendingEffects?: readonly { kind: string; id: string; data?: unknown }[];
  readonly effectsPending?: boolean;
};

export const permissionKind: RecordKind<PermissionRecord> = {
  name: "writtenPermissions",
  schema: schema as unknown as z.ZodType<PermissionRecord>,
  indexes: {
    requesterId: "text",
    colleagueId: "text",
    kind: "text",
    status: "text",
    until: "text",
    ...effectJournalIndex,
  },
};

export function toRecord(p: PermissionRequest): PermissionRecord {
  return { ...p, colleagueId: p.subject?.type === "colleague" ? p.subject.colleagueId : null };
}
