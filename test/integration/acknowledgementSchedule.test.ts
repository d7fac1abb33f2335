import { acknowledge } from "../../src/app/acknowledgements/acknowledge";
import { notifyEveryone, remindAnnualReview, remindUntilDue, summariseOverdue } from "../../src/app/acknowledgements/acknowledgementSchedule";
import { outboxKind } from "../../src/outbox/outboxMessage";
import { findAll } from "../../src/store/findAll";
import { startAppUnderTest, TestClock, type AppUnderTest } from "../support/inProcessApp";
import { personWith, sampleRoster } from "../support/sampleRoster";

/*
 * Time moves (a test clock) and the scheduled jobs do what the policy implies: notices for
 * everyone once, reminders every few days until due, a weekly overdue summary to the
 * Headteacher, and the annual review reminder — each exactly once per period.
 */
describe("acknowledgement reminders over time", () => {
  const clock = new TestClock();
  let t: AppUnderTest;
  const messages = async (purpose: string) => (await findAll(t.app.services.store.collection(outboxKind), { where: { purpose } })).map((m) => m.data);

  beforeAll(async () => {
    clock.set("2026-11-02T09:00:00Z");
    t = await startAppUnderTest({ OUTBOX_POLL_MS: "60000", SCHEDULE_TICK_MS: "3600000", ACK_GRACE_DAYS: "14", ACK_REMINDER_DAYS: "7" }, clock);
    await t.app.scheduler.runOnce();
  });
  afterAll(async () => t.stop());

  test("when the jobs run twice, then each person has one notice of the version in force", async () => {
    expect(await notifyEveryone(t.app.services)).toBe(0);
    const notices = await messages("notice");
    expect(notices).toHaveLength(sampleRoster().length);
    expect(new Set(notices.map((n) => n.recipient)).size).toBe(sampleRoster().length);
  });

  test("when a week passes, then those who have not acknowledged get one reminder and those who have get none", async () => {
    const keen = personWith("headteacher");
    await acknowledge(t.app.services, keen, "2024.07", "teams-card");
    expect(await remindUntilDue(t.app.services)).toBe(0);
    clock.set("2026-11-09T10:00:00Z");
    expect(await remindUntilDue(t.app.services)).toBe(sampleRoster().length - 1);
    expect(await remindUntilDue(t.app.services)).toBe(0);
    expect((await messages("reminder")).some((m) => m.recipient === keen.aadObjectId)).toBe(false);
  });

  test("when the due date has passed, then the Headteacher gets one overdue summary a week, and no more reminders go", async () => {
    clock.set("2026-11-17T09:00:00Z");
    expect(await remindUntilDue(t.app.services)).toBe(0);
    expect(await summariseOverdue(t.app.services)).toBe(1);
    expect(await summariseOverdue(t.app.services)).toBe(0);
    const [summary] = await messages("overdueSummary");
    expect(summary?.recipient).toBe(personWith("headteacher").aadObjectId);
    expect(JSON.stringify(summary?.card.data)).toContain(`"Overdue","value":"${sampleRoster().length - 1}"`);
    clock.set("2026-11-24T09:00:00Z");
    expect(await summariseOverdue(t.app.services)).toBe(1);
  });

  test("when the next review date has passed, then the policy owner and the Headteacher are reminded weekly", async () => {
    // The bundled policy's next review (2025-07-31) is already past on the test date.
    clock.set("2026-12-01T09:00:00Z");
    expect(await remindAnnualReview(t.app.services)).toBe(2);
    expect(await remindAnnualReview(t.app.services)).toBe(0);
    const recipients = new Set((await messages("reviewReminder")).map((m) => m.recipient));
    expect([...recipients].sort()).toEqual([personWith("headteacher").aadObjectId, personWith("aht-digital").aadObjectId].sort());
  });
});
