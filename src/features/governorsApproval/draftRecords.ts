import { z } from "zod";
import type { DraftStatus, GovernorsApproval } from "../../domain/policy/governorsApproval";
import type { PolicyDocument } from "../../domain/policy/policyDocument";
import type { Role } from "../../domain/people/person";
import { isRole } from "../../domain/people/person";
import type { RecordKind } from "../../ports";

/*
 * A new version before it is published: its whole text as prepared, the effective date the
 * policy owner proposed, and the governors' approval once the Chair records it. The id is the
 * version label, so one label has one draft.
 */
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
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

const schema = z.object({
  label: z.string().min(1).max(40),
  status: z.enum(["awaitingGovernors", "approved", "published", "withdrawn"]),
  createdAt: z.string(),
  createdBy: z.string(),
  effectiveFrom: day,
  summary: z.string().max(2000),
  document: z.object({ meta: metaSchema, sections: z.array(sectionSchema).min(1) }),
  /** Where it came from: "word" (a .docx sent in chat or to the CLI), "markdown", "card". */
  source: z.string().max(40),
  fileName: z.string().max(200).nullable(),
  approval: z
    .object({
      body: z.string().max(200),
      meeting: z.string().max(300),
      date: day,
      recordedBy: z.string(),
      recordedAt: z.string(),
    })
    .nullable(),
  publishedAt: z.string().nullable(),
  revision: z.number().int().min(1),
});

export interface PolicyDraft {
  readonly label: string;
  readonly status: DraftStatus;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly effectiveFrom: string;
  readonly summary: string;
  readonly document: {
    readonly meta: Record<string, unknown> & {
      title: string;
      version: string;
      effectiveFrom: string;
      nextReview: string;
      owner: string;
    };
    readonly sections: readonly { id: string; heading: string; paragraphs: readonly string[] }[];
  };
  readonly source: string;
  readonly fileName: string | null;
  readonly approval: GovernorsApproval | null;
  readonly publishedAt: string | null;
  readonly revision: number;
}

export const policyDraftKind: RecordKind<PolicyDraft> = {
  name: "policyDrafts",
  schema: schema as unknown as z.ZodType<PolicyDraft>,
  indexes: { status: "text", createdAt: "text", createdBy: "text" },
};

export function draftDocument(d: PolicyDraft): PolicyDocument {
  return {
    meta: {
      ...d.document.meta,
      owner: d.document.meta.owner as Role,
    } as unknown as PolicyDocument["meta"],
    sections: d.document.sections,
  };
}

export function toDraftDocument(doc: PolicyDocument): PolicyDraft["document"] {
  return {
    meta: { ...doc.meta },
    sections: doc.sections.map((s) => ({ ...s, paragraphs: [...s.paragraphs] })),
  };
}
