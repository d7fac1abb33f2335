import type { Person } from "../../domain/people/person";
import { openSuggestion } from "../../domain/qa/askedQuestion";
import type { Decision } from "../../domain/result";
import type { CardMessage } from "../../ports";
import type { AppServices } from "../../app/services";
import { answerFromPolicySection, policyForAnswers } from "../../app/qa/policyInForce";
import { changeAndRedraw } from "./askerCard";

/*
 * "Did you mean…": the asker picks one of the sections the engine offered, and their card shows
 * that section's answer to their question, quoted from the version in force now. The record is
 * re-read: the choice must be one it offered, and the question must be theirs.
 */
export async function openSuggestedSection(
  services: AppServices,
  person: Person,
  questionId: string,
  sectionId: string,
): Promise<Decision<CardMessage>> {
  const policy = await policyForAnswers(services);
  return changeAndRedraw(services, questionId, (q) => {
    const answer = answerFromPolicySection(policy, q.question, sectionId, services.questionModel);
    // No such section in the version in force: no citations, which the decision refuses.
    return openSuggestion(q, person, sectionId, {
      citations: answer?.citations ?? [],
      upcomingNote: answer?.upcomingChange?.note ?? null,
    });
  });
}
