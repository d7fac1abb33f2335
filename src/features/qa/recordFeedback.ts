import type { Person } from "../../domain/people/person";
import { giveFeedback, type Feedback } from "../../domain/qa/askedQuestion";
import type { Decision } from "../../domain/result";
import type { CardMessage } from "../../ports";
import type { AppServices } from "../../app/services";
import { changeAndRedraw } from "./askerCard";

/*
 * Helpful / Not helpful on an answer, by the person who asked, once: the same click again
 * changes nothing. "Not helpful" answers stay on the dashboard's unanswered list, and the card
 * offers to ask the policy owner.
 */
export async function recordFeedback(
  services: AppServices,
  person: Person,
  questionId: string,
  feedback: Feedback,
): Promise<Decision<CardMessage>> {
  const at = services.clock.now().toISOString();
  return changeAndRedraw(services, questionId, (q) => giveFeedback(q, person, feedback, at));
}
