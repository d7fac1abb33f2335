import { askedQuestionKind, curatedAnswerKind } from "../../app/qa/records";
import { unansweredQuestions } from "../../app/qa/unansweredQuestions";
import { mayViewUnansweredQuestions } from "../../domain/people/permissions";
import { pagedPanel } from "../../http/pagedPanel";
import { PANEL_IDS, type UnansweredQuestionRow } from "../../http/tabApiContract";
import { findAll } from "../../store/findAll";
import { anyKind, type Feature } from "../feature";
import { QA_VERBS } from "./cards/qaVerbs";
import { qaBot } from "./qaHandlers";
import { qaJobs } from "./remindOpenEscalations";

/*
 * Policy questions: answered from the policy in force (or a saved answer of the owner's), rated,
 * passed on to the policy owner, reminded and answered. What other code also reads stays in
 * src/app/qa: the record kinds and saved answers (AppServices holds the saved answers), the
 * policy in force as answers read it (the natural-language commands answer from it without
 * recording) and the unanswered questions (waitingForYou lists them): a feature imports no other.
 */
export const qaFeature: Feature = {
  name: "qa",
  recordKinds: [anyKind(askedQuestionKind), anyKind(curatedAnswerKind)],
  verbs: QA_VERBS,
  // Its fallback takes every message that is no command; the registry matches its "ask …" last.
  bot: qaBot,
  jobs: (services, config) => qaJobs(services, config.qa),
  panels: [
    pagedPanel({
      info: {
        id: PANEL_IDS.unansweredQuestions,
        title: "Questions waiting for an answer",
        path: "/questions/unanswered",
      },
      visibleTo: mayViewUnansweredQuestions,
      read: unansweredQuestions,
      // Only what the panel shows: the answer the bot gave stays in chat.
      row: (q): UnansweredQuestionRow => ({
        questionId: q.questionId,
        question: q.question,
        askedAt: q.askedAt,
        reason: q.reason,
        askedBy: q.askedBy,
        escalatedAt: q.escalatedAt,
        policyVersion: q.policyVersion,
      }),
    }),
  ],
  personalData: {
    exported: [anyKind(askedQuestionKind), anyKind(curatedAnswerKind)],
    async collect({ store }, personId) {
      const questions = (
        await findAll(store.collection(askedQuestionKind), { where: { askerId: personId } })
      ).map(({ data: q }) => ({
        question: q.question,
        askedAt: q.askedAt,
        policyVersion: q.policyVersion,
        answerSource: q.source,
        citedHeadings: q.citedHeadings,
        feedback: q.feedback,
        feedbackAt: q.feedbackAt,
        escalation: q.escalation,
        escalatedAt: q.escalatedAt,
        ownerAnswer: q.ownerAnswer,
        answeredByName: q.answeredByName,
        answeredAt: q.answeredAt,
      }));
      const savedAnswers = (await findAll(store.collection(curatedAnswerKind)))
        .filter(({ data: a }) => a.answeredById === personId)
        .map(({ data: a }) => ({
          question: a.question,
          answer: a.answer,
          answeredOn: a.answeredOn,
          policyVersion: a.policyVersion,
        }));
      return { questions, savedAnswers };
    },
  },
  retention: [
    {
      kind: anyKind(askedQuestionKind),
      rule: "Kept, with its feedback and any answer of the policy owner's (nothing purges them yet); the subject access export lists a person's own.",
    },
    {
      kind: anyKind(curatedAnswerKind),
      rule: "Kept to answer questions like it (nothing purges them yet); the subject access export lists the answers a person saved.",
    },
  ],
};
