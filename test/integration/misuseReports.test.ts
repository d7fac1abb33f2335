import { misuseCaseKind, caseAuditKind } from "../../src/features/reports/caseRecords";
import { purgeClosedCases, chaseUnacknowledged } from "../../src/features/reports/reportSchedule";
import { DEFAULT_SCHOOL_HOURS } from "../../src/domain/reports/workingHours";
import { findAll } from "../../src/store/findAll";
import { cardText } from "../support/connectorRecorder";
import {
  installActivity,
  invokeActivity,
  messageActivity,
  personalConversationId,
  post,
} from "../support/activities";
import { invokeAs, startAppUnderTest, TestClock, type AppUnderTest } from "../support/inProcessApp";
import { personWith, sampleRoster } from "../support/sampleRoster";

describe("misuse reports through the bot", () => {
  const clock = new TestClock();
  let t: AppUnderTest;
  const teacher = personWith("staff");
  const head = personWith("headteacher");
  const chair = personWith("chair-of-governors");
  const lineManager = sampleRoster().find(
    (p) => p.roles.includes("line-manager") && p.roles.length === 2,
  )!;
  const colleague = sampleRoster().filter((p) => p.roles.length === 1)[1]!;
  const report = {
    kind: "misuse",
    whatWasSeen: "A colleague shared a photo of pupils on their own Instagram.",
    where: "Instagram",
    when: "Yesterday evening",
    concerns: "colleague,pupil",
    subjectId: colleague.aadObjectId,
    rules: "h,photos",
    urgent: "true",
    evidence: "",
  };
  const invoke = (
    who: { aadObjectId: string; displayName: string },
    verb: string,
    data: Record<string, unknown>,
  ) => invokeAs(t, who, verb, data);
  const cases = async () =>
    (await findAll(t.app.services.store.collection(misuseCaseKind))).map((r) => r.data);

  beforeAll(async () => {
    clock.set("2026-11-02T09:00:00Z");
    t = await startAppUnderTest({ OUTBOX_POLL_MS: "60000", SCHEDULE_TICK_MS: "3600000" }, clock);
    for (const p of [teacher, head, chair, colleague])
      await post(t.app.url, installActivity(p, t.connector.url));
    await t.app.scheduler.runOnce();
    await t.app.outboxWorker.drain();
    t.connector.clear();
  });
  afterAll(async () => t.stop());

  test("when a teacher mentions the bot with report in a group chat, then the group is told only that a private message was sent", async () => {
    const base = messageActivity(teacher, t.connector.url, "<at>Social Media Policy</at> report");
    const mention = {
      type: "mention",
      text: "<at>Social Media Policy</at>",
      mentioned: { id: base.recipient.id, name: "Social Media Policy" },
    };
    await post(t.app.url, {
      ...base,
      conversation: { id: "19:group", conversationType: "groupChat" },
      entities: [mention],
    });
    expect(t.connector.texts("19:group")).toEqual(["I've sent you a private message."]);
    // The form goes through the outbox to the teacher's own chat.
    t.connector.clear();
    await t.app.outboxWorker.drain();
    expect(t.connector.texts(personalConversationId(teacher.aadObjectId)).join("\n")).toContain(
      "Report social media misuse",
    );
    t.connector.clear();
  });

  test("when a teacher reports a colleague, then they get a reference and receipt, and only the Headteacher gets the case", async () => {
    await post(t.app.url, messageActivity(teacher, t.connector.url, "report"));
    expect(t.connector.texts().join("\n")).toContain("Report social media misuse");
    let told = 0;
    t.app.services.outbox.onEnqueued(() => told++);
    const receipt = await invoke(teacher, "submitReport", report);
    expect(cardText(receipt.value)).toMatch(/Report R-2026-0001 received/);
    // The Headteacher's case card is an effect of the report: the worker hears of it at once.
    expect(told).toBeGreaterThan(0);
    expect(cardText(receipt.value)).toContain("Instagram");
    t.connector.clear();
    await t.app.outboxWorker.drain();
    expect(t.connector.texts(personalConversationId(head.aadObjectId)).join("\n")).toContain(
      "Confidential report R-2026-0001",
    );
    expect(t.connector.texts(personalConversationId(chair.aadObjectId))).toEqual([]);
    expect(t.connector.texts(personalConversationId(colleague.aadObjectId))).toEqual([]);
  });

  test("when the Headteacher acknowledges, then the reporter is told the status but not the details", async () => {
    t.connector.clear();
    let told = 0;
    t.app.services.outbox.onEnqueued(() => told++);
    const card = await invoke(head, "caseAcknowledge", { caseId: "R-2026-0001" });
    expect(cardText(card.value)).toContain("Status: Acknowledged");
    // The reporter's notice is a decision's effect: the worker hears of it, not at its idle poll.
    expect(told).toBeGreaterThan(0);
    await t.app.outboxWorker.drain();
    const toReporter = t.connector.texts(personalConversationId(teacher.aadObjectId)).join("\n");
    expect(toReporter).toMatch(/Your report R-2026-0001: acknowledged/);
    // The card the Headteacher clicked was replaced by the answer; a second update would only
    // collapse a form they had opened on it meanwhile.
    expect(
      t.connector.activities.filter(
        (a) => a.conversationId === personalConversationId(head.aadObjectId),
      ),
    ).toHaveLength(0);
  });

  test.each([
    ["a line manager", () => lineManager],
    ["the Chair of Governors", () => chair],
    ["the reporter", () => teacher],
  ])(
    "when %s tries to act on the Headteacher's case, then it is refused and nothing changes",
    async (_n, who) => {
      const before = JSON.stringify(await cases());
      const r = await invoke(who(), "caseClose", { caseId: "R-2026-0001", outcome: "noBreach" });
      expect(r.type).toBe("application/vnd.microsoft.activity.message");
      expect(JSON.stringify(await cases())).toBe(before);
    },
  );

  test.each([
    ["an unknown case", "caseAcknowledge", { caseId: "R-2026-9999" }],
    ["a forged reference", "caseAcknowledge", { caseId: "../../etc" }],
    ["missing fields", "submitReport", { kind: "misuse" }],
    [
      "100 KB of text",
      "submitReport",
      {
        ...{ kind: "misuse", where: "x", when: "y", concerns: "school" },
        whatWasSeen: "x".repeat(100_000),
      },
    ],
    ["an unknown outcome", "caseClose", { caseId: "R-2026-0001", outcome: "sacked" }],
  ])(
    "when the card carries %s, then a clear message comes back and nothing changes",
    async (_n, verb, data) => {
      const before = JSON.stringify(await cases());
      const r = await invoke(head, verb, data);
      expect(r.type).toBe("application/vnd.microsoft.activity.message");
      expect(String(r.value).length).toBeGreaterThan(5);
      expect(JSON.stringify(await cases())).toBe(before);
    },
  );

  test("when the Headteacher asks the reporter a question, then the reply comes back into the case", async () => {
    await invoke(head, "caseAskReporter", {
      caseId: "R-2026-0001",
      question: "Is the post still up?",
    });
    await t.app.outboxWorker.drain();
    const c = (await cases())[0]!;
    const q = c.questions[0]!;
    const r = await invoke(teacher, "caseReply", {
      caseId: "R-2026-0001",
      questionId: q.id,
      reply: "Yes, as of this morning.",
    });
    expect(cardText(r.value)).toMatch(/your answer was added/);
    expect((await cases())[0]!.questions[0]!.reply).toBe("Yes, as of this morning.");
  });

  test("when a removal is requested, then the member confirms it on their card", async () => {
    await invoke(head, "caseRequestRemoval", {
      caseId: "R-2026-0001",
      // As the card's picker sends it.
      memberId: colleague.aadObjectId,
      what: "the photo of pupils",
      deadline: "2026-11-04",
    });
    t.connector.clear();
    await t.app.outboxWorker.drain();
    expect(t.connector.texts(personalConversationId(colleague.aadObjectId)).join("\n")).toMatch(
      /Please remove a posting/,
    );
    const removal = (await cases())[0]!.removals[0]!;
    const r = await invoke(colleague, "caseConfirmRemoval", {
      caseId: "R-2026-0001",
      removalId: removal.id,
    });
    expect(cardText(r.value)).toMatch(/You confirmed it has been removed/);
    expect(
      (
        await invoke(teacher, "caseConfirmRemoval", {
          caseId: "R-2026-0001",
          removalId: removal.id,
        })
      ).type,
    ).toBe("application/vnd.microsoft.activity.message");
  });

  test("when a report concerns the Headteacher, then it reaches the Chair of Governors and not the Headteacher", async () => {
    t.connector.clear();
    const r = await invoke(teacher, "submitReport", {
      ...report,
      concerns: "headteacher",
      subjectId: head.aadObjectId,
    });
    expect(cardText(r.value)).toMatch(/R-2026-0002 received/);
    expect(cardText(r.value)).toMatch(/Chair of Governors/);
    await t.app.outboxWorker.drain();
    expect(t.connector.texts(personalConversationId(chair.aadObjectId)).join("\n")).toContain(
      "Confidential report R-2026-0002",
    );
    expect(t.connector.texts(personalConversationId(head.aadObjectId)).join("\n")).not.toContain(
      "R-2026-0002",
    );
    expect((await invoke(head, "caseAcknowledge", { caseId: "R-2026-0002" })).type).toBe(
      "application/vnd.microsoft.activity.message",
    );
  });

  test("when a report waits past the working-hours limit, then its handler is reminded once", async () => {
    clock.set("2026-11-03T12:00:00Z");
    const settings = {
      reminderWorkingHours: 8,
      retentionDays: 365,
      schoolHours: DEFAULT_SCHOOL_HOURS,
    };
    expect(await chaseUnacknowledged(t.app.services, settings)).toBe(1);
    expect(await chaseUnacknowledged(t.app.services, settings)).toBe(0);
  });

  test("when a closed case passes the retention period, then it is purged leaving only a count, and reads are audited", async () => {
    await invoke(head, "caseClose", {
      caseId: "R-2026-0001",
      outcome: "advice",
      note: "Spoke to them.",
    });
    expect(
      (
        await findAll(t.app.services.store.collection(caseAuditKind), {
          where: { caseReference: "R-2026-0001" },
        })
      ).length,
    ).toBeGreaterThan(3);
    const settings = {
      reminderWorkingHours: 8,
      retentionDays: 365,
      schoolHours: DEFAULT_SCHOOL_HOURS,
    };
    expect(await purgeClosedCases(t.app.services, settings)).toBe(0);
    clock.set("2027-11-10T09:00:00Z");
    expect(await purgeClosedCases(t.app.services, settings)).toBe(1);
    expect((await cases()).map((c) => c.reference)).toEqual(["R-2026-0002"]);
    expect(
      await findAll(t.app.services.store.collection(caseAuditKind), {
        where: { caseReference: "R-2026-0001" },
      }),
    ).toEqual([]);
  });
});

describe("limits on the report form", () => {
  let t: AppUnderTest;
  const teacher = personWith("staff");
  beforeAll(async () => {
    t = await startAppUnderTest({ OUTBOX_POLL_MS: "60000", SCHEDULE_TICK_MS: "3600000" });
    await post(t.app.url, installActivity(teacher, t.connector.url));
  });
  afterAll(async () => t.stop());

  test("when a description is over the limit, then the report is refused saying the limit, never cut short and stored", async () => {
    await post(t.app.url, messageActivity(teacher, t.connector.url, "report"));
    const form = JSON.stringify(
      t.connector.cards(personalConversationId(teacher.aadObjectId)).at(-1),
    );
    // The form says the limit and does not truncate as the person types.
    expect(form).toContain("At most 4,000 characters");
    expect(form).not.toContain('"maxLength"');
    const r = await post(
      t.app.url,
      invokeActivity(teacher, t.connector.url, "submitReport", {
        kind: "misuse",
        whatWasSeen: "x".repeat(5000),
        where: "Facebook",
        when: "Today",
        concerns: "school",
      }),
    );
    expect(String((r.body as { value: unknown }).value)).toContain(
      "What you saw is 5,000 characters; the limit is 4,000. Nothing was sent",
    );
    expect(await findAll(t.app.services.store.collection(misuseCaseKind))).toEqual([]);
  });
});
