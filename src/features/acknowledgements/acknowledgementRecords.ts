import { z } from "zod";
import type { AcknowledgementRecord } from "../../domain/acknowledgements/acknowledgement";
import type { RecordKind } from "../../ports";

const schema = z.object({
  version: z.string(),
  aadObjectId: z.string(),
  acknowledgedAt: z.string(),
  channel: z.string(),
});

export const acknowledgementKind: RecordKind<AcknowledgementRecord> = {
  name: "acknowledgements",
  schema,
  indexes: { version: "text", aadObjectId: "text", acknowledgedAt: "text" },
};

/** The outbox campaign that notifies everyone of a version: its delivered times are the proof of notice. */
export function noticeCampaign(version: string): string {
  return `notice:${version}`;
}

export function noticeKey(version: string, aadObjectId: string): string {
  return `notice:${version}:${aadObjectId}`;
}
