import type { Person } from "../../domain/people/person";
import { openSavedOffer } from "../../domain/qa/askedQuestion";
import type { Decision } from "../../domain/result";
import type { CardMessage } from "../../ports";
import type { AppServices } from "../../app/services";
import { curatedAnswerKind, shownCuratedAnswer } from "../../app/qa/records";
import { changeAndRedraw } from "./askerCard";

/*
 * "The policy owner has answered a question like this": the asker opens a saved answer the card
 * offered, and their card shows it. The saved answer is read from the store, not the card, so a
 * forged card shows nothing the owner did not save; the record decides whether it was offered.
 */
export async function openSavedAnswer(
  services: AppServices,
  person: Person,
  questionId: string,
  savedId: string,
): Promise<Decision<CardMessage>> {
  const stored = await services.store.collection(curatedAnswerKind).get(savedId);
  const saved = stored ? shownCuratedAnswer(stored.data) : undefined;
  return changeAndRedraw(services, questionId, (q) => openSavedOffer(q, person, savedId, saved));
}
