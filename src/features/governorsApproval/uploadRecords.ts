import { z } from "zod";
import type { RecordKind } from "../../ports";

/*
 * A Word master sent to the bot, read and waiting for the owner's preview to be confirmed: the
 * preview card carries only this id, and sending it re-reads the text from here. Kept a month.
 */
const schema = z.object({
  id: z.string(),
  uploaderId: z.string(),
  fileName: z.string().max(200),
  /** The sections as Markdown, converted from the .docx (the cover page left out). */
  text: z.string().max(500_000),
  header: z.object({
    label: z.string().optional(),
    effectiveFrom: z.string().optional(),
    summary: z.string().optional(),
  }),
  ignored: z.array(z.string()),
  uploadedAt: z.string(),
  sentAs: z.string().nullable(),
});
export type PolicyUpload = z.infer<typeof schema>;

export const policyUploadKind: RecordKind<PolicyUpload> = {
  name: "policyUploads",
  schema,
  indexes: { uploaderId: "text", uploadedAt: "text" },
};

export const UPLOAD_RETENTION_DAYS = 30;
