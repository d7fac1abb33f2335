import { OutboxWorker } from "../../src/outbox/outboxWorker";
import { outboxKind } from "../../src/outbox/outboxMessage";
import { createLogger } from "../../src/logging";
import { installActivity, personalConversationId, post } from "../support/activities";
import { startAppUnderTest, TestClock, type AppUnderTest } from "../support/inProcessApp";
import { sampleRoster } from "../support/sampleRoster";
import { crashingStore, ProcessDied } from "../support/crashingStore";

const card = (message: string) => ({
  template: "notice",
  data: { title: "Notice", message, tone: "" },
});

/** Polls on the event loop (not a timer, so fake timers cannot stop it) until `ready` holds. */
async function until(ready: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 10_000 && !(await ready()); i++) await new Promise((r) => setImmediate(r));
  if (!(await ready())) throw new Error("the condition never held");
}

describe("the outbox delivers through the real bot adapter to a connector", () => {
  let t: AppUnderTest;
  const clock = new TestClock();
  const [alice, bob, carol, dan] = sampleRoster().slice(8, 12);

  beforeAll(async () => {
    t = await startAppUnderTest({ OUTBOX_POLL_MS: "60000", OUTBOX_RATE_PER_SECOND: "50" }, clock);
    for (const p of [alice!, bob!, carol!])
      await post(t.app.url, installActivity(p, t.connector.url));
    // The policy notices queued at start-up go first, so each test sees only its own messages.
    await t.app.scheduler.runOnce();
    await t.app.outboxWorker.drain();
  });
  afterAll(async () => t.stop());
  beforeEach(() => t.connector.clear());

  test("when a message is enqueued twice, then it is stored and delivered once", async () => {
    const { outbox } = t.app.services;
    expect(
      (
        await outbox.enqueue({
          key: "k1",
          recipient: alice!.aadObjectId,
          purpose: "test",
          campaign: "c1",
          card: card("one"),
        })
      ).created,
    ).toBe(true);
    expect(
      (
        await outbox.enqueue({
          key: "k1",
          recipient: alice!.aadObjectId,
          purpose: "test",
          campaign: "c1",
          card: card("one"),
        })
      ).created,
    ).toBe(false);
    const result = await t.app.outboxWorker.drain();
    expect(result.delivered).toBe(1);
    expect(
      t.connector
        .texts(personalConversationId(alice!.aadObjectId))
        .filter((x) => x.includes("one")),
    ).toHaveLength(1);
    const stored = await outbox.byKey("k1");
    expect(stored?.status).toBe("delivered");
    expect(stored?.deliveredAt).not.toBeNull();
    expect(await outbox.progress("c1")).toEqual({
      pending: 0,
      delivered: 1,
      undeliverable: 0,
      failed: 0,
    });
  });

  test("when Teams keeps throttling with 429, then the message is retried after Retry-After and not lost", async () => {
    const { outbox } = t.app.services;
    // The connector client absorbs a single 429 itself; a run of them reaches the outbox.
    for (let i = 0; i < 4; i++) t.connector.failNext(429, 1);
    await outbox.enqueue({
      key: "k2",
      recipient: bob!.aadObjectId,
      purpose: "test",
      card: card("two"),
    });
    const first = await t.app.outboxWorker.drain();
    expect(first.retried).toBe(1);
    const waiting = await outbox.byKey("k2");
    expect(waiting?.status).toBe("pending");
    expect(Date.parse(waiting!.dueAt)).toBeGreaterThan(clock.now().getTime());
    expect((await t.app.outboxWorker.drain()).delivered).toBe(0);
    // Time moves to each Retry-After in turn (the connector may answer 429 again) instead of waiting.
    let delivered = 0;
    for (let i = 0; i < 5 && delivered === 0; i++) {
      clock.advanceMs(Date.parse((await outbox.byKey("k2"))!.dueAt) - clock.now().getTime() + 1);
      delivered = (await t.app.outboxWorker.drain()).delivered;
    }
    expect(delivered).toBe(1);
    expect(t.connector.texts().filter((x) => x.includes("two"))).toHaveLength(1);
  });

  test("when the person blocked the bot (403), then the message is marked undeliverable with the reason", async () => {
    const { outbox } = t.app.services;
    t.connector.failNext(403);
    await outbox.enqueue({
      key: "k3",
      recipient: carol!.aadObjectId,
      purpose: "test",
      card: card("three"),
    });
    expect((await t.app.outboxWorker.drain()).undeliverable).toBe(1);
    expect((await outbox.byKey("k3"))?.lastError).toMatch(/blocked/);
  });

  test("when the person has never opened the app, then the message waits and goes once they install it", async () => {
    const { outbox } = t.app.services;
    await outbox.enqueue({
      key: "k4",
      recipient: dan!.aadObjectId,
      purpose: "test",
      card: card("four"),
    });
    expect((await t.app.outboxWorker.drain()).undeliverable).toBe(1);
    expect((await outbox.byKey("k4"))?.lastError).toMatch(/not installed/);
    await post(t.app.url, installActivity(dan!, t.connector.url));
    expect((await outbox.byKey("k4"))?.status).toBe("pending");
    await t.app.outboxWorker.drain();
    expect((await outbox.byKey("k4"))?.status).toBe("delivered");
    expect(
      t.connector.texts(personalConversationId(dan!.aadObjectId)).filter((x) => x.includes("four")),
    ).toHaveLength(1);
  });

  test("when two instances drain the same outbox at once, then every message is sent exactly once", async () => {
    const { outbox, store, clock } = t.app.services;
    const { messenger } = t.app;
    for (let i = 0; i < 20; i++) {
      await outbox.enqueue({
        key: `race-${i}`,
        recipient: [alice, bob][i % 2]!.aadObjectId,
        purpose: "test",
        campaign: "race",
        card: card(`race ${i}`),
      });
    }
    const second = new OutboxWorker(store, messenger, clock, createLogger("silent"), {
      owner: "second",
      pollMs: 1000,
      ratePerSecond: 50,
    });
    const [a, b] = await Promise.all([t.app.outboxWorker.drain(), second.drain()]);
    expect(a.delivered + b.delivered).toBe(20);
    const sent = t.connector.texts().filter((x) => x.includes("race "));
    expect(sent).toHaveLength(20);
    expect(new Set(sent).size).toBe(20);
  });

  test("when a drain is asked for while the instance's own drain is sending, then it waits its turn and returns only when every due message is delivered", async () => {
    const { outbox, store, clock } = t.app.services;
    const { messenger } = t.app;
    for (let i = 0; i < 3; i++) {
      await outbox.enqueue({
        key: `turn-${i}`,
        recipient: [alice, bob][i % 2]!.aadObjectId,
        purpose: "test",
        campaign: "turn",
        card: card(`turn ${i}`),
      });
    }
    // The first send is held (a slow connector) until the test lets it go.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let sends = 0;
    const slowFirst = {
      ...messenger,
      sendCard: async (recipient: string, c: Parameters<typeof messenger.sendCard>[1]) => {
        if (sends++ === 0) await held;
        return messenger.sendCard(recipient, c);
      },
    };
    const worker = new OutboxWorker(store, slowFirst, clock, createLogger("silent"), {
      owner: "one-instance",
      pollMs: 1000,
      ratePerSecond: 50,
    });
    const pendingNow = async () =>
      (await outbox.campaignMessages("turn")).filter((m) => m.status === "pending").length;
    const first = worker.drain();
    await until(async () => sends === 1);
    let pendingWhenSecondReturned: number | undefined;
    const second = worker.drain().then(async (r) => {
      pendingWhenSecondReturned = await pendingNow();
      return r;
    });
    // Long enough for a second drain that does not wait its turn to take the rest and return.
    for (let i = 0; i < 500 && pendingWhenSecondReturned === undefined; i++)
      await new Promise((r) => setImmediate(r));
    release();
    const [a, b] = await Promise.all([first, second]);
    expect(pendingWhenSecondReturned).toBe(0);
    expect(a.delivered + b.delivered).toBe(3);
    expect(a.delivered).toBe(3);
  });

  test("when work is enqueued while an idle poll is running, then the next poll comes pollMs after it, not after the backed-off wait", async () => {
    const { outbox, store, clock } = t.app.services;
    const { messenger } = t.app;
    // The worker's store: its outbox queries can be held, and made to see nothing (as a query
    // that ran just before the message arrived).
    let finds = 0;
    let hold: Promise<void> | undefined;
    let blind = false;
    const watched = Object.create(store) as typeof store;
    watched.collection = (kind) => {
      const inner = store.collection(kind);
      const wrapped = Object.create(inner) as typeof inner;
      wrapped.find = async (query) => {
        finds++;
        const held = hold;
        hold = undefined;
        if (held) await held;
        return blind ? { items: [] } : inner.find(query);
      };
      return wrapped;
    };
    const worker = new OutboxWorker(watched, messenger, clock, createLogger("silent"), {
      owner: "idle",
      pollMs: 1000,
      idlePollMs: 60_000,
      ratePerSecond: 50,
    });
    jest.useFakeTimers({
      doNotFake: ["nextTick", "setImmediate", "queueMicrotask", "Date", "hrtime", "performance"],
    });
    try {
      worker.start();
      // Idle for a while: the polls back off to one a minute.
      for (let s = 0; s < 130; s++) {
        const before = finds;
        await jest.advanceTimersByTimeAsync(1000);
        if (finds > before) await until(async () => finds % 4 === 0);
      }
      let released!: () => void;
      hold = new Promise<void>((r) => (released = r));
      blind = true;
      const before = finds;
      await jest.advanceTimersByTimeAsync(60_000);
      await until(async () => finds > before);
      // The poll is running (and will see nothing); a message arrives here meanwhile.
      const entry = outbox.entryFor({
        key: "woken-1",
        recipient: alice!.aadObjectId,
        purpose: "test",
        card: card("woken one"),
      });
      await store.collection(outboxKind).create(entry.id, entry.data);
      worker.wake();
      released();
      await until(async () => finds >= before + 4);
      blind = false;
      for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
      await jest.advanceTimersByTimeAsync(1000);
      await until(async () => (await outbox.byKey("woken-1"))?.status === "delivered");
    } finally {
      await worker.stop(0);
      jest.useRealTimers();
    }
  });

  test("when the rate limit outlasts a claim and another instance takes the message, then only that instance sends it", async () => {
    const { outbox, store } = t.app.services;
    const { messenger } = t.app;
    await outbox.enqueue({
      key: "lease-1",
      recipient: alice!.aadObjectId,
      purpose: "test",
      campaign: "lease",
      card: card("lease one"),
    });
    await outbox.enqueue({
      key: "lease-2",
      recipient: bob!.aadObjectId,
      purpose: "test",
      campaign: "lease",
      card: card("lease two"),
    });
    // One message a second and a 600 ms lease: the second message's claim runs out while it waits its turn.
    // The instances' clock and timers are the test's: it moves time, nothing sleeps.
    let at = clock.now().getTime() + 1000;
    const theirClock = { now: () => new Date(at) };
    const slow = new OutboxWorker(store, messenger, theirClock, createLogger("silent"), {
      owner: "slow",
      pollMs: 1000,
      ratePerSecond: 1,
      leaseMs: 600,
    });
    const fast = new OutboxWorker(store, messenger, theirClock, createLogger("silent"), {
      owner: "fast",
      pollMs: 1000,
      ratePerSecond: 50,
      leaseMs: 600,
    });
    jest.useFakeTimers({
      doNotFake: ["nextTick", "setImmediate", "queueMicrotask", "Date", "hrtime", "performance"],
    });
    let taken, left;
    try {
      const slowDrain = slow.drain();
      // The slow instance sends lease-1, claims lease-2 and waits a second for its turn ...
      await until(async () => (await outbox.byKey("lease-2"))?.leaseOwner === "slow");
      // ... long enough for its 600 ms claim to run out and the fast instance to take the message.
      at += 750;
      taken = await fast.drain();
      await jest.advanceTimersByTimeAsync(1000);
      left = await slowDrain;
    } finally {
      jest.useRealTimers();
    }
    expect(taken.delivered).toBe(1);
    expect(left.delivered).toBe(1);
    const sent = t.connector.texts().filter((x) => x.includes("lease "));
    expect(sent.sort()).toEqual([
      expect.stringContaining("lease one"),
      expect.stringContaining("lease two"),
    ]);
    expect((await outbox.byKey("lease-2"))?.status).toBe("delivered");
  });

  test("when the connector answers and the process dies before the store records it, then a restarted instance sends it again: at least once, never lost", async () => {
    const { outbox, store } = t.app.services;
    const { messenger } = t.app;
    await outbox.enqueue({
      key: "crash-1",
      recipient: alice!.aadObjectId,
      purpose: "test",
      card: card("crash one"),
    });
    const sent = () =>
      t.connector
        .texts(personalConversationId(alice!.aadObjectId))
        .filter((x) => x.includes("crash one"));
    // Its first write claims the message; it dies at the second, which would record the delivery.
    const dying = new OutboxWorker(
      crashingStore(store, 2, "before"),
      messenger,
      clock,
      createLogger("silent"),
      { owner: "dying", pollMs: 1000, ratePerSecond: 50, leaseMs: 1000 },
    );
    await expect(dying.drain()).rejects.toThrow(ProcessDied);
    expect(sent()).toHaveLength(1);
    expect((await outbox.byKey("crash-1"))?.status).toBe("pending");
    // Its claim runs out; another instance (or the same one restarted) delivers it again.
    clock.advanceMs(1001);
    const restarted = new OutboxWorker(store, messenger, clock, createLogger("silent"), {
      owner: "restarted",
      pollMs: 1000,
      ratePerSecond: 50,
      leaseMs: 1000,
    });
    expect((await restarted.drain()).delivered).toBe(1);
    expect(sent()).toHaveLength(2);
    expect((await outbox.byKey("crash-1"))?.status).toBe("delivered");
    expect((await restarted.drain()).delivered).toBe(0);
  });

  test("when the worker is stopped mid-drain, then it returns within seconds, and the message waiting its turn is given back", async () => {
    const { outbox, store, clock } = t.app.services;
    const { messenger } = t.app;
    for (let i = 0; i < 6; i++) {
      await outbox.enqueue({
        key: `stop-${i}`,
        recipient: [alice, bob][i % 2]!.aadObjectId,
        purpose: "test",
        campaign: "stop",
        card: card(`stop ${i}`),
      });
    }
    // One message every four seconds: a whole drain would take over twenty.
    const worker = new OutboxWorker(store, messenger, clock, createLogger("silent"), {
      owner: "stopping",
      pollMs: 1000,
      ratePerSecond: 0.25,
      leaseMs: 60_000,
    });
    worker.start();
    for (let i = 0; i < 50 && !t.connector.texts().some((x) => x.includes("stop ")); i++)
      await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    await worker.stop();
    expect(Date.now() - started).toBeLessThan(10_000);
    const messages = await outbox.campaignMessages("stop");
    const delivered = messages.filter((m) => m.status === "delivered");
    expect(delivered).toHaveLength(1);
    // Nothing is left holding a lease: every other message can be taken at once by another instance.
    for (const m of messages.filter((m) => m.status === "pending")) {
      expect(m.leaseOwner).toBeNull();
      expect(Date.parse(m.dueAt)).toBeLessThanOrEqual(clock.now().getTime());
    }
    expect((await t.app.outboxWorker.drain()).delivered).toBe(5);
  });
});
