import { LISTED_PEOPLE_MAX } from "../../../app/people/findColleagues";
import { shortened } from "../../../app/shortened";
import { readableDate, readableDateTime } from "../../../app/ukDates";
import { ROLE_TITLES } from "../../../domain/people/person";
import { MAX_ENQUIRY_QUESTION, type MediaEnquiry } from "../../../domain/reports/mediaEnquiry";
import type { CaseEvent, MisuseCase } from "../../../domain/reports/misuseCase";
import {
  CONCERNS,
  MAX_WHAT_WAS_SEEN,
  OUTCOMES,
  POLICY_RULES,
  REPORT_KINDS,
} from "../../../domain/reports/misuseReport";
import { TRAINING_TOPICS, CASE_HANDLING_TOPIC } from "../../../domain/training/trainingRecord";
import type { CardMessage } from "../../../ports";
import type {
  CaseNews,
  CaseView,
  MediaEnquiryFormView,
  MediaEnquiryView,
  MediaNews,
  ReceiptView,
  RemovalRequestView,
  ReportCards,
  ReportFormView,
  ReporterQuestionView,
} from "../reportViews";
import { CASE_VERBS, MEDIA_VERBS } from "./reportVerbs";

/*
 * The Teams side of the ReportCards port: each view becomes the data of its template
 * (caseCard.json, reportForm.json, removalRequest.json, reporterQuestion.json, the media
 * enquiry form and card) or a shared notice or summary. A case card repeats only the latest of
 * what grows (timeline, questions, removals), each shortened: the case keeps them all.
 */

const STATUS_WORDS = {
  received: "Received",
  acknowledged: "Acknowledged",
  investigating: "Being investigated",
  closed: "Closed",
} as const;

const FORMER = "A former member of staff";

/** Question rounds and removal requests a case card shows (the latest), and how long each may be. */
export const CASE_CARD_ROUNDS = 3;
/** Names a case card lists under "Shared with" before "and N more". */
export const CASE_CARD_NAMES = 5;
/** Timeline lines a case card shows (the latest). */
export const CASE_CARD_EVENTS = 10;

const notice = (title: string, message: string, tone: "good" | "attention" | ""): CardMessage => ({
  template: "notice",
  data: { title, message, tone },
});

/** The colleague concerned is chosen with a people picker that searches the roster as they type. */
function reportForm({ kind, told }: ReportFormView): CardMessage {
  return {
    template: "reportForm",
    data: {
      whatWasSeen: (told ?? "").slice(0, MAX_WHAT_WAS_SEEN),
      title: kind === "mediaEnquiry" ? "Report a media enquiry" : "Report social media misuse",
      kind,
      // Media enquiries have their own short form ("media enquiry").
      kinds: Object.entries(REPORT_KINDS)
        .filter(([value]) => value !== "mediaEnquiry")
        .map(([value, title]) => ({ value, title })),
      concerns: Object.entries(CONCERNS).map(([value, title]) => ({ value, title })),
      rules: Object.entries(POLICY_RULES).map(([value, title]) => ({ value, title })),
      verb: CASE_VERBS.submit,
    },
  };
}

function receipt({ case: c, handlerRole }: ReceiptView): CardMessage {
  return {
    template: "summary",
    data: {
      title: `Report ${c.reference} received`,
      message: `Your report has been sent in confidence to the ${ROLE_TITLES[handlerRole]}. You will be told when its status changes. Keep the reference ${c.reference}.`,
      facts: [
        { title: "Type", value: REPORT_KINDS[c.submission.kind] },
        { title: "What you saw", value: c.submission.whatWasSeen },
        { title: "Where", value: c.submission.where },
        { title: "When", value: c.submission.when },
        { title: "Concerns", value: c.submission.concerns.map((x) => CONCERNS[x]).join(", ") },
        ...(c.submission.rules.length
          ? [{ title: "Rules", value: c.submission.rules.map((r) => POLICY_RULES[r]).join("; ") }]
          : []),
        { title: "Urgent", value: c.submission.urgent ? "Yes" : "No" },
      ],
      actionTitle: "",
      actionUrl: "",
    },
  };
}

/** A timeline line for an event, in words; the handler's private notes stay off it. */
function eventWords(
  e: CaseEvent,
  names: ReadonlyMap<string, string>,
  c: MisuseCase,
  zone: string,
): string {
  const name = (id: string) => names.get(id) ?? FORMER;
  if (e.what === "reported") return "Received";
  if (e.what === "acknowledged") return `Acknowledged by ${name(e.by)}`;
  if (e.what === "investigating") return `Marked as investigating by ${name(e.by)}`;
  if (e.what === "asked the reporter a question")
    return `${name(e.by)} asked the reporter a question`;
  if (e.what === "reporter replied") return "The reporter replied";
  if (e.what === "asked for a posting to be removed") {
    const r = c.removals.find((x) => x.requestedAt === e.at);
    return `${name(e.by)} asked ${r ? name(r.memberId) : "a colleague"} to remove a posting${r ? ` by ${readableDate(r.deadline, zone)}` : ""}`;
  }
  if (e.what === "confirmed the posting was removed")
    return `${name(e.by)} confirmed the posting was removed`;
  if (e.what.startsWith("shared with "))
    return `${name(e.by)} shared the case with ${name(e.what.slice("shared with ".length))}`;
  if (e.what.startsWith("closed: ")) return `Closed by ${name(e.by)}`;
  return e.what;
}

/** Links the reporter gave (evidence, where it was), opened with a click; anything else stays text. */
export function linksIn(...texts: string[]): { title: string; linkUrl: string }[] {
  const found = new Map<string, string>();
  for (const text of texts) {
    for (const m of text.matchAll(/https:\/\/[^\s<>"']+/g)) {
      try {
        const url = new URL(m[0].replace(/[.,;)]+$/, ""));
        found.set(
          url.toString(),
          `Open ${url.hostname}${url.pathname.length > 1 ? url.pathname.slice(0, 30) : ""}`,
        );
      } catch {
        // Not a link after all: it stays in the text.
      }
    }
  }
  return [...found].slice(0, 10).map(([linkUrl, title]) => ({ title, linkUrl }));
}

/** People offered in a choice set, by name. */
function choices(ids: readonly string[], names: ReadonlyMap<string, string>) {
  return ids
    .map((value) => ({ title: names.get(value) ?? FORMER, value }))
    .sort((a, b) => a.title.localeCompare(b.title));
}

function caseCard(view: CaseView): CardMessage {
  const c = view.case;
  const open = c.status !== "closed";
  const shownShares = c.sharedWith
    .slice(0, CASE_CARD_NAMES)
    .map((id) => view.names.get(id) ?? FORMER);
  const moreShares = c.sharedWith.length - shownShares.length;
  const sharedWith = [...shownShares, ...(moreShares > 0 ? [`${moreShares} more`] : [])].join(", ");
  const shared = view.sharedWithViewer;
  const sharer = shared ? (view.names.get(shared.by) ?? FORMER) : "";
  const zone = view.timeZone;
  // The colleague a removal request can go to: the person the case is about, chosen, not typed.
  const memberChoices = c.submission.subjectId
    ? [{ title: view.subject || FORMER, value: c.submission.subjectId }]
    : [];
  // A small school's roster is listed in the card; a large one's is found by the picker's search.
  const shareListed = view.names.size <= LISTED_PEOPLE_MAX;
  const shareChoices = shareListed ? choices(view.shareCandidates, view.names) : [];
  // A case that names nobody: the colleague to ask for a removal is chosen the same way.
  const removalChoices =
    shareListed && memberChoices.length === 0 ? choices(view.removalCandidates, view.names) : [];
  const links = linksIn(c.submission.evidence, c.submission.where);
  return {
    template: "caseCard",
    data: {
      reference: c.reference,
      caseId: c.reference,
      urgent: c.submission.urgent,
      status: STATUS_WORDS[c.status],
      received: readableDateTime(c.receivedAt, zone),
      open,
      canAcknowledge: view.mayAcknowledge,
      canInvestigate: view.mayInvestigate,
      canShare: view.mayShare,
      shareListed,
      shareChoices,
      removalChoices,
      sharedWith,
      sharedNote: shared
        ? `${sharer} shared this case with you${shared.note ? `: ${shared.note}` : "."}`
        : "",
      kind: REPORT_KINDS[c.submission.kind],
      reporter: view.reporter,
      subject: view.subject,
      whatWasSeen: c.submission.whatWasSeen,
      where: c.submission.where,
      when: c.submission.when,
      concerns: c.submission.concerns.map((x) => CONCERNS[x]).join(", "),
      rules: c.submission.rules.map((r) => POLICY_RULES[r]).join("; ") || "None given",
      evidence: c.submission.evidence || "None given",
      links,
      hasLinks: links.length > 0,
      timeline: [
        ...(c.history.length > CASE_CARD_EVENTS
          ? [
              {
                when: "Earlier",
                what: `${c.history.length - CASE_CARD_EVENTS} more events, kept with the case`,
              },
            ]
          : []),
        ...c.history.slice(-CASE_CARD_EVENTS).map((e) => ({
          when: readableDateTime(e.at, zone),
          what: eventWords(e, view.names, c, zone),
        })),
      ],
      answers: [
        ...(c.questions.length > CASE_CARD_ROUNDS
          ? [
              {
                question: "Earlier questions",
                reply: `${c.questions.length - CASE_CARD_ROUNDS} more, kept with the case`,
              },
            ]
          : []),
        ...c.questions.slice(-CASE_CARD_ROUNDS).map((q) => ({
          question: shortened(q.question),
          reply: q.reply === null ? "(no reply yet)" : shortened(q.reply),
        })),
      ],
      hasAnswers: c.questions.length > 0,
      removals: c.removals.slice(-CASE_CARD_ROUNDS).map((r) => ({
        what: shortened(r.what),
        state: r.confirmedAt
          ? `removed, confirmed on ${readableDateTime(r.confirmedAt, zone)}`
          : `to be removed by ${readableDate(r.deadline, zone)}`,
      })),
      hasRemovals: c.removals.length > 0,
      memberChoices,
      hasMemberChoices: memberChoices.length > 0,
      outcome: c.outcome
        ? `${OUTCOMES[c.outcome]}${c.outcomeNote ? `: ${shortened(c.outcomeNote)}` : ""}`
        : "",
      outcomes: Object.entries(OUTCOMES).map(([value, title]) => ({ value, title })),
      verbs: CASE_VERBS,
      // "…receives regular and appropriate training": said when the colleague has none on record.
      ...(view.untrainedColleague !== undefined
        ? {
            trainingWarning: `${view.untrainedColleague} has no current training in ${TRAINING_TOPICS[CASE_HANDLING_TOPIC].toLowerCase()} on record. The Headteacher ensures anyone involved in investigations under this policy is trained.`,
          }
        : {}),
    },
  };
}

function reporterQuestion(view: ReporterQuestionView): CardMessage {
  return {
    template: "reporterQuestion",
    data: {
      reference: view.reference,
      caseId: view.reference,
      questionId: view.questionId,
      question: view.question,
      verb: CASE_VERBS.reply,
    },
  };
}

function removalRequest(view: RemovalRequestView): CardMessage {
  return {
    template: "removalRequest",
    data: {
      reference: view.reference,
      caseId: view.reference,
      removalId: view.removal.id,
      what: view.removal.what,
      deadline: readableDate(view.removal.deadline, view.timeZone),
      answered: view.answered ?? false,
      verb: CASE_VERBS.confirmRemoval,
      ...(view.late ? { late: true } : {}),
    },
  };
}

function caseNews(news: CaseNews): CardMessage {
  switch (news.kind) {
    case "statusChanged": {
      const c = news.case;
      const words = STATUS_WORDS[c.status].toLowerCase();
      return notice(
        `Your report ${c.reference}: ${words}`,
        c.status === "closed"
          ? "The case is now closed. Thank you for reporting it. The outcome stays confidential."
          : `The person handling your report has marked it as ${words}.`,
        c.status === "closed" ? "good" : "",
      );
    }
    case "answerAdded":
      return notice(
        `Thank you: your answer was added to report ${news.reference}`,
        "It has been passed to the person handling your report.",
        "good",
      );
    case "removalConfirmed":
      return notice(
        `Case ${news.reference}: the posting was removed`,
        `${news.memberName} confirmed on ${readableDateTime(news.removal.confirmedAt!, news.timeZone)} that they removed: ${news.removal.what}`,
        "good",
      );
    case "awaitingAcknowledgement":
      return notice(
        `Report ${news.reference} is waiting to be acknowledged`,
        `It was received ${Math.floor(news.workingHours)} working hours ago. Please acknowledge it on its card.`,
        "attention",
      );
    case "acknowledgementOverdue":
      return notice(
        `Report ${news.reference} has not been acknowledged`,
        `A confidential report has waited ${Math.floor(news.workingHours)} working hours for the Headteacher to acknowledge it.`,
        "attention",
      );
    case "removalOverdue":
      return notice(
        `A removal request in case ${news.reference} is overdue`,
        `The member of staff has not confirmed removing the posting by ${news.deadline.slice(0, 16).replace("T", " ")}.`,
        "attention",
      );
  }
}

function enquiryFacts(e: MediaEnquiry, staffName: string, zone: string) {
  return {
    reference: e.reference,
    enquiryId: e.reference,
    staff: staffName,
    caller: e.submission.caller,
    outlet: e.submission.outlet,
    question: e.submission.question,
    deadline: e.submission.deadline ? readableDate(e.submission.deadline, zone) : "Not given",
    received: readableDateTime(e.receivedAt, zone),
  };
}

function mediaEnquiryCard({ enquiry: e, names, timeZone: zone }: MediaEnquiryView): CardMessage {
  const name = (id: string) => names.get(id) ?? FORMER;
  const d = e.decision;
  return {
    template: "mediaEnquiryCard",
    data: {
      ...enquiryFacts(e, name(e.staffId), zone),
      open: e.status === "received",
      status:
        e.status === "received"
          ? "Waiting for your decision"
          : e.status === "replyApproved"
            ? "Reply approved"
            : "Reply declined",
      decisionLine: d
        ? `${d.approved ? "Reply approved in writing" : "Reply declined"} by ${name(d.by)} on ${readableDateTime(d.at, zone)}: ${d.words}`
        : "",
      verbs: MEDIA_VERBS,
    },
  };
}

function mediaNews(news: MediaNews): CardMessage {
  if (news.kind === "passedOn")
    return notice(
      `Media enquiry ${news.reference} passed on to the Headteacher`,
      "Please do not respond to the caller until you have the Headteacher's written approval: it will come to you in this chat.",
      "good",
    );
  const e = news.enquiry;
  const d = e.decision!;
  return d.approved
    ? notice(
        `Written approval to reply to ${e.submission.outlet} (${e.reference})`,
        `${news.headName}, Headteacher, approved on ${readableDateTime(d.at, news.timeZone)} that you may reply with: ${d.words}`,
        "good",
      )
    : notice(
        `Do not respond to ${e.submission.outlet} (${e.reference})`,
        `${news.headName}, Headteacher: ${d.words}`,
        "attention",
      );
}

/** The misuse report and media enquiry cards as Teams shows them: templates with their data. */
export const teamsReportCards: ReportCards = {
  reportForm,
  receipt,
  caseCard,
  reporterQuestion,
  removalRequest,
  caseNews,
  mediaEnquiryForm: ({ told }: MediaEnquiryFormView = {}): CardMessage => ({
    template: "mediaEnquiryForm",
    data: { verb: MEDIA_VERBS.submit, question: (told ?? "").slice(0, MAX_ENQUIRY_QUESTION) },
  }),
  mediaEnquiryCard,
  mediaNews,
};
