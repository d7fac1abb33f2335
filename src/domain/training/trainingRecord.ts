import { hasRole, type Person } from "../people/person";
import { accept, refuse, type Decision } from "../result";

/*
 * "The Headteacher has responsibility for ensuring that any person who may be involved with
 * administration or investigations carried out under this policy receives regular and
 * appropriate training", and "may require you to undergo training before you use social media
 * on behalf of the School". A record says who, what, when and until when it counts.
 */
export const TRAINING_TOPICS = {
  speakingOnBehalf: "Using social media on behalf of the School",
  administrationAndInvestigations: "Administration and investigations under this policy",
  safeguardingOnline: "Safeguarding and social media",
} as const;
export type TrainingTopic = keyof typeof TRAINING_TOPICS;
export const TRAINING_TOPIC_NAMES = Object.keys(TRAINING_TOPICS) as TrainingTopic[];

export function isTrainingTopic(value: string): value is TrainingTopic {
  return Object.prototype.hasOwnProperty.call(TRAINING_TOPICS, value);
}

export interface TrainingRecord {
  readonly id: string;
  readonly personId: string;
  readonly topic: TrainingTopic;
  /** What was done ("Local authority course, half day"). */
  readonly detail: string;
  readonly completedOn: string;
  /** The last day it counts; "regular" training runs out. */
  readonly validUntil: string;
  readonly recordedBy: string;
  readonly recordedAt: string;
}

/** The Headteacher, and the policy owner who runs the policy with them. */
export function mayRecordTraining(person: Person): boolean {
  return hasRole(person, "headteacher") || hasRole(person, "aht-digital");
}

export function isCurrent(r: TrainingRecord, day: string): boolean {
  return r.completedOn <= day && day <= r.validUntil;
}

export function hasCurrentTraining(
  records: readonly TrainingRecord[],
  personId: string,
  topic: string,
  day: string,
): boolean {
  return records.some((r) => r.personId === personId && r.topic === topic && isCurrent(r, day));
}

/** Who handles cases needs current administration-and-investigations training. */
export const CASE_HANDLING_TOPIC: TrainingTopic = "administrationAndInvestigations";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function checkTraining(
  recorder: Person,
  input: { topic: string; detail: string; completedOn: string; validUntil: string },
  today: string,
): Decision<{ topic: TrainingTopic; detail: string; completedOn: string; validUntil: string }> {
  if (!mayRecordTraining(recorder))
    return refuse("TRAINING.ROLE", "Only the Headteacher or the policy owner records training.");
  if (!isTrainingTopic(input.topic))
    return refuse("TRAINING.TOPIC", "Choose what the training was.");
  if (!DAY.test(input.completedOn) || !DAY.test(input.validUntil))
    return refuse(
      "TRAINING.DATES",
      "Give the day it was completed and the last day it counts (YYYY-MM-DD).",
    );
  if (input.completedOn > today)
    return refuse("TRAINING.DATES", "Training is recorded once it has been done.");
  if (input.validUntil < input.completedOn)
    return refuse("TRAINING.DATES", "It cannot run out before it was completed.");
  return accept({
    topic: input.topic,
    detail: input.detail.trim(),
    completedOn: input.completedOn,
    validUntil: input.validUntil,
  });
}

/** Due: never trained on the topic, or the latest record runs out within `withinDays` of today. */
export function trainingDue(
  records: readonly TrainingRecord[],
  personId: string,
  topic: TrainingTopic,
  today: string,
  soon: string,
): { due: boolean; validUntil: string | null } {
  const mine = records.filter(
    (r) => r.personId === personId && r.topic === topic && r.completedOn <= today,
  );
  const latest =
    mine
      .map((r) => r.validUntil)
      .sort()
      .pop() ?? null;
  return { due: latest === null || latest <= soon, validUntil: latest };
}
