import { reconcileEffects } from "../../../../src/app/decisions";
import { createLogger } from "../../../../src/logging";
import { permissionKind } from "../../../../src/features/permissions/permissionRecords";
import {
  decideOnPermission,
  PERMISSION_EFFECT_KINDS,
  requestPermission,
} from "../../../../src/features/permissions/writtenPermissions";
import { CRASH_MODES, crashAtEachWrite } from "../../../support/crashEachWrite";
import { personWith } from "../../../support/sampleRoster";
import { useCaseWorld } from "../../../support/useCaseServices";

/*
 * A decision on a written permission and its messages (every copy of the card brought up to
 * date, the requester's notice) are one step: the process dies at each write in turn, and after
 * a restart (and the reconciler, on a store without transactions) all of them are there or none.
 */
describe("when the process dies while a written permission is decided", () => {
  const teacher = personWith("staff");
  const head = personWith("headteacher");
  const decision = { approve: true, reason: "Fine", trainingRequired: "", revision: 1 };

  test.each(CRASH_MODES)(
    "%s, dying %s a write, then the decision and its messages are there or none is",
    async (_mode, when, journal) => {
      let id = "";
      const finishedAt = await crashAtEachWrite({
        world: async () => {
          const w = await useCaseWorld();
          const asked = await requestPermission(w.services, teacher, {
            kind: "brandOrConfidential",
            what: "The crest on the sports day banner",
            where: "School website",
            from: "2026-11-03",
            until: "2026-11-20",
            subject: null,
          });
          if (!asked.ok) throw new Error(asked.reason);
          id = asked.value.request.id;
          return w;
        },
        storeOf: (w) => w.store,
        journal,
        when,
        reconcile: (store) =>
          reconcileEffects(store, permissionKind, PERMISSION_EFFECT_KINDS, createLogger("silent")),
        step: async (w, store) => {
          const r = await decideOnPermission({ ...w.services, store }, head, id, decision);
          if (!r.ok) throw new Error(r.reason);
        },
        restartAndCheck: async (w, store, finished) => {
          const request = (await store.collection(permissionKind).get(id))!.data;
          const decided = request.status === "approved";
          const keys = (await w.outbox()).map((m) => m.key);
          expect([
            keys.includes(`permissionNotice:${id}:decided`),
            keys.some((k) => k.startsWith(`permission:${id}:${teacher.aadObjectId}:r`)),
          ]).toEqual([decided, decided]);
          expect(request.effectsPending ?? false).toBe(false);
          if (finished) expect(decided).toBe(true);
          else if (!decided) {
            // Nothing was kept: deciding again after the restart completes it, notice and all.
            expect(
              (await decideOnPermission({ ...w.services, store }, head, id, decision)).ok,
            ).toBe(true);
            expect((await w.outbox()).map((m) => m.key)).toContain(
              `permissionNotice:${id}:decided`,
            );
          }
        },
      });
      // The decision takes more than one write, so at least one crash fell in the middle of it.
      expect(finishedAt).toBeGreaterThan(1);
    },
  );
});
