import { z } from "zod";
import { isRole, type Role } from "../../domain/people/person";
import type { PolicyDocument } from "../../domain/policy/policyDocument";
import type { PolicyVersion } from "../../domain/policy/policyVersion";
import type { RecordKind } from "../../ports";

/** Published versions, whole: the text staff acknowledged must be reproducible years later. */
const sectionSchema = z.object({
  id: z.string(),
  heading: z.string(),
  paragraphs: z.array(z.string()),
});
const metaSchema = z.looseObject({
  title: z.string(),
  version: z.string(),
  effectiveFrom: z.string(),
  nextReview: z.string(),
  owner: z.string().refine(isRole),
});

const versionSchema = z.object({
  label: z.string().min(1).max(40),
  effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  publishedAt: z.string(),
  publishedBy: z.string(),
  summary: z.string().max(2000),
  document: z.object({ meta: metaSchema, sections: z.array(sectionSchema).min(1) }),
});
export type PolicyVersionRecord = z.infer<typeof versionSchema>;

export const policyVersionKind: RecordKind<PolicyVersionRecord> = {
  name: "policyVersions",
  schema: versionSchema,
  indexes: { label: "text", effectiveFrom: "text", publishedAt: "text" },
};

export function toVersion(record: PolicyVersionRecord): PolicyVersion {
  const { meta, sections } = record.document;
  const document: PolicyDocument = {
    meta: { ...meta, owner: meta.owner as Role } as PolicyDocument["meta"],
    sections,
  };
  return { ...record, document };
}

/** Recorded annual reviews that changed nothing: they stop the review reminders until the next date. */
const reviewSchema = z.object({
  version: z.string(),
  reviewedAt: z.string(),
  reviewedBy: z.string(),
  nextReview: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});
export type PolicyReviewRecord = z.infer<typeof reviewSchema>;

export const policyReviewKind: RecordKind<PolicyReviewRecord> = {
  name: "policyReviews",
  schema: reviewSchema,
  indexes: { version: "text", nextReview: "text" },
};
