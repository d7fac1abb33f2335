import { effectJournalFields, effectJournalIndex } from "../../app/decisions";
import { z } from "zod";
import type { Suggestion } from "../../domain/suggestions/suggestion";
import type { RecordKind } from "../../ports";

const schema = z.object({
  id: z.string(),
  suggesterId: z.string(),
  text: z.string().max(2000),
  policyVersion: z.string(),
  submittedAt: z.string(),
  status: z.enum(["open", "considered", "adopted", "notAdopted"]),
  answer: z
    .object({
      reason: z.string().max(1000),
      version: z.string().max(40).nullable(),
      by: z.string(),
      at: z.string(),
    })
    .nullable(),
  // An answer's message, on stores without transactions (app/decisions.ts).
  ...effectJournalFields,
});

export const suggestionKind: RecordKind<Suggestion> = {
  name: "policySuggestions",
  schema: schema as unknown as z.ZodType<Suggestion>,
  indexes: { suggesterId: "text", status: "text", submittedAt: "text", ...effectJournalIndex },
};
