import type { Role } from "../../domain/people/person";
import type { MediaEnquiry } from "../../domain/reports/mediaEnquiry";
import type { MisuseCase, RemovalRequest } from "../../domain/reports/misuseCase";
import type { CardMessage } from "../../ports";

/*
 * What misuse reports and media enquiries show, in the policy's terms: the case, who may act on
 * it now and what happened. Use cases build these; the ReportCards port (the card side, ./cards)
 * turns them into Teams cards, so wording, template names, verbs and Teams' limits stay out of
 * here. The handler sees the whole case; the reporter only the reference, what they sent and the
 * status, never the outcome's details; a member asked to remove a posting only that request.
 */

/** The form a report starts on: misuse (or disparaging content), or a media enquiry. */
export interface ReportFormView {
  readonly kind: "misuse" | "mediaEnquiry";
  /** What the person already told in their own words, to start "What did you see" from. */
  readonly told?: string;
}

/** The media enquiry form; `told`, what the person already said of it, starts "What they asked". */
export interface MediaEnquiryFormView {
  readonly told?: string;
}

/** To the reporter: their report, as received, and the role it went to in confidence. */
export interface ReceiptView {
  readonly case: MisuseCase;
  readonly handlerRole: Role;
}

/** The names a case card shows: the reporter, the colleague concerned, and everyone it names. */
export interface CaseContext {
  readonly reporter: string;
  readonly subject: string;
  /** Display names by aadObjectId: the roster, for everyone the case's timeline names. */
  readonly names: ReadonlyMap<string, string>;
  readonly timeZone: string;
}

/** One reader's view of a case: the same facts for all, sharing offered only to its handlers. */
export interface CaseView extends CaseContext {
  readonly case: MisuseCase;
  readonly viewerId: string;
  readonly mayAcknowledge: boolean;
  readonly mayInvestigate: boolean;
  readonly mayShare: boolean;
  /** Who shared the case with this reader, and why, when it was shared with them. */
  readonly sharedWithViewer: { readonly by: string; readonly note: string } | null;
  /**
   * Whom the case may be shared with, from the roster: never the reporter, the subject, anyone
   * excluded, or anyone who can already read it.
   */
  readonly shareCandidates: readonly string[];
  /** Whom a removal may be asked of when the case names nobody: anyone but the reporter. */
  readonly removalCandidates: readonly string[];
  /** The colleague it was just shared with, by name, when they have no case-handling training on record. */
  readonly untrainedColleague?: string;
}

/** Who may do what on a case, as its reader: the case itself still decides each action. */
export function caseView(c: MisuseCase, viewerId: string, context: CaseContext): CaseView {
  const open = c.status !== "closed";
  const sharedEvent = c.sharedWith.includes(viewerId)
    ? [...c.history].reverse().find((e) => e.what === `shared with ${viewerId}`)
    : undefined;
  const readers = new Set([...c.handlerIds, ...c.sharedWith]);
  const ids = [...context.names.keys()];
  return {
    ...context,
    case: c,
    viewerId,
    mayAcknowledge: c.status === "received",
    mayInvestigate: open && c.status !== "investigating",
    mayShare: open && c.handlerIds.includes(viewerId),
    sharedWithViewer: sharedEvent ? { by: sharedEvent.by, note: sharedEvent.note ?? "" } : null,
    shareCandidates: ids.filter(
      (id) =>
        id !== c.reporterId &&
        id !== c.submission.subjectId &&
        !c.excludedIds.includes(id) &&
        !readers.has(id),
    ),
    removalCandidates: c.submission.subjectId ? [] : ids.filter((id) => id !== c.reporterId),
  };
}

/** To the reporter: a question from the person handling their report, to answer on the card. */
export interface ReporterQuestionView {
  readonly reference: string;
  readonly questionId: string;
  readonly question: string;
}

/** To the member asked to remove a posting: that request only, and whether it is answered or late. */
export interface RemovalRequestView {
  readonly reference: string;
  readonly removal: Pick<RemovalRequest, "id" | "what" | "deadline">;
  readonly timeZone: string;
  /** They confirmed removing it (the card they clicked, answered). */
  readonly answered?: boolean;
  /** The deadline passed without a confirmation: the reminder. */
  readonly late?: boolean;
}

/** What happened to a case, told as a message of its own beside the live cards. */
export type CaseNews =
  /** To the reporter: the status changed (never the outcome's details). */
  | { readonly kind: "statusChanged"; readonly case: MisuseCase }
  /** To the reporter: their answer was added to the case. */
  | { readonly kind: "answerAdded"; readonly reference: string }
  /** To every reader: the member confirmed removing the posting. */
  | {
      readonly kind: "removalConfirmed";
      readonly reference: string;
      readonly memberName: string;
      readonly removal: Pick<RemovalRequest, "what" | "confirmedAt">;
      readonly timeZone: string;
    }
  /** To a handler: the report still waits to be acknowledged. */
  | {
      readonly kind: "awaitingAcknowledgement";
      readonly reference: string;
      readonly workingHours: number;
    }
  /** To the Chair of Governors: the Headteacher has not acknowledged it (the reference only). */
  | {
      readonly kind: "acknowledgementOverdue";
      readonly reference: string;
      readonly workingHours: number;
    }
  /** To a handler: a removal's deadline passed a day ago without a confirmation. */
  | { readonly kind: "removalOverdue"; readonly reference: string; readonly deadline: string };

/** A media enquiry as the Headteacher sees it: open for a decision, or decided. */
export interface MediaEnquiryView {
  readonly enquiry: MediaEnquiry;
  readonly names: ReadonlyMap<string, string>;
  readonly timeZone: string;
}

/** What happened to a media enquiry, told to the member of staff who passed it on. */
export type MediaNews =
  | { readonly kind: "passedOn"; readonly reference: string }
  | {
      readonly kind: "decided";
      readonly enquiry: MediaEnquiry;
      readonly headName: string;
      readonly timeZone: string;
    };

/** The cards port of misuse reports and media enquiries: one method per template or message. */
export interface ReportCards {
  reportForm(view: ReportFormView): CardMessage;
  receipt(view: ReceiptView): CardMessage;
  caseCard(view: CaseView): CardMessage;
  reporterQuestion(view: ReporterQuestionView): CardMessage;
  removalRequest(view: RemovalRequestView): CardMessage;
  caseNews(news: CaseNews): CardMessage;
  mediaEnquiryForm(view?: MediaEnquiryFormView): CardMessage;
  mediaEnquiryCard(view: MediaEnquiryView): CardMessage;
  mediaNews(news: MediaNews): CardMessage;
}
