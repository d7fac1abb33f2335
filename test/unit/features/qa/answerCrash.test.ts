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
import type { Store } from "../../../../src/ports";
import { crashingStore, ProcessDied } from "../../../support/crashingStore";
import { personWith, sampleRoster } from "../../../support/sampleRoster";
import { useCaseWorld, type UseCaseWorld } from "../../../support/useCaseServices";

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
  let w: UseCaseWorld;
  afterEach(async () => w.close());

  /** The same SQLite file seen as a store without transactions (as SharePoint lists are). */
  const withoutTransactions = (store: Store): Store => ({
    collection: (kind) => store.collection(kind),
    status: () => store.status(),
    close: () => store.close(),
  });

  test.each([
    ["with one transaction", "before", false],
    ["with one transaction", "after", false],
    ["with the effect journal and the reconciler", "before", true],
    ["with the effect journal and the reconciler", "after", true],
  ] as const)(
    "%s, dying %s a write, then the answer and all its messages are there or none is",
    async (_mode, when, journal) => {
      let finishedAt: number | undefined;
      for (let dieAt = 1; dieAt < 20 && finishedAt === undefined; dieAt++) {
        w = await useCaseWorld(people);
        const asked = await askQuestion(w.services, teacher, "Can I run a staff WhatsApp group?");
        if (!asked.ok) throw new Error(asked.reason);
        const id = asked.value.question.id;
        if (!(await escalateQuestion(w.services, teacher, id)).ok) throw new Error("not sent");

        const base = journal ? withoutTransactions(w.store) : w.store;
        const dying = { ...w.services, store: crashingStore(base, dieAt, when) };
        const finished = await answerEscalation(dying, owner, id, "Yes, with care.", true).then(
          () => true,
          (error: unknown) => {
            if (!(error instanceof ProcessDied)) throw error;
            return false;
          },
        );
        // Restarted: the jobs run on the same store (the reconciler only where it is needed).
        const restarted = { ...w.services, store: base };
        if (journal)
          await reconcileEffects(
            base,
            askedQuestionKind,
            QUESTION_EFFECT_KINDS,
            createLogger("silent"),
          );

        const question = (await base.collection(askedQuestionKind).get(id))!.data;
        const answered = question.escalation === "answered";
        const keys = new Set((await w.outbox()).map((m) => m.key));
        const saved = await base.collection(curatedAnswerKind).count({});
        expect([
          keys.has(qaKeys.answer(id)),
          keys.has(qaKeys.escalationAnswered(id, deputy.aadObjectId)),
          saved === 1,
        ]).toEqual([answered, answered, answered]);
        expect((question as { effectsPending?: boolean }).effectsPending ?? false).toBe(false);
        if (finished) {
          expect(answered).toBe(true);
          finishedAt = dieAt;
        } else if (!answered) {
          // Nothing was kept: the owner's second click answers it, messages and all.
          expect((await answerEscalation(restarted, owner, id, "Yes, with care.", true)).ok).toBe(
            true,
          );
          expect((await w.outbox()).map((m) => m.key)).toContain(qaKeys.answer(id));
        }
        await w.close();
        w = await useCaseWorld(people);
      }
      // The answer takes more than one write, so at least one crash fell in the middle of it.
      expect(finishedAt).toBeGreaterThan(1);
    },
  );
});
