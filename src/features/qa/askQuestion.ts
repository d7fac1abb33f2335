import { takeAllowance } from "../../app/limits/rateLimits";
import type { Person } from "../../domain/people/person";
import {
  MAX_QUESTION_LENGTH,
  newAskedQuestion,
  type AskedQuestion,
  type ShownAnswer,
} from "../../domain/qa/askedQuestion";
import { accept, refuse, type Decision } from "../../domain/result";
import type { CardMessage } from "../../ports";
import type { AppServices } from "../../app/services";
import {
  answerFromPolicy,
  policyForAnswers,
  similarCuratedAnswers,
} from "../../app/qa/policyInForce";
import { answerView } from "./qaViews";
import {
  askedQuestionKind,
  newQuestionId,
  savedAnswers,
  shownCuratedAnswer,
} from "../../app/qa/records";

/*
 * A member of staff asks a question in chat. A saved answer of the policy owner's to the same
 * question comes first (they settled it); otherwise the policy in force answers, quoting itself,
 * or says plainly that it does not say, and saved answers to questions like it are offered. Every
 * question is kept, for feedback, escalation and the dashboard's "unanswered questions".
 */
export async function askQuestion(
  services: AppServices,
  asker: Person,
  text: string,
): Promise<
  Decision<
    { question: AskedQuestion; card: CardMessage },
    "QA.EMPTY" | "QA.TOO_LONG" | "LIMIT.REACHED"
  >
> {
  const question = text.replace(/\s+/g, " ").trim();
  if (!question)
    return refuse(
      "QA.EMPTY",
      "Type your question about the policy, for example: Can I post photos of pupils on my own Instagram?",
    );
  if (question.length > MAX_QUESTION_LENGTH) {
    return refuse(
      "QA.TOO_LONG",
      `Please ask a shorter question (up to ${MAX_QUESTION_LENGTH.toLocaleString("en-GB")} characters).`,
    );
  }
  const allowed = await takeAllowance(services, asker.aadObjectId, "question");
  if (!allowed.ok) return allowed;
  const policy = await policyForAnswers(services);
  const alike = similarCuratedAnswers(
    question,
    await savedAnswers(services).all(),
    services.questionModel,
  );
  const curated = alike.reuse;
  let source: AskedQuestion["source"];
  let shown: ShownAnswer;
  if (curated) {
    source = "curated";
    shown = {
      citations: [],
      upcomingNote: null,
      curated: shownCuratedAnswer(curated),
    };
  } else {
    const answer = answerFromPolicy(policy, question, services.questionModel);
    source = answer.answered ? "policy" : "none";
    shown = {
      citations: answer.answered ? answer.citations : [],
      upcomingNote: answer.upcomingNote,
      curated: null,
      suggestions: answer.suggestions.map((s) => ({ sectionId: s.sectionId, heading: s.heading })),
      ...(alike.offers.length > 0
        ? { savedOffers: alike.offers.map((o) => ({ id: o.id, question: o.question })) }
        : {}),
    };
  }
  const record = newAskedQuestion({
    id: newQuestionId(services),
    askerId: asker.aadObjectId,
    question,
    askedAt: services.clock.now().toISOString(),
    policyVersion: policy.label,
    source,
    shown,
  });
  const created = await services.store.collection(askedQuestionKind).create(record.id, record);
  const saved = created.ok ? created.record.data : created.existing.data;
  // Operators see that questions flow and how they fare, never what was asked or by whom.
  services.logger.info({ source, policyVersion: policy.label }, "policy question answered");
  return accept({
    question: saved,
    card: services.qaCards.answerCard(answerView(saved, services.schoolTimeZone)),
  });
}
