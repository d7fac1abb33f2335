import { TOO_LARGE_TEXT } from "../../src/bot/cards/renderCard";
import { installActivity, personalConversationId, post } from "../support/activities";
import { startAppUnderTest, type AppUnderTest } from "../support/inProcessApp";
import { sampleRoster } from "../support/sampleRoster";

/*
 * Teams answers 413 (MessageSizeTooBig) to a message over its limit, which our own estimate can
 * miss (the envelope, a host's own encoding). The person then gets a short note, delivered, and
 * the outbox does not retry the same refusal for ever.
 */
describe("a card Teams refuses as too large", () => {
  let t: AppUnderTest;
  const person = sampleRoster()[9]!;

  beforeAll(async () => {
    t = await startAppUnderTest({ OUTBOX_POLL_MS: "60000", OUTBOX_RATE_PER_SECOND: "50" });
    await post(t.app.url, installActivity(person, t.connector.url));
    await t.app.scheduler.runOnce();
    await t.app.outboxWorker.drain();
  });
  afterAll(async () => t.stop());

  test("when Teams answers 413 to a proactive card, then a short note is sent instead and the message is delivered", async () => {
    t.connector.clear();
    t.connector.failNext(413);
    await t.app.services.outbox.enqueue({
      key: "big-1",
      recipient: person.aadObjectId,
      purpose: "test",
      card: { template: "notice", data: { title: "Notice", message: "A long notice", tone: "" } },
    });
    expect((await t.app.outboxWorker.drain()).delivered).toBe(1);
    expect(t.connector.texts(personalConversationId(person.aadObjectId))).toEqual([TOO_LARGE_TEXT]);
    expect((await t.app.services.outbox.byKey("big-1"))?.status).toBe("delivered");
  });

  test("when a card is over the limit before it is sent, then the note goes instead of a crash", async () => {
    t.connector.clear();
    await t.app.services.outbox.enqueue({
      key: "big-2",
      recipient: person.aadObjectId,
      purpose: "test",
      card: {
        template: "notice",
        data: { title: "Notice", message: "x".repeat(60_000), tone: "" },
      },
    });
    expect((await t.app.outboxWorker.drain()).delivered).toBe(1);
    expect(t.connector.texts(personalConversationId(person.aadObjectId))).toEqual([TOO_LARGE_TEXT]);
  });
});
