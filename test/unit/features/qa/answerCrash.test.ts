import { reconcileEffects } from "../../../../src/app/decisions";
import {
  askedQuestionKind,
  curatedAnswerKind,
  QUESTION_EFFECT_KINDS,
} from "../../../../src/app/qa/records";
import type { Person } from "../../../../src/domain/people/person";
import { answerEscalation } from "../../../../src/features/qa/answerEscalation";
import { askQuestion } from "../../../../src/features/qa/askQuestion";
import { escalateQuestion } from "../../../../src/features/qa/escalateQuestion";
import { qaKeys } from "../../../../src/features/qa/qaMessages";
import { createLogger } from "../../../../src/logging";
import { CRASH_MODES, crashAtEachWrite } from "../../../support/crashEachWrite";
import { personWith, sampleRoster } from "../../../support/sampleRoster";
import { useCaseWorld } from "../../../support/useCaseServices";

/*
 * The policy owner's answer is a decision with effects: the question marked answered, the saved
 * answer, the asker's message and the other owner's card marked answered. The process dies at
 * each write in turn; after a restart (and, on a store without transactions, the reconciler)
 * either all of them are there or none is, and answering again then completes it.
 */
describe("when the process dies while the policy owner's answer is saved", () => {
  const teacher = personWith("staff");
  const owner = personWith("aht-digital");
  const deputy: Person = {
    ...sampleRoster().filter((p) => p.roles.length === 1)[2]!,
    roles: ["aht-digital", "staff"],
  };
  const people = [...sampleRoster().filter((p) => p.aadObjectId !== deputy.aadObjectId), deputy];
  test.each(CRASH_MODES)(
    "%s, dying %s a write, then the answer and all its messages are there or none is",
    async (_mode, when, journal) => {
      let id = "";
      const finishedAt = await crashAtEachWrite({
        world: async () => {
          const w = await useCaseWorld(people);
          const asked = await askQuestion(w.services, teacher, "Can I run a staff WhatsApp group?");
          if (!asked.ok) throw new Error(asked.reason);
          id = asked.value.question.id;
          if (!(await escalateQuestion(w.services, teacher, id)).ok) throw new Error("not sent");
          return w;
        },
        storeOf: (w) => w.store,
        journal,
        when,
        reconcile: (store) =>
          reconcileEffects(store, askedQuestionKind, QUESTION_EFFECT_KINDS, createLogger("silent")),
        step: (w, store) =>
          answerEscalation({ ...w.services, store }, owner, id, "Yes, with care.", true),
        restartAndCheck: async (w, store, finished) => {
          const question = (await store.collection(askedQuestionKind).get(id))!.data;
          const answered = question.escalation === "answered";
          const keys = new Set((await w.outbox()).map((m) => m.key));
          const saved = await store.collection(curatedAnswerKind).count({});
          expect([
            keys.has(qaKeys.answer(id)),
            keys.has(qaKeys.escalationAnswered(id, deputy.aadObjectId)),
            saved === 1,
          ]).toEqual([answered, answered, answered]);
          expect((question as { effectsPending?: boolean }).effectsPending ?? false).toBe(false);
          if (finished) expect(answered).toBe(true);
          else if (!answered) {
            // Nothing was kept: the owner's second click answers it, messages and all.
            const again = await answerEscalation(
              { ...w.services, store },
              owner,
              id,
              "Yes, with care.",
              true,
            );
            expect(again.ok).toBe(true);
            expect((await w.outbox()).map((m) => m.key)).toContain(qaKeys.answer(id));
          }
        },
      });
      // The answer takes more than one write, so at least one crash fell in the middle of it.
      expect(finishedAt).toBeGreaterThan(1);
    },
  );
});
