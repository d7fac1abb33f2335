import { holdersOf, type Person } from "../../domain/people/person";
import { escalate } from "../../domain/qa/askedQuestion";
import { accept, refuse, type Decision } from "../../domain/result";
import type { CardMessage } from "../../ports";
import type { AppServices } from "../../app/services";
import { qaKeys } from "./qaMessages";
import { answerView, ownerQuestionView } from "./qaViews";
import { askedQuestionKind, changeQuestion } from "../../app/qa/records";

/*
 * "Ask the policy owner": the question goes, as a card, to everyone who holds the Assistant
 * Headteacher (Digital Technology and Innovation) role. Asking twice sends it once (the
 * outbox keys are per question and owner), and a retry after a crash sends what was missed.
 */
async function policyOwners(services: AppServices, asker: Person): Promise<Person[]> {
  return holdersOf(await services.directory.all(), "aht-digital").filter(
    (p) => p.aadObjectId !== asker.aadObjectId,
  );
}

export async function escalateQuestion(
  services: AppServices,
  asker: Person,
  questionId: string,
): Promise<Decision<CardMessage>> {
  const existing = await services.store.collection(askedQuestionKind).get(questionId);
  if (
    existing &&
    existing.data.askerId === asker.aadObjectId &&
    existing.data.escalation === "none"
  ) {
    // Checked before deciding, so a question with no one to send it to stays as it was.
    if ((await policyOwners(services, asker)).length === 0) {
      return refuse(
        "QA.NO_POLICY_OWNER",
        "No one else on the staff roster holds the policy owner's role at the moment, so the question could not be sent. Please ask the school office who to contact.",
      );
    }
  }
  const at = services.clock.now().toISOString();
  const result = await changeQuestion(services, questionId, (q) => {
    const decided = escalate(q, asker, at);
    return decided.ok ? accept({ ...decided.value, result: undefined }) : decided;
  });
  if (!result.ok) return result;
  const q = result.value.after.data;
  if (q.escalation === "open") {
    // Also when nothing changed: enqueueing is idempotent, and it completes a send a crash cut short.
    const card = services.qaCards.ownerCard(ownerQuestionView(q, asker, services.schoolTimeZone));
    await services.outbox.enqueueAll(
      (await policyOwners(services, asker)).map((owner) => ({
        key: qaKeys.escalation(q.id, owner.aadObjectId),
        recipient: owner.aadObjectId,
        purpose: "policyQuestion",
        card,
      })),
    );
  }
  return accept(services.qaCards.answerCard(answerView(q, services.schoolTimeZone)));
}
