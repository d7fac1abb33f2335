import type { AskedQuestion } from "../../domain/qa/askedQuestion";
import { accept, type Decision } from "../../domain/result";
import type { CardMessage } from "../../ports";
import type { AppServices } from "../../app/services";
import { changeQuestion } from "../../app/qa/records";
import { answerView } from "./qaViews";

/*
 * What the asker's clicks on their answer card have in common (feedback, a "Did you mean…"
 * section, a saved answer offered): decide against the stored question, save it if it changed,
 * and draw their card again as it now stands.
 */
export async function changeAndRedraw(
  services: AppServices,
  questionId: string,
  decide: (q: AskedQuestion) => Decision<{ question: AskedQuestion; changed: boolean }>,
): Promise<Decision<CardMessage>> {
  const result = await changeQuestion(services, questionId, (q) => {
    const decided = decide(q);
    return decided.ok ? accept({ ...decided.value, result: undefined }) : decided;
  });
  if (!result.ok) return result;
  return accept(
    services.qaCards.answerCard(answerView(result.value.after.data, services.schoolTimeZone)),
  );
}
