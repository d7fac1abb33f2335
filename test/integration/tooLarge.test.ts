import { tooLargeNote } from "../../src/bot/cards/renderCard";
import { installActivity, personalConversationId, post } from "../support/activities";
import { sayTo, startAppUnderTest, type AppUnderTest } from "../support/inProcessApp";
import { sampleRoster } from "../support/sampleRoster";

/*
 * Teams answers 413 (MessageSizeTooBig), or a 400 saying the same, to a message over its limit,
 * which our own estimate can miss (the envelope, a host's own encoding). The person then gets a
 * short note with a link, the outbox records a clear failure, and it never sends the card again.
 */
describe("a card Teams refuses as too large", () => {
  let t: AppUnderTest;
  const person = sampleRoster()[9]!;
  const conversation = personalConversationId(person.aadObjectId);
  /** Where the note points when the card carries no link of its own: the app, for this person. */
  const appLink = () => t.app.services.dashboardUrlFor(person);
  const notice = (message = "A long notice", extra: Record<string, unknown> = {}) => ({
    template: "notice",
    data: { title: "Notice", message, tone: "", ...extra },
  });
  const enqueue = (key: string, card = notice(), replaces?: string) =>
    t.app.services.outbox.enqueue({
      key,
      recipient: person.aadObjectId,
      purpose: "test",
      card,
      ...(replaces ? { replaces } : {}),
    });

  beforeAll(async () => {
    t = await startAppUnderTest({ OUTBOX_POLL_MS: "60000", OUTBOX_RATE_PER_SECOND: "50" });
    await post(t.app.url, installActivity(person, t.connector.url));
    await t.app.scheduler.runOnce();
    await t.app.outboxWorker.drain();
  });
  afterAll(async () => t.stop());

  test("when Teams answers 413 to a proactive card, then a note with a link goes instead, the message is recorded failed (too large) and it is never sent again", async () => {
    t.connector.clear();
    t.connector.failNext(413);
    await enqueue("big-1");
    expect(await t.app.outboxWorker.drain()).toMatchObject({ delivered: 0, failed: 1, retried: 0 });
    expect(t.connector.texts(conversation)).toEqual([tooLargeNote(appLink())]);
    const stored = await t.app.services.outbox.byKey("big-1");
    expect(stored).toMatchObject({ status: "failed", attempts: 1 });
    expect(stored?.lastError).toBe(
      "Too large for Teams: Teams refused it as too large (HTTP 413); a short note with a link was sent instead.",
    );
    // The note's id is kept, so nothing later mistakes the card for never sent.
    expect(stored?.activityId).toBeTruthy();

    t.connector.clear();
    await t.app.outboxWorker.drain();
    expect(t.connector.activities).toHaveLength(0);
    expect((await t.app.services.outbox.byKey("big-1"))?.attempts).toBe(1);
  });

  test("when Teams answers 400 with MessageSizeTooBig, then it is handled as too large; a 400 for anything else is retried as before", async () => {
    t.connector.clear();
    t.connector.failNext(400, undefined, "MessageSizeTooBig");
    await enqueue("big-400");
    expect(await t.app.outboxWorker.drain()).toMatchObject({ failed: 1, retried: 0 });
    expect(t.connector.texts(conversation)).toEqual([tooLargeNote(appLink())]);
    expect((await t.app.services.outbox.byKey("big-400"))?.lastError).toMatch(
      /^Too large for Teams: Teams refused it as too large \(HTTP 400\)/,
    );

    t.connector.clear();
    t.connector.failNext(400, undefined, "BadArgument");
    await enqueue("bad-400");
    expect(await t.app.outboxWorker.drain()).toMatchObject({ failed: 0, retried: 1 });
    expect(t.connector.texts(conversation)).toEqual([]);
    expect(await t.app.services.outbox.byKey("bad-400")).toMatchObject({ status: "pending" });
  });

  test("when the card carries its own link (the policy's full text), then the note links there", async () => {
    t.connector.clear();
    t.connector.failNext(413);
    const fullTextUrl = `${t.app.services.publicUrl}/policy/2024.07`;
    await enqueue("big-link", notice("A long notice", { fullTextUrl }));
    await t.app.outboxWorker.drain();
    expect(t.connector.texts(conversation)).toEqual([tooLargeNote(fullTextUrl)]);
  });

  test("when a card is over the limit before it is sent, then the note goes instead of a crash, and the failure says why", async () => {
    t.connector.clear();
    await enqueue("big-2", notice("x".repeat(60_000)));
    expect(await t.app.outboxWorker.drain()).toMatchObject({ failed: 1 });
    expect(t.connector.texts(conversation)).toEqual([tooLargeNote(appLink())]);
    expect((await t.app.services.outbox.byKey("big-2"))?.lastError).toMatch(
      /^Too large for Teams: over Teams' size limit before sending/,
    );
  });

  test("when updating a sent card is refused as too large, then the card is replaced by the note (not sent again) and the update is recorded failed", async () => {
    t.connector.clear();
    await enqueue("small-original");
    expect((await t.app.outboxWorker.drain()).delivered).toBe(1);
    const original = await t.app.services.outbox.byKey("small-original");
    t.connector.clear();
    t.connector.failNext(413);
    await enqueue("big-update", notice("An update"), "small-original");
    expect(await t.app.outboxWorker.drain()).toMatchObject({ failed: 1, delivered: 0 });
    const sent = t.connector.activities;
    // Only the note's PUT is recorded (the refused one was answered 413); no new message posted.
    expect(sent.map((a) => a.method)).toEqual(["PUT"]);
    expect(sent[0]?.activityId).toBe(original?.activityId);
    expect(t.connector.texts(conversation)).toEqual([tooLargeNote(appLink())]);
    expect((await t.app.services.outbox.byKey("big-update"))?.lastError).toMatch(
      /the card was replaced by a short note with a link\.$/,
    );
  });

  test("when Teams refuses a reply card in the conversation as too large, then the person gets the note with a link, not an apology", async () => {
    t.connector.failNext(413);
    const replies = await sayTo(t, person, "help");
    expect(replies).toBe(tooLargeNote(appLink()));
    expect(replies).not.toContain("something went wrong");
    // Answered normally again straight after.
    expect(await sayTo(t, person, "help")).not.toContain("too long for Teams");
  });
});
