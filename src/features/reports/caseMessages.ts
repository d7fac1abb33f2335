import { LISTED_PEOPLE_MAX } from "../../app/people/findColleagues";
import { shortened } from "../../app/shortened";
import { CONCERNS, OUTCOMES, POLICY_RULES, REPORT_KINDS } from "../../domain/reports/misuseReport";
import type { CaseEvent, MisuseCase } from "../../domain/reports/misuseCase";
import type { CardMessage } from "../../ports";
import { readableDate, readableDateTime } from "../../app/ukDates";

/*
 * What each person sees of a case. The handler sees it all; the reporter sees the reference,
 * what they sent and the status, never the outcome's details; a member asked to remove a
 * posting sees only that request.
 */
export const CASE_VERBS = {
  submit: "submitReport",
  acknowledge: "caseAcknowledge",
  investigate: "caseInvestigate",
  ask: "caseAskReporter",
  removal: "caseRequestRemoval",
  close: "caseClose",
  share: "caseShare",
  reply: "caseReply",
  confirmRemoval: "caseConfirmRemoval",
} as const;

const STATUS_WORDS = {
  received: "Received",
  acknowledged: "Acknowledged",
  investigating: "Being investigated",
  closed: "Closed",
} as const;

/** The colleague concerned is chosen with a people picker that searches the roster as they type. */
export function reportFormCard(kind: "misuse" | "mediaEnquiry"): CardMessage {
  return {
    template: "reportForm",
    data: {
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

export function receiptCard(c: MisuseCase, handlerTitle: string): CardMessage {
  return {
    template: "summary",
    data: {
      title: `Report ${c.reference} received`,
      message: `Your report has been sent in confidence to ${handlerTitle}. You will be told when its status changes. Keep the reference ${c.reference}.`,
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

/** The names a case card shows: the reporter, the colleague concerned, and everyone who can read it. */
export interface CasePeople {
  readonly reporter: string;
  readonly subject: string;
  /** Display names by aadObjectId: the roster, for everyone the case's timeline names. */
  readonly names: ReadonlyMap<string, string>;
  readonly timeZone: string;
}

const FORMER = "A former member of staff";

/** Question rounds and removal requests a case card shows (the latest), and how long each may be. */
export const CASE_CARD_ROUNDS = 3;
/** Names a case card lists under "Shared with" before "and N more". */
export const CASE_CARD_NAMES = 5;
/** Timeline lines a case card shows (the latest). */
export const CASE_CARD_EVENTS = 10;

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

/** The case as its reader sees it: the same facts for all, sharing offered only to its handlers. */
export function handlerCard(c: MisuseCase, people: CasePeople, viewerId: string): CardMessage {
  const open = c.status !== "closed";
  const shownShares = c.sharedWith
    .slice(0, CASE_CARD_NAMES)
    .map((id) => people.names.get(id) ?? FORMER);
  const moreShares = c.sharedWith.length - shownShares.length;
  const sharedWith = [...shownShares, ...(moreShares > 0 ? [`${moreShares} more`] : [])].join(", ");
  const sharedEvent = c.sharedWith.includes(viewerId)
    ? [...c.history].reverse().find((e) => e.what === `shared with ${viewerId}`)
    : undefined;
  const sharer = sharedEvent ? (people.names.get(sharedEvent.by) ?? FORMER) : "";
  const zone = people.timeZone;
  // The colleague a removal request can go to: the person the case is about, chosen, not typed.
  const memberChoices = c.submission.subjectId
    ? [{ title: people.subject || FORMER, value: c.submission.subjectId }]
    : [];
  // Whom the case can be shared with: chosen from the roster (a small school's listed, a large
  // one's found by the picker's search), never the reporter, the subject or anyone excluded.
  const shareListed = people.names.size <= LISTED_PEOPLE_MAX;
  const shareChoices = shareListed
    ? [...people.names.entries()]
        .filter(
          ([id]) =>
            id !== c.reporterId &&
            id !== c.submission.subjectId &&
            !c.excludedIds.includes(id) &&
            !c.handlerIds.includes(id) &&
            !c.sharedWith.includes(id),
        )
        .map(([value, title]) => ({ title, value }))
        .sort((a, b) => a.title.localeCompare(b.title))
    : [];
  // A case that names nobody: the colleague to ask for a removal is chosen the same way.
  const removalChoices =
    shareListed && memberChoices.length === 0
      ? [...people.names.entries()]
          .filter(([id]) => id !== c.reporterId)
          .map(([value, title]) => ({ title, value }))
          .sort((a, b) => a.title.localeCompare(b.title))
      : [];
  return {
    template: "caseCard",
    data: {
      reference: c.reference,
      caseId: c.reference,
      urgent: c.submission.urgent,
      status: STATUS_WORDS[c.status],
      received: readableDateTime(c.receivedAt, zone),
      open,
      canAcknowledge: c.status === "received",
      canInvestigate: open && c.status !== "investigating",
      canShare: open && c.handlerIds.includes(viewerId),
      shareListed,
      shareChoices,
      removalChoices,
      sharedWith,
      sharedNote: sharedEvent
        ? `${sharer} shared this case with you${sharedEvent.note ? `: ${sharedEvent.note}` : "."}`
        : "",
      kind: REPORT_KINDS[c.submission.kind],
      reporter: people.reporter,
      subject: people.subject,
      whatWasSeen: c.submission.whatWasSeen,
      where: c.submission.where,
      when: c.submission.when,
      concerns: c.submission.concerns.map((x) => CONCERNS[x]).join(", "),
      rules: c.submission.rules.map((r) => POLICY_RULES[r]).join("; ") || "None given",
      evidence: c.submission.evidence || "None given",
      links: linksIn(c.submission.evidence, c.submission.where),
      hasLinks: linksIn(c.submission.evidence, c.submission.where).length > 0,
      // A card repeats only the latest of what grows (timeline, questions, removals), each
      // shortened: the case keeps them all.
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
          what: eventWords(e, people.names, c, zone),
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
    },
  };
}

export function reporterStatusCard(c: MisuseCase): CardMessage {
  return {
    template: "notice",
    data: {
      title: `Your report ${c.reference}: ${STATUS_WORDS[c.status].toLowerCase()}`,
      message:
        c.status === "closed"
          ? "The case is now closed. Thank you for reporting it. The outcome stays confidential."
          : `The person handling your report has marked it as ${STATUS_WORDS[c.status].toLowerCase()}.`,
      tone: c.status === "closed" ? "good" : "",
    },
  };
}

export function reporterQuestionCard(
  c: MisuseCase,
  questionId: string,
  question: string,
): CardMessage {
  return {
    template: "reporterQuestion",
    data: {
      reference: c.reference,
      caseId: c.reference,
      questionId,
      question,
      verb: CASE_VERBS.reply,
    },
  };
}

export function removalRequestCard(
  c: MisuseCase,
  removalId: string,
  what: string,
  deadline: string,
  timeZone: string,
  answered = false,
): CardMessage {
  return {
    template: "removalRequest",
    data: {
      reference: c.reference,
      caseId: c.reference,
      removalId,
      what,
      deadline: readableDate(deadline, timeZone),
      answered,
      verb: CASE_VERBS.confirmRemoval,
    },
  };
}
