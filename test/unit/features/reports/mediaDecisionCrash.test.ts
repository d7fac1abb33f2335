import { reconcileEffects } from "../../../../src/app/decisions";
import {
  decideMediaEnquiry,
  MEDIA_EFFECT_KINDS,
  mediaEnquiryKind,
  passOnMediaEnquiry,
  writtenApprovalKind,
} from "../../../../src/features/reports/mediaEnquiries";
import { caseAuditKind } from "../../../../src/features/reports/caseRecords";
import { createLogger } from "../../../../src/logging";
import { findAll } from "../../../../src/store/findAll";
import { CRASH_MODES, crashAtEachWrite } from "../../../support/crashEachWrite";
import { personWith } from "../../../support/sampleRoster";
import { useCaseWorld } from "../../../support/useCaseServices";

/*
 * The Headteacher's decision on a media enquiry, its written approval, its audit entry and the
 * messages (the member of staff told, other Headteachers' cards updated) are one step: the
 * process dies at each write in turn, and after a restart all of them are there or none is.
 */
describe("when the process dies while the Headteacher decides a media enquiry", () => {
  const teacher = personWith("staff");
  const head = personWith("headteacher");

  test.each(CRASH_MODES)(
    "%s, dying %s a write, then the approval and everything it implies are there or none is",
    async (_mode, when, journal) => {
      let reference = "";
      const finishedAt = await crashAtEachWrite({
        world: async () => {
          const w = await useCaseWorld();
          await passOnMediaEnquiry(
            w.services,
            teacher,
            {
              caller: "A reporter",
              outlet: "Local paper",
              question: "About the fair",
              deadline: "2026-11-06",
            },
            "personal",
          );
          reference = (await findAll(w.store.collection(mediaEnquiryKind)))[0]!.id;
          return w;
        },
        storeOf: (w) => w.store,
        journal,
        when,
        reconcile: (store) =>
          reconcileEffects(store, mediaEnquiryKind, MEDIA_EFFECT_KINDS, createLogger("silent")),
        step: (w, store) =>
          decideMediaEnquiry(
            { ...w.services, store },
            head,
            reference,
            true,
            "Thank you, we are delighted.",
          ),
        restartAndCheck: async (w, store, finished) => {
          const decided =
            (await store.collection(mediaEnquiryKind).get(reference))!.data.status ===
            "replyApproved";
          const keys = (await w.outbox()).map((m) => m.key);
          const audits = (await findAll(store.collection(caseAuditKind))).filter((a) =>
            a.data.action.startsWith("reply approved"),
          );
          expect([
            keys.includes(`mediaDecision:${reference}`),
            (await store.collection(writtenApprovalKind).count({})) === 1,
            audits.length === 1,
          ]).toEqual([decided, decided, decided]);
          if (finished) expect(decided).toBe(true);
        },
      });
      // The decision takes more than one write, so at least one crash fell in the middle of it.
      expect(finishedAt).toBeGreaterThan(1);
    },
  );
});
