import { acknowledge } from "../../src/features/acknowledgements/acknowledge";
import { policyReviewKind } from "../../src/app/policy/policyRecords";
import { publishWithGovernorsApproval } from "../support/governorsApproved";
import { recordReview } from "../../src/features/acknowledgements/recordReview";
import type { Person } from "../../src/domain/people/person";
import { CsvRoster } from "../../src/identity/csvRoster";
import { markdownToDocument } from "../../src/policy/importPolicy";
import {
  notifyEveryone,
  remindAnnualReview,
  remindUntilDue,
  summariseOverdue,
} from "../../src/features/acknowledgements/acknowledgementSchedule";
import { acknowledgementRows } from "../../src/features/acknowledgements/acknowledgementQueries";
import { outboxKind } from "../../src/outbox/outboxMessage";
import { installActivity, personalConversationId, post } from "../support/activities";
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
  const messages = async (purpose: string) =>
    (await findAll(t.app.services.store.collection(outboxKind), { where: { purpose } })).map(
      (m) => m.data,
    );

  beforeAll(async () => {
    clock.set("2026-11-02T09:00:00Z");
    t = await startAppUnderTest(
      {
        OUTBOX_POLL_MS: "60000",
        SCHEDULE_TICK_MS: "3600000",
        ACK_GRACE_DAYS: "14",
        ACK_REMINDER_DAYS: "7",
      },
      clock,
    );
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
    expect(JSON.stringify(summary?.card.data)).toContain(
      `"Overdue","value":"${sampleRoster().length - 1}"`,
    );
    clock.set("2026-11-24T09:00:00Z");
    expect(await summariseOverdue(t.app.services)).toBe(1);
  });

  test("when some could not be reached, then the weekly summary counts them as the dashboard's rows do, says why and what fixes it", async () => {
    // One teacher opened the app, one then blocked the bot; everyone else never opened it.
    const opened = personWith("staff");
    const blocker = sampleRoster().find((p) => p.displayName === "Aisha Khan")!;
    for (const p of [opened, blocker]) await post(t.app.url, installActivity(p, t.connector.url));
    t.connector.failConversation(personalConversationId(blocker.aadObjectId), 403);
    await t.app.outboxWorker.drain();
    const rows = (await acknowledgementRows(t.app.services, "2024.07", {
      status: "undeliverable",
      offset: 0,
      limit: 100,
    }))!;
    expect(rows.rows.map((r) => r.unreachableWhy)).toContain("blocked");
    const blocked = rows.rows.filter((r) => r.unreachableWhy === "blocked").length;
    const neverOpened = rows.rows.filter((r) => r.unreachableWhy === "neverOpened").length;
    expect(blocked + neverOpened).toBe(rows.total);
    expect(neverOpened).toBeGreaterThan(0);

    const earlier = new Set((await messages("overdueSummary")).map((m) => m.key));
    clock.set("2026-12-01T09:00:00Z");
    expect(await summariseOverdue(t.app.services)).toBe(1);
    const [summary] = (await messages("overdueSummary")).filter((m) => !earlier.has(m.key));
    const data = summary!.card.data as {
      message: string;
      facts: { title: string; value: string }[];
    };
    expect(data.facts).toContainEqual({ title: "Could not be reached", value: String(rows.total) });
    expect(data.message).toContain(
      `${rows.total} could not be reached (${neverOpened} never opened the app, ${blocked} blocked or removed the bot)`,
    );
    expect(data.message).toContain("install the app for everyone");
  });

  test("when the next review date has passed, then the policy owner and the Headteacher are reminded weekly", async () => {
    // The bundled policy's next review (2025-07-31) is already past on the test date.
    clock.set("2026-12-01T09:00:00Z");
    expect(await remindAnnualReview(t.app.services)).toBe(2);
    expect(await remindAnnualReview(t.app.services)).toBe(0);
    const recipients = new Set((await messages("reviewReminder")).map((m) => m.recipient));
    expect([...recipients].sort()).toEqual(
      [personWith("headteacher").aadObjectId, personWith("aht-digital").aadObjectId].sort(),
    );
  });

  test("when a teacher tries to record the review, then it is refused and the reminders go on", async () => {
    const refused = await recordReview(t.app.services, personWith("staff"));
    expect(refused).toMatchObject({ ok: false, code: "REVIEW.ROLE" });
    clock.set("2026-12-08T09:00:00Z");
    expect(await remindAnnualReview(t.app.services)).toBe(2);
  });

  test("when the owner records the review twice, then one record stands and no review reminder goes until a year later", async () => {
    const first = await recordReview(t.app.services, personWith("aht-digital"));
    const again = await recordReview(t.app.services, personWith("aht-digital"));
    expect(first).toMatchObject({
      ok: true,
      value: { firstTime: true, review: { version: "2024.07", nextReview: "2027-12-08" } },
    });
    expect(again).toMatchObject({ ok: true, value: { firstTime: false } });
    expect(await findAll(t.app.services.store.collection(policyReviewKind))).toHaveLength(1);
    clock.set("2026-12-15T09:00:00Z");
    expect(await remindAnnualReview(t.app.services)).toBe(0);
    clock.set("2027-12-08T09:00:00Z");
    expect(await remindAnnualReview(t.app.services)).toBe(2);
  });

  test("when someone joins the staff later, then they alone are sent the version in force", async () => {
    const newcomer: Person = {
      aadObjectId: "new-starter-0001",
      displayName: "New Starter",
      email: "new.starter@school.example",
      roles: ["staff"],
      department: "Maths",
    };
    const grown = new CsvRoster([...sampleRoster(), newcomer]);
    expect(await notifyEveryone({ ...t.app.services, directory: grown })).toBe(1);
    expect(await notifyEveryone({ ...t.app.services, directory: grown })).toBe(0);
    const theirs = (await messages("notice")).filter((m) => m.recipient === newcomer.aadObjectId);
    expect(theirs.map((m) => m.campaign)).toEqual(["notice:2024.07"]);
  });

  test("when a new version is published, then the review reminders stop, and do not restart when it takes effect", async () => {
    clock.set("2027-12-15T09:00:00Z");
    expect(await remindAnnualReview(t.app.services)).toBe(2);
    const text =
      "## Introduction\n\nThis policy replaces any previous policy.\n\n## Monitoring\n\nThe School may monitor.\n";
    const document = markdownToDocument(
      text,
      { label: "2028.01", effectiveFrom: "2028-01-20", summary: "Shorter." },
      t.app.services.bundledPolicy,
    );
    await publishWithGovernorsApproval(
      t.app.services,
      personWith("aht-digital"),
      personWith("chair-of-governors"),
      {
        label: "2028.01",
        effectiveFrom: "2028-01-20",
        summary: "Shorter.",
        document,
      },
    );
    clock.set("2027-12-20T09:00:00Z");
    expect(await remindAnnualReview(t.app.services)).toBe(0);
    clock.set("2028-01-21T09:00:00Z");
    t.app.services.policyVersions.forget();
    expect((await t.app.services.policyVersions.inForce())?.label).toBe("2028.01");
    expect((await t.app.services.policyVersions.get("2028.01"))?.document.meta.nextReview).toBe(
      "2029-01-20",
    );
    expect(await remindAnnualReview(t.app.services)).toBe(0);
    clock.set("2029-01-20T09:00:00Z");
    expect(await remindAnnualReview(t.app.services)).toBe(2);
  });
});
