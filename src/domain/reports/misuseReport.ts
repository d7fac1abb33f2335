import { z } from "zod";

/*
 * A report of social media misuse, in the policy's terms: "any misuse of social media should be
 * reported to the Headteacher in the first instance"; content that disparages the School must be
 * reported "without unreasonable delay"; enquiries "for publication" go to the Headteacher.
 */
export const REPORT_KINDS = {
  misuse: "Misuse of social media by a member of staff",
  disparaging:
    "Content that disparages or reflects poorly on the School, its staff, pupils or parents",
  mediaEnquiry: "A media enquiry (contacted for comments about the School for publication)",
} as const;
export type ReportKind = keyof typeof REPORT_KINDS;

export const CONCERNS = {
  colleague: "A colleague",
  pupil: "A pupil",
  parent: "A parent or carer",
  school: "The School",
  headteacher: "The Headteacher",
  other: "Someone or something else",
} as const;
export type Concern = keyof typeof CONCERNS;

/** The rules a report may say were breached, worded as the policy words them. */
export const POLICY_RULES = {
  a: "a) Breach our Acceptable Use of ICT policy",
  b: "b) Breach our obligations with respect to the rules of relevant regulatory bodies",
  c: "c) Breach any obligations they may have relating to confidentiality",
  d: "d) Breach our Disciplinary Rules",
  e: "e) Defame or disparage the School, its Staff, its pupils or parents, its affiliates, partners, suppliers, vendors or other stakeholders",
  f: "f) Harass or bully other Staff in any way or breach our HR Policy Suite",
  g: "g) Unlawfully discriminate against other Staff or third parties or breach our Equality Information and objectives policy",
  h: "h) Breach our Data protection policy",
  i: "i) Breach any other laws or ethical standards",
  photos: "Photographs for use of Social Media",
  protocol: "Staff Protocol for use of Social Media",
  references: "Providing references on social or professional networking sites",
  logos: "Respecting intellectual property and confidential information",
  respect: "Respecting colleagues, pupils, parents, clients, service providers and stakeholders",
} as const;
export type PolicyRule = keyof typeof POLICY_RULES;

export const OUTCOMES = {
  noBreach: "No breach found",
  advice: "Advice given",
  formal: "Formal process started",
  referred: "Referred elsewhere",
} as const;
export type Outcome = keyof typeof OUTCOMES;

const keysOf = <T extends Record<string, string>>(o: T) =>
  Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

/** A text limit said, not silently applied: "What you saw is 5,000 characters; the limit is 4,000." */
const limited = (label: string, max: number, min = 0, minMessage = "") =>
  z
    .string()
    .trim()
    .superRefine((v, ctx) => {
      if (v.length > max) {
        ctx.addIssue({
          code: "custom",
          message: `${label} is ${v.length.toLocaleString("en-GB")} characters; the limit is ${max.toLocaleString("en-GB")}. Nothing was sent: shorten it and send it again.`,
        });
      } else if (v.length < min) ctx.addIssue({ code: "custom", message: minMessage });
    });

/** The longest account of what was seen a report keeps. */
export const MAX_WHAT_WAS_SEEN = 4000;

/** What a reporter submits; every field bounded, so 100 KB of text is refused, not stored. */
export const reportSubmissionSchema = z.object({
  kind: z.enum(keysOf(REPORT_KINDS)),
  whatWasSeen: limited(
    "What you saw",
    MAX_WHAT_WAS_SEEN,
    10,
    "Say what you saw (at least a sentence).",
  ),
  where: limited("Where", 500, 2, "Say where it was (a link or the platform)."),
  when: limited("When", 100, 1, "Say when you saw it."),
  concerns: z
    .array(z.enum(keysOf(CONCERNS)))
    .min(1, "Say who or what it concerns.")
    .max(6),
  /** The colleague it concerns, by roster id, if any. */
  subjectId: z.string().max(100).optional(),
  rules: z
    .array(z.enum(keysOf(POLICY_RULES)))
    .max(14)
    .default([]),
  urgent: z.boolean().default(false),
  evidence: limited("Evidence", 2000).default(""),
});
export type ReportSubmission = z.infer<typeof reportSubmissionSchema>;
