import { readableDate } from "../../../app/ukDates";
import { ROLE_TITLES } from "../../../domain/people/person";
import { POLICY_OWNER_TITLE } from "../../../domain/qa/answerQuestion";
import { MAX_OWNER_ANSWER_LENGTH, type AskedQuestion } from "../../../domain/qa/askedQuestion";
import type { CardMessage } from "../../../ports";
import type { AnswerView, OwnerQuestionView, QaCards, QaNews } from "../qaViews";
import { QA_VERBS } from "./qaVerbs";

/*
 * The Teams side of the QaCards port. The asker: the quoted passages (or the owner's saved
 * answer, labelled as theirs), with Helpful / Not helpful / Ask the policy owner until used.
 * When the engine was unsure, "Did you mean…" offers the likeliest sections, each opening that
 * section's answer on the same card; a saved answer of the policy owner's to a question like it
 * is offered by that question's words, and opens on the same card too. The policy owner: the
 * question, who asked it and what the bot said, with a box to answer. Cards carry the question id
 * only; the handlers read the record again. The data is plain strings and flags, so a card with nothing to escape is expanded once.
 */

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
function answerCard({ question: q, mayAskOwner, mayRate, timeZone }: AnswerView): CardMessage {
  const savedOffers = q.shown.savedOffers ?? [];
  const common = {
    questionId: q.id,
    question: q.question,
    status: askerStatus(q, timeZone),
    canAskOwner: mayAskOwner,
    verbs: QA_VERBS,
    suggestions: (q.shown.suggestions ?? []).map((s) => ({
      heading: s.heading,
      sectionId: s.sectionId,
      questionId: q.id,
    })),
    hasSuggestions: (q.shown.suggestions ?? []).length > 0,
    savedOffers: savedOffers.map((o) => ({
      question: `“${o.question}”`,
      savedAnswerId: o.id,
      questionId: q.id,
    })),
    hasSavedOffers: savedOffers.length > 0,
    savedOffersTitle:
      savedOffers.length > 1
        ? "The policy owner has answered questions like this:"
        : "The policy owner has answered a question like this:",
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
      canGiveFeedback: mayRate,
    },
  };
}

function whatTheBotSaid(q: AskedQuestion): string {
  if (q.source === "curated") return "The bot gave a saved answer of the policy owner's.";
  if (q.source === "none") return "The bot said the policy does not cover it.";
  return `The bot quoted: ${q.citedHeadings.join("; ")}.`;
}

/** The policy owner's card: who asked, the question, and the answer box. */
function ownerCard({ question: q, asker, mayAnswer, timeZone }: OwnerQuestionView): CardMessage {
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
      open: mayAnswer,
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

function qaNews(news: QaNews): CardMessage {
  const { question: q, timeZone } = news;
  switch (news.kind) {
    case "ownerAnswered":
      return {
        template: "policyOwnerAnswer",
        data: {
          title: "The policy owner answered your question",
          question: q.question,
          answer: q.ownerAnswer ?? "",
          answeredLine: `${q.answeredByName ?? "The policy owner"}, ${ROLE_TITLES["aht-digital"]}, on ${readableDate(q.answeredAt ?? q.askedAt, timeZone)}.`,
        },
      };
    case "stillWaiting":
      return {
        template: "notice",
        data: {
          title: "A member of staff is still waiting for your answer",
          message: `“${q.question}” was sent to you on ${readableDate(q.escalatedAt ?? q.askedAt, timeZone)} (${news.hoursWaiting} hours ago). You can answer it on its card further up this chat.`,
          tone: "attention",
        },
      };
  }
}

/** The policy questions' cards as Teams shows them: Adaptive Card templates with typed data. */
export const teamsQaCards: QaCards = { answerCard, ownerCard, qaNews };
