import { shortened } from "../shortened";
import { CONCERNS, OUTCOMES, POLICY_RULES, REPORT_KINDS } from "../../domain/reports/misuseReport";
import type { MisuseCase } from "../../domain/reports/misuseCase";
import type { CardMessage } from "../../ports";

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

const STATUS_WORDS = { received: "Received", acknowledged: "Acknowledged", investigating: "Being investigated", closed: "Closed" } as const;

/** The colleague concerned is chosen with a people picker that searches the roster as they type. */
export function reportFormCard(kind: "misuse" | "mediaEnquiry"): CardMessage {
  return {
    template: "reportForm",
    data: {
      title: kind === "mediaEnquiry" ? "Report a media enquiry" : "Report social media misuse",
      kind,
      kinds: Object.entries(REPORT_KINDS).map(([value, title]) => ({ value, title })),
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
        ...(c.submission.rules.length ? [{ title: "Rules", value: c.submission.rules.map((r) => POLICY_RULES[r]).join("; ") }] : []),
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
  /** Display names by aadObjectId, for handlers and those the case is shared with. */
  readonly names: ReadonlyMap<string, string>;
}

const FORMER = "A former member of staff";

/** Question rounds and removal requests a case card shows (the latest), and how long each may be. */
export const CASE_CARD_ROUNDS = 3;
/** Names a case card lists under "Shared with" before "and N more". */
export const CASE_CARD_NAMES = 5;

/** The case as its reader sees it: the same facts for all, sharing offered only to its handlers. */
export function handlerCard(c: MisuseCase, people: CasePeople, viewerId: string): CardMessage {
  const open = c.status !== "closed";
  const shownShares = c.sharedWith.slice(0, CASE_CARD_NAMES).map((id) => people.names.get(id) ?? FORMER);
  const moreShares = c.sharedWith.length - shownShares.length;
  const sharedWith = [...shownShares, ...(moreShares > 0 ? [`${moreShares} more`] : [])].join(", ");
  const sharedEvent = c.sharedWith.includes(viewerId) ? [...c.history].reverse().find((e) => e.what === `shared with ${viewerId}`) : undefined;
  const sharer = sharedEvent ? people.names.get(sharedEvent.by) ?? FORMER : "";
  return {
    template: "caseCard",
    data: {
      reference: c.reference,
      caseId: c.reference,
      urgent: c.submission.urgent,
      status: STATUS_WORDS[c.status],
      open,
      canAcknowledge: c.status === "received",
      canShare: open && c.handlerIds.includes(viewerId),
      sharedWith,
      sharedNote: sharedEvent ? `${sharer} shared this case with you${sharedEvent.note ? `: ${sharedEvent.note}` : "."}` : "",
      kind: REPORT_KINDS[c.submission.kind],
      reporter: people.reporter,
      subject: people.subject,
      whatWasSeen: c.submission.whatWasSeen,
      where: c.submission.where,
      when: c.submission.when,
      concerns: c.submission.concerns.map((x) => CONCERNS[x]).join(", "),
      rules: c.submission.rules.map((r) => POLICY_RULES[r]).join("; ") || "None given",
      evidence: c.submission.evidence || "None given",
      // A card repeats only the latest rounds, each shortened: the case keeps them all.
      answers: [
        ...(c.questions.length > CASE_CARD_ROUNDS ? [{ question: "Earlier questions", reply: `${c.questions.length - CASE_CARD_ROUNDS} more, kept with the case` }] : []),
        ...c.questions.slice(-CASE_CARD_ROUNDS).map((q) => ({ question: shortened(q.question), reply: q.reply === null ? "(no reply yet)" : shortened(q.reply) })),
      ],
      hasAnswers: c.questions.length > 0,
      removals: c.removals.slice(-CASE_CARD_ROUNDS).map((r) => ({ what: shortened(r.what), state: r.confirmedAt ? "removed" : `due ${r.deadline.slice(0, 16).replace("T", " ")}` })),
      hasRemovals: c.removals.length > 0,
      outcome: c.outcome ? `${OUTCOMES[c.outcome]}${c.outcomeNote ? `: ${shortened(c.outcomeNote)}` : ""}` : "",
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

export function reporterQuestionCard(c: MisuseCase, questionId: string, question: string): CardMessage {
  return { template: "reporterQuestion", data: { reference: c.reference, caseId: c.reference, questionId, question, verb: CASE_VERBS.reply } };
}

export function removalRequestCard(c: MisuseCase, removalId: string, what: string, deadline: string, answered = false): CardMessage {
  return {
    template: "removalRequest",
    data: { reference: c.reference, caseId: c.reference, removalId, what, deadline: deadline.slice(0, 16).replace("T", " "), answered, verb: CASE_VERBS.confirmRemoval },
  };
}
