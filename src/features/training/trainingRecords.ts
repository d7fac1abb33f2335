import { z } from "zod";
import {
  hasCurrentTraining,
  TRAINING_TOPIC_NAMES,
  type TrainingRecord,
} from "../../domain/training/trainingRecord";
import { effectJournalFields, effectJournalIndex } from "../../app/decisions";
import type { AppServices } from "../../app/services";
import type { RecordKind } from "../../ports";
import { findAll } from "../../store/findAll";
import { today } from "../../domain/policy/policyVersion";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const schema = z.object({
  id: z.string(),
  personId: z.string(),
  topic: z.enum(TRAINING_TOPIC_NAMES as [string, ...string[]]),
  detail: z.string().max(500),
  completedOn: day,
  validUntil: day,
  recordedBy: z.string(),
  recordedAt: z.string(),
  // The trainee's message, on stores without transactions (app/decisions.ts).
  ...effectJournalFields,
});

export const trainingRecordKind: RecordKind<TrainingRecord> = {
  name: "trainingRecords",
  schema: schema as unknown as z.ZodType<TrainingRecord>,
  indexes: { personId: "text", topic: "text", validUntil: "text", ...effectJournalIndex },
};

/** Read-only query for other capabilities: does this person hold current training on the topic? */
export async function hasCurrentTrainingOn(
  services: Pick<AppServices, "store" | "clock" | "schoolTimeZone">,
  personId: string,
  topic: string,
): Promise<boolean> {
  const records = (
    await findAll(services.store.collection(trainingRecordKind), { where: { personId } })
  ).map((r) => r.data);
  return hasCurrentTraining(
    records,
    personId,
    topic,
    today(services.clock.now(), services.schoolTimeZone),
  );
}

export async function trainingOf(
  services: Pick<AppServices, "store">,
  personId: string,
): Promise<TrainingRecord[]> {
  return (
    await findAll(services.store.collection(trainingRecordKind), { where: { personId } })
  ).map((r) => r.data);
}
