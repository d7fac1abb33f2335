import { ROLE_TITLES, type Person } from "../../domain/people/person";
import type { AskedQuestion } from "../../domain/qa/askedQuestion";
import { MAX_OWNER_ANSWER_LENGTH } from "../../domain/qa/askedQuestion";
import { POLICY_OWNER_TITLE } from "../../domain/qa/answerQuestion";
import type { CardMessage } from "../../ports";
import { readableDate } from "../../app/ukDates";

/*
 * What each person sees of a question. The asker: the quoted passages (or the owner's saved
 * answer, labelled as theirs), with Helpful / Not helpful / Ask the policy owner until used.
 * When the engine was unsure, "Did you mean…" offers the likeliest sections, each opening that
 * section's answer on the same card.
 * The policy owner: the question, who asked it and what the bot said, with a box to answer.
 * Cards carry the question id only; the handlers read the record again.
 */
export const QA_VERBS = {
  helpful: "qaHelpful",
  notHelpful: "qaNotHelpful",
  askOwner: "qaAskPolicyOwner",
  answer: "qaAnswerQuestion",
  openSection: "qaOpenSection",
} as const;

const quoted = (c: { quote: string; leadIn?: string }) =>
  c.leadIn ? `“${c.leadIn} … ${c.quote}”` : `“${c.quote}”`;

function askerStatus(q: AskedQuestion, timeZone: string): string {
  if (q.escalation === "answered" && q.answeredAt) {
    return `The policy owner answered on ${readableDate(q.answeredAt, timeZone)}: their answer is in this chat.`;
  }
  if (q.escalation === "open" && q.escalatedAt) {
    return `Sent to the policy owner on ${readableDate(q.escalatedAt, timeZone)}. Their answer will come to you in this chat.`;
  }
  if (q.feedback === "helpful") return "Thank you: you said this answer was helpful.";
  if (q.feedback === "notHelpful")
    return "Thank you for telling us. If you would like a person to answer, ask the policy owner.";
  return "";
}

/** The answer as the asker sees it, in its current state (feedback given, sent to the owner). */
export function answerCard(q: AskedQuestion, timeZone: string): CardMessage {
  const common = {
    questionId: q.id,
    question: q.question,
    status: askerStatus(q, timeZone),
    canAskOwner: q.escalation === "none",
    verbs: QA_VERBS,
    suggestions: (q.shown.suggestions ?? []).map((s) => ({
      heading: s.heading,
      sectionId: s.sectionId,
      questionId: q.id,
    })),
    hasSuggestions: (q.shown.suggestions ?? []).length > 0,
  };
  if (q.source === "none") {
    return {
      template: "policyNotCovered",
      data: {
        ...common,
        title: (q.shown.suggestions ?? []).length > 0 ? "Did you mean…" : "The policy does not say",
        message:
          (q.shown.suggestions ?? []).length > 0
            ? `I am not sure which part of the Staff Social Media Policy answers this, so I would rather not guess. Did you mean one of these? Or ask the policy owner, ${POLICY_OWNER_TITLE}.`
            : `The Staff Social Media Policy does not cover this question, so I would rather not guess. You can ask the policy owner, ${POLICY_OWNER_TITLE}.`,
      },
    };
  }
  const curated = q.shown.curated;
  return {
    template: "policyAnswer",
    data: {
      ...common,
      title: curated
        ? "The policy owner has answered a question like this"
        : "What the policy says",
      curated: Boolean(curated),
      curatedAnswer: curated?.answer ?? "",
      curatedLabel: curated
        ? `Answered by the policy owner on ${readableDate(curated.answeredOn, timeZone)} (${curated.answeredBy}), for the question “${curated.question}”.`
        : "",
      citations: q.shown.citations.map((c) => ({ heading: c.heading, quote: quoted(c) })),
      upcomingNote: q.shown.upcomingNote ?? "",
      canGiveFeedback: q.feedback === null && q.escalation === "none",
    },
  };
}

function whatTheBotSaid(q: AskedQuestion): string {
  if (q.source === "curated") return "The bot gave a saved answer of the policy owner's.";
  if (q.source === "none") return "The bot said the policy does not cover it.";
  return `The bot quoted: ${q.citedHeadings.join("; ")}.`;
}

/** The policy owner's card: who asked (the owner is entitled to know), the question, and the answer box. */
export function ownerCard(
  q: AskedQuestion,
  asker: Person | undefined,
  timeZone: string,
): CardMessage {
  return {
    template: "policyOwnerQuestion",
    data: {
      questionId: q.id,
      question: q.question,
      askedBy: asker
        ? `${asker.displayName}${asker.department ? ` (${asker.department})` : ""}`
        : "A former member of staff",
      askedOn: readableDate(q.escalatedAt ?? q.askedAt, timeZone),
      botAnswer: whatTheBotSaid(q),
      notHelpful: q.feedback === "notHelpful",
      open: q.escalation === "open",
      answer: q.ownerAnswer ?? "",
      answeredLine:
        q.escalation === "answered" && q.answeredAt
          ? `Answered by ${q.answeredByName ?? "the policy owner"} on ${readableDate(q.answeredAt, timeZone)}${q.curatedAnswerId ? ", and saved as an answer for similar questions" : ""}.`
          : "",
      maxLength: MAX_OWNER_ANSWER_LENGTH,
      verb: QA_VERBS.answer,
    },
  };
}

/** To the asker: the policy owner's own answer. */
export function ownerAnswerCard(q: AskedQuestion, timeZone: string): CardMessage {
  return {
    template: "policyOwnerAnswer",
    data: {
      title: "The policy owner answered your question",
      question: q.question,
      answer: q.ownerAnswer ?? "",
      answeredLine: `${q.answeredByName ?? "The policy owner"}, ${ROLE_TITLES["aht-digital"]}, on ${readableDate(q.answeredAt ?? q.askedAt, timeZone)}.`,
    },
  };
}

export function reminderCard(
  q: AskedQuestion,
  hoursWaiting: number,
  timeZone: string,
): CardMessage {
  return {
    template: "notice",
    data: {
      title: "A member of staff is still waiting for your answer",
      message: `“${q.question}” was sent to you on ${readableDate(q.escalatedAt ?? q.askedAt, timeZone)} (${hoursWaiting} hours ago). You can answer it on its card further up this chat.`,
      tone: "attention",
    },
  };
}

/** Outbox keys: one escalation card per owner per question, one answer per question. */
export const qaKeys = {
  escalation: (questionId: string, ownerId: string) => `qaEscalation:${questionId}:${ownerId}`,
  escalationAnswered: (questionId: string, ownerId: string) =>
    `qaEscalation:${questionId}:${ownerId}:answered`,
  answer: (questionId: string) => `qaAnswer:${questionId}`,
  reminder: (questionId: string, ownerId: string, period: number) =>
    `qaReminder:${questionId}:${ownerId}:${period}`,
};
