import { z } from "zod";
import { accept, refuse, type Decision } from "../result";
import type { Person } from "../people/person";

/*
 * "If you are contacted for comments about the School for publication anywhere ... you must
 * direct the inquiry to the Headteacher and must not respond without advanced written
 * approval." A media enquiry is its own kind: who called, from which outlet, what they asked,
 * by when; the Headteacher approves a reply (in writing: the words that may be said) or
 * declines it.
 */

/** The longest "what they asked" an enquiry keeps. */
export const MAX_ENQUIRY_QUESTION = 2000;

export type MediaEnquiryStatus = "received" | "replyApproved" | "replyDeclined";

export const mediaEnquirySubmissionSchema = z.object({
  caller: z
    .string()
    .trim()
    .min(2, "say who contacted you")
    .max(200, "must be at most 200 characters"),
  outlet: z
    .string()
    .trim()
    .min(2, "say which newspaper, station or site")
    .max(200, "must be at most 200 characters"),
  question: z
    .string()
    .trim()
    .min(5, "say what they asked")
    .max(MAX_ENQUIRY_QUESTION, "must be at most 2,000 characters"),
  /** School-local date (yyyy-mm-dd) by which they want an answer, if they said. */
  deadline: z
    .union([z.literal(""), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date")])
    .default(""),
});
export type MediaEnquirySubmission = z.infer<typeof mediaEnquirySubmissionSchema>;

export interface MediaEnquiryDecision {
  readonly by: string;
  readonly at: string;
  readonly approved: boolean;
  /** Approved: the words the member of staff may use. Declined: why not. */
  readonly words: string;
  /** The written approval record this decision created (approved only). */
  readonly writtenApprovalId: string | null;
}

export interface MediaEnquiry {
  readonly reference: string;
  readonly staffId: string;
  readonly submission: MediaEnquirySubmission;
  readonly receivedAt: string;
  readonly handlerIds: readonly string[];
  readonly status: MediaEnquiryStatus;
  readonly decision: MediaEnquiryDecision | null;
}

type DecideRefusal = "MEDIA.NOT_HANDLER" | "MEDIA.DECIDED" | "MEDIA.WORDS";

export function decideMediaReply(
  e: MediaEnquiry,
  by: Person,
  approved: boolean,
  words: string,
  at: string,
  writtenApprovalId: string | null,
): Decision<MediaEnquiry, DecideRefusal> {
  if (!e.handlerIds.includes(by.aadObjectId) || !by.roles.includes("headteacher"))
    return refuse("MEDIA.NOT_HANDLER", "Only the Headteacher approves replies to the media.");
  if (e.status !== "received")
    return refuse("MEDIA.DECIDED", `Enquiry ${e.reference} has already been answered.`);
  if (words.trim().length < 3) {
    return refuse(
      "MEDIA.WORDS",
      approved
        ? "Write what they may say: that is the written approval the policy requires."
        : "Say why they should not respond, or what to tell the caller.",
    );
  }
  return accept({
    ...e,
    status: approved ? "replyApproved" : "replyDeclined",
    decision: {
      by: by.aadObjectId,
      at,
      approved,
      words: words.trim(),
      writtenApprovalId: approved ? writtenApprovalId : null,
    },
  });
}
