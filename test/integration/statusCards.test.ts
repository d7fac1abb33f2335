import { cardText } from "../support/connectorRecorder";
import {
  installActivity,
  invokeActivity,
  messageActivity,
  personalConversationId,
  post,
} from "../support/activities";
import { startAppUnderTest, TestClock, type AppUnderTest } from "../support/inProcessApp";
import { personWith, sampleRoster } from "../support/sampleRoster";
import { acknowledgementKind } from "../../src/features/acknowledgements/acknowledgementRecords";

/*
 * Status that never goes stale: a status card shown in reply is kept, so acknowledging later
 * redraws it (and every card still offering the button) through the outbox.
 */
describe("status cards after acknowledging", () => {
  const clock = new TestClock();
  let t: AppUnderTest;
  const teacher = personWith("staff");
  const conversation = personalConversationId(teacher.aadObjectId);

  beforeAll(async () => {
    clock.set("2026-12-01T09:00:00Z");
    t = await startAppUnderTest({ OUTBOX_POLL_MS: "60000", SCHEDULE_TICK_MS: "3600000" }, clock);
    await post(t.app.url, installActivity(teacher, t.connector.url));
    await t.app.scheduler.runOnce();
    await t.app.outboxWorker.drain();
  });
  afterAll(async () => t.stop());

  test("when a teacher asks for their status and then acknowledges, then the status card and the notice card above are updated in place", async () => {
    const notice = t.connector.activities.find(
      (a) =>
        a.conversationId === conversation &&
        cardText(a.body.attachments?.[0]?.content).includes("I have read and understood"),
    );
    expect(notice).toBeDefined();
    t.connector.clear();
    await post(t.app.url, messageActivity(teacher, t.connector.url, "policy"));
    const status = t.connector.activities.find((a) =>
      cardText(a.body.attachments?.[0]?.content).includes("Not yet acknowledged"),
    );
    expect(status).toBeDefined();
    const label = (await t.app.services.policyVersions.inForce())!.label;

    const reply = (
      await post(
        t.app.url,
        invokeActivity(teacher, t.connector.url, "acknowledgePolicy", { version: label }),
      )
    ).body as { type: string; value: unknown };
    expect(reply.type).toBe("application/vnd.microsoft.card.adaptive");
    t.connector.clear();
    await t.app.outboxWorker.drain();
    const updates = t.connector.activities.filter((a) => a.method === "PUT");
    const statusUpdate = updates.find((a) => a.activityId === status!.activityId);
    expect(cardText(statusUpdate?.body.attachments?.[0]?.content)).toMatch(
      /Acknowledged on 1 December 2026/,
    );
    expect(cardText(statusUpdate?.body.attachments?.[0]?.content)).not.toContain(
      "Not yet acknowledged",
    );
    const noticeUpdate = updates.find((a) => a.activityId === notice!.activityId);
    expect(cardText(noticeUpdate?.body.attachments?.[0]?.content)).toMatch(
      /Acknowledged on 1 December 2026/,
    );
    // Nothing new was posted: the cards changed where they are.
    expect(t.connector.activities.filter((a) => a.method === "POST")).toEqual([]);
  });

  test("when a teacher who has not acknowledged asks for their status, then their acknowledgement is read once for the status card and the card to acknowledge", async () => {
    const other = sampleRoster().find(
      (p) => p.roles.includes("staff") && p.aadObjectId !== teacher.aadObjectId,
    )!;
    const acks = t.app.services.store.collection(acknowledgementKind);
    const reads = jest.spyOn(acks, "get");
    try {
      t.connector.clear();
      await post(t.app.url, messageActivity(other, t.connector.url, "policy"));
      const texts = t.connector.texts(personalConversationId(other.aadObjectId));
      expect(texts.some((x) => x.includes("Not yet acknowledged"))).toBe(true);
      expect(texts.some((x) => x.includes("I have read and understood"))).toBe(true);
      const label = (await t.app.services.policyVersions.inForce())!.label;
      const versions = [label, (await t.app.services.policyVersions.upcoming())?.label].filter(
        Boolean,
      );
      const mine = reads.mock.calls.filter(([id]) => String(id).includes(other.aadObjectId));
      expect(mine).toHaveLength(versions.length);
    } finally {
      reads.mockRestore();
    }
  });
});
