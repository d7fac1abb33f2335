import { holdersOf, type Person } from "../../domain/people/person";
import { escalate } from "../../domain/qa/askedQuestion";
import { accept, refuse, type Decision } from "../../domain/result";
import type { CardMessage } from "../../ports";
import type { AppServices } from "../../app/services";
import { qaKeys } from "./qaMessages";
import { answerView, ownerQuestionView } from "./qaViews";
import { askedQuestionKind, decideQuestion } from "../../app/qa/records";
import { messageEffect } from "../../app/decisions";

/*
 * "Ask the policy owner": the question goes, as a card, to everyone who holds the Assistant
 * Headteacher (Digital Technology and Innovation) role. Asking twice sends it once (the
 * outbox keys are per question and owner); the question and its messages are one step, so a
 * crash leaves both or neither (app/decisions.ts).
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
  const owners = await policyOwners(services, asker);
  const result = await decideQuestion(
    services,
    questionId,
    (q) => {
      const decided = escalate(q, asker, at);
      return decided.ok ? accept({ ...decided.value, result: undefined }) : decided;
    },
    async (q) => {
      if (q.escalation !== "open") return [];
      const card = services.qaCards.ownerCard(ownerQuestionView(q, asker, services.schoolTimeZone));
      return owners.map((owner) =>
        messageEffect(services.outbox, {
          key: qaKeys.escalation(q.id, owner.aadObjectId),
          recipient: owner.aadObjectId,
          purpose: "policyQuestion",
          card,
        }),
      );
    },
  );
  if (!result.ok) return result;
  const q = result.value.after;
  return accept(services.qaCards.answerCard(answerView(q, services.schoolTimeZone)));
}
