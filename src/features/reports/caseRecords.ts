import { z } from "zod";
import type { MisuseCase } from "../../domain/reports/misuseCase";
import { reportSubmissionSchema } from "../../domain/reports/misuseReport";
import type { Collection, RecordKind } from "../../ports";
import { updateWithRetry } from "../../store/updateWithRetry";
import { effectJournalFields, effectJournalIndex } from "../../app/decisions";

/*
 * Misuse cases, their audit trail (who read or changed what, when: never the report's text),
 * the reference counter, and the anonymised counts that remain after a purge.
 */
const eventSchema = z.object({
  at: z.string(),
  by: z.string(),
  what: z.string(),
  note: z.string().optional(),
});
const caseSchema = z.object({
  reference: z.string(),
  reporterId: z.string(),
  submission: reportSubmissionSchema,
  receivedAt: z.string(),
  handlerRole: z.string(),
  handlerIds: z.array(z.string()),
  excludedIds: z.array(z.string()),
  sharedWith: z.array(z.string()),
  status: z.enum(["received", "acknowledged", "investigating", "closed"]),
  acknowledgedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  outcome: z.enum(["noBreach", "advice", "formal", "referred"]).nullable(),
  outcomeNote: z.string().nullable(),
  questions: z.array(
    z.object({
      id: z.string(),
      question: z.string(),
      askedAt: z.string(),
      reply: z.string().nullable(),
      repliedAt: z.string().nullable(),
    }),
  ),
  removals: z.array(
    z.object({
      id: z.string(),
      memberId: z.string(),
      what: z.string(),
      deadline: z.string(),
      requestedAt: z.string(),
      confirmedAt: z.string().nullable(),
      escalatedAt: z.string().nullable(),
    }),
  ),
  history: z.array(eventSchema),
  // A decision's effects, on stores without transactions (app/decisions.ts).
  ...effectJournalFields,
}) satisfies z.ZodType<MisuseCase>;

export const misuseCaseKind: RecordKind<MisuseCase> = {
  name: "misuseCases",
  schema: caseSchema as z.ZodType<MisuseCase>,
  indexes: {
    reporterId: "text",
    status: "text",
    handlerRole: "text",
    receivedAt: "text",
    closedAt: "text",
    ...effectJournalIndex,
  },
};

const auditSchema = z.object({
  caseReference: z.string(),
  at: z.string(),
  by: z.string(),
  action: z.string(),
});
export type CaseAudit = z.infer<typeof auditSchema>;
export const caseAuditKind: RecordKind<CaseAudit> = {
  name: "caseAudit",
  schema: auditSchema,
  indexes: { caseReference: "text", at: "text", by: "text" },
};

const counterSchema = z.object({ name: z.string(), value: z.number().int().min(0) });
export const counterKind: RecordKind<z.infer<typeof counterSchema>> = {
  name: "counters",
  schema: counterSchema,
  indexes: { name: "text" },
};

const countSchema = z.object({
  month: z.string(),
  kind: z.string(),
  outcome: z.string(),
  count: z.number().int().min(0),
});
export const purgedCaseCountKind: RecordKind<z.infer<typeof countSchema>> = {
  name: "purgedCaseCounts",
  schema: countSchema,
  indexes: { month: "text", kind: "text" },
};

/** Next number of a named sequence, by compare-and-set: unique across instances. */
export async function nextInSequence(
  counters: Collection<z.infer<typeof counterSchema>>,
  name: string,
): Promise<number> {
  // Many reports at once all want the next number: more tries than a person's decision gets.
  const taken = await updateWithRetry(
    counters,
    name,
    (current) => {
      const value = (current?.data.value ?? 0) + 1;
      return { write: { name, value }, result: value };
    },
    { attempts: 20 },
  );
  if (!taken.ok) throw new Error(`Could not take the next number of ${name}`);
  return taken.result;
}
