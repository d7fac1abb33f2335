import { CASE_VERBS, MEDIA_VERBS } from "../../src/features/reports/cards/reportVerbs";
import { caseAuditKind } from "../../src/features/reports/caseRecords";
import { findAll } from "../../src/store/findAll";
import { installActivity, invokeActivity, post } from "../support/activities";
import { cardText } from "../support/connectorRecorder";
import { startAppUnderTest, TestClock, type AppUnderTest } from "../support/inProcessApp";
import { personWith, sampleRoster } from "../support/sampleRoster";

/*
 * A case reference proves nothing to someone with no part in the case: every verb answers them
 * exactly as it answers a reference that does not exist, and each attempt is in the case audit.
 */
describe("case references tried by someone with no part in the case", () => {
  const clock = new TestClock();
  let t: AppUnderTest;
  const teacher = personWith("staff");
  const stranger = sampleRoster().filter((p) => p.roles.length === 1 && p.roles[0] === "staff")[2]!;
  const report = {
    kind: "misuse",
    whatWasSeen: "A photo of pupils on a personal account.",
    where: "Instagram",
    when: "Yesterday",
    concerns: "pupil",
    rules: "",
    urgent: "false",
    evidence: "",
  };
  const invoke = async (verb: string, data: Record<string, unknown>) =>
    (await post(t.app.url, invokeActivity(stranger, t.connector.url, verb, data))).body;
  const refusals = async () =>
    (await findAll(t.app.services.store.collection(caseAuditKind)))
      .map((a) => a.data)
      .filter((a) => a.by === stranger.aadObjectId);

  beforeAll(async () => {
    clock.set("2026-11-02T09:00:00Z");
    t = await startAppUnderTest({ OUTBOX_POLL_MS: "60000", SCHEDULE_TICK_MS: "3600000" }, clock);
    for (const p of [teacher, stranger]) await post(t.app.url, installActivity(p, t.connector.url));
    const receipt = (
      await post(t.app.url, invokeActivity(teacher, t.connector.url, CASE_VERBS.submit, report))
    ).body as { value: unknown };
    expect(cardText(receipt.value)).toContain("R-2026-0001 received");
    const enquiry = (
      await post(
        t.app.url,
        invokeActivity(teacher, t.connector.url, MEDIA_VERBS.submit, {
          caller: "Sam Reed, 01632 960000",
          outlet: "Northfield Gazette",
          question: "Can you comment on the new uniform policy?",
          deadline: "2026-12-03",
        }),
      )
    ).body as { value: unknown };
    expect(cardText(enquiry.value)).toContain("M-2026-0001");
    expect(stranger.aadObjectId).not.toBe(teacher.aadObjectId);
  });
  afterAll(async () => t.stop());

  test.each([
    [CASE_VERBS.acknowledge, {}],
    [CASE_VERBS.investigate, {}],
    [CASE_VERBS.ask, { question: "Is it still up?" }],
    [CASE_VERBS.close, { outcome: "advice", note: "" }],
    [CASE_VERBS.share, { email: personWith("aht-digital").email, reason: "policy advice" }],
    [
      CASE_VERBS.removal,
      { memberEmail: personWith("aht-digital").email, what: "the photo", deadline: "2026-11-20" },
    ],
    [CASE_VERBS.reply, { questionId: "q-1", reply: "yes" }],
    [CASE_VERBS.confirmRemoval, { removalId: "r-1" }],
  ])(
    "when %s names an existing and a missing case, then both answers are the same and both attempts are audited",
    async (verb, data) => {
      const count = async (reference: string) =>
        (await refusals()).filter(
          (a) => a.caseReference === reference && a.action === "read refused",
        ).length;
      const before = [await count("R-2026-0001"), await count("R-2026-9999")];
      const existing = await invoke(verb, { caseId: "R-2026-0001", ...data });
      const missing = await invoke(verb, { caseId: "R-2026-9999", ...data });
      expect(existing).toEqual(missing);
      expect(existing).toMatchObject({ type: "application/vnd.microsoft.activity.message" });
      expect([await count("R-2026-0001"), await count("R-2026-9999")]).toEqual([
        before[0]! + 1,
        before[1]! + 1,
      ]);
    },
  );

  test.each([
    [MEDIA_VERBS.approve, { approvedWords: "We have no comment." }],
    [MEDIA_VERBS.decline, { declineReason: "Do not reply." }],
  ])(
    "when %s names an existing and a missing media enquiry, then both answers are the same and both attempts are audited",
    async (verb, data) => {
      const count = async (reference: string) =>
        (await refusals()).filter(
          (a) => a.caseReference === reference && a.action === "read refused",
        ).length;
      const before = [await count("M-2026-0001"), await count("M-2026-9999")];
      const existing = await invoke(verb, { enquiryId: "M-2026-0001", ...data });
      const missing = await invoke(verb, { enquiryId: "M-2026-9999", ...data });
      expect(existing).toEqual(missing);
      expect(existing).toMatchObject({ type: "application/vnd.microsoft.activity.message" });
      expect([await count("M-2026-0001"), await count("M-2026-9999")]).toEqual([
        before[0]! + 1,
        before[1]! + 1,
      ]);
    },
  );
});
