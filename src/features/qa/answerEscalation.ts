import { holdersOf, type Person } from "../../domain/people/person";
import { mayAnswerPolicyQuestions } from "../../domain/people/permissions";
import { answerAsPolicyOwner, type AskedQuestion } from "../../domain/qa/askedQuestion";
import { accept, refuse, type Decision } from "../../domain/result";
import type { CardMessage } from "../../ports";
import type { AppServices } from "../../app/services";
import { qaKeys } from "./qaMessages";
import { ownerQuestionView } from "./qaViews";
import {
  curatedAnswerKind,
  decideQuestion,
  savedAnswers,
  type CuratedAnswerRecord,
} from "../../app/qa/records";
import { effect, messageEffect } from "../../app/decisions";

/*
 * The policy owner answers a question sent to them. The answer goes back to the asker; if the
 * owner ticks "Save as an answer for similar questions" it is kept and given from then on to
 * questions like it; every other holder of the role sees their copy of the card marked
 * answered, so two people never answer the same question.
 */
export function curatedAnswerId(questionId: string): string {
  return `C-${questionId}`;
}

/** The saved answer an answer "for similar questions" implies, created with the answer. */
function curatedAnswerOf(services: AppServices, q: AskedQuestion): CuratedAnswerRecord | undefined {
  if (!q.curatedAnswerId || !q.ownerAnswer || !q.answeredBy || !q.answeredAt) return undefined;
  return {
    id: q.curatedAnswerId,
    question: q.question,
    answer: q.ownerAnswer,
    answeredBy: q.answeredByName ?? "the policy owner",
    answeredById: q.answeredBy,
    answeredOn: services.policyVersions.today(new Date(q.answeredAt)),
    createdFrom: q.id,
    policyVersion: q.policyVersion,
    createdAt: q.answeredAt,
  };
}

export async function answerEscalation(
  services: AppServices,
  owner: Person,
  questionId: string,
  answer: string,
  saveForSimilar: boolean,
): Promise<Decision<CardMessage>> {
  // Checked before anything is read, so someone else learns nothing about the question.
  if (!mayAnswerPolicyQuestions(owner)) {
    return refuse(
      "QA.NOT_POLICY_OWNER",
      "Only the policy owner, the Assistant Headteacher (Digital Technology and Innovation), can answer staff questions.",
    );
  }
  const at = services.clock.now().toISOString();
  const result = await decideQuestion(
    services,
    questionId,
    (q) => {
      const decided = answerAsPolicyOwner(
        q,
        owner,
        answer,
        at,
        saveForSimilar ? curatedAnswerId(q.id) : null,
      );
      return decided.ok ? accept({ ...decided.value, result: undefined }) : decided;
    },
    // The answer, the saved answer and every message it implies are written with it, so a crash
    // never leaves an answered question whose asker was not told.
    async (q) => {
      const saved = curatedAnswerOf(services, q);
      const asker = await services.directory.find(q.askerId);
      const answered = services.qaCards.ownerCard(
        ownerQuestionView(q, asker, services.schoolTimeZone),
      );
      // The clicker's card is replaced by the invoke response; the others' through the outbox
      // (only those who were sent it: a holder added since has no card to mark).
      const others: Person[] = [];
      for (const p of holdersOf(await services.directory.all(), "aht-digital")) {
        if (p.aadObjectId === owner.aadObjectId) continue;
        if (await services.outbox.byKey(qaKeys.escalation(q.id, p.aadObjectId))) others.push(p);
      }
      return [
        ...(saved ? [effect(curatedAnswerKind, saved.id, saved)] : []),
        messageEffect(services.outbox, {
          key: qaKeys.answer(q.id),
          recipient: q.askerId,
          purpose: "policyQuestionAnswer",
          card: services.qaCards.qaNews({
            kind: "ownerAnswered",
            question: q,
            timeZone: services.schoolTimeZone,
          }),
        }),
        ...others.map((p) =>
          messageEffect(services.outbox, {
            key: qaKeys.escalationAnswered(q.id, p.aadObjectId),
            recipient: p.aadObjectId,
            purpose: "policyQuestionAnswered",
            card: answered,
            replaces: qaKeys.escalation(q.id, p.aadObjectId),
          }),
        ),
      ];
    },
  );
  if (!result.ok) return result;
  const q = result.value.after;
  if (q.curatedAnswerId) savedAnswers(services).forget();
  const asker = await services.directory.find(q.askerId);
  return accept(services.qaCards.ownerCard(ownerQuestionView(q, asker, services.schoolTimeZone)));
}
