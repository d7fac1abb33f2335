import { GraphThrottle, ruCost } from "../../../src/graph/throttle";
import { inBackground } from "../../../src/workLane";

/*
 * The instance's one Graph throttle, on jest's fake clock: resource units spent from a bucket
 * that keeps every minute under the budget, interactive work ahead of background work, and a
 * 429 for anyone pausing everyone.
 */
describe("the shared Graph throttle", () => {
  beforeEach(() => jest.useFakeTimers({ now: Date.parse("2026-12-01T09:00:00Z") }));
  afterEach(() => jest.useRealTimers());

  test("when requests are priced, then reads of one item cost 1 and queries and writes cost 2", () => {
    expect(ruCost("GET", "/sites/s/lists/l/items/7")).toBe(1);
    expect(ruCost("GET", "/sites/s/lists/l/items?$filter=x")).toBe(2);
    expect(ruCost("PATCH", "/sites/s/lists/l/items/7/fields")).toBe(2);
    expect(ruCost("GET", "/groups/g/transitiveMembers/microsoft.graph.user")).toBe(0);
  });

  test("when background work wants far more than the budget, then no calendar minute spends more than it", async () => {
    const throttle = new GraphThrottle({ ruPerMinute: 600 });
    const spentAt: number[] = [];
    let done = 0;
    for (let i = 0; i < 1000; i++) {
      void inBackground(() => throttle.acquire(2)).then(() => {
        spentAt.push(Date.now());
        done++;
      });
    }
    await jest.advanceTimersByTimeAsync(5 * 60_000);
    const perMinute = new Map<number, number>();
    for (const at of spentAt) {
      const minute = Math.floor(at / 60_000);
      perMinute.set(minute, (perMinute.get(minute) ?? 0) + 2);
    }
    expect(done).toBeGreaterThan(0);
    expect(Math.max(...perMinute.values())).toBeLessThanOrEqual(600);
    expect(throttle.totals().byLane.background).toBe(done * 2);
  });

  test("when a fan-out has queued a backlog, then a card click is served within a second", async () => {
    const throttle = new GraphThrottle({ ruPerMinute: 600 });
    for (let i = 0; i < 500; i++) void inBackground(() => throttle.acquire(2));
    await jest.advanceTimersByTimeAsync(10_000);
    const started = Date.now();
    let servedAt = 0;
    void throttle.acquire(2, "interactive").then(() => (servedAt = Date.now()));
    await jest.advanceTimersByTimeAsync(2_000);
    expect(servedAt).toBeGreaterThan(0);
    expect(servedAt - started).toBeLessThan(1000);
  });

  test("when any request meets a 429 with Retry-After, then every lane waits that long", async () => {
    const throttle = new GraphThrottle({ ruPerMinute: 100_000 });
    throttle.pause(5);
    const started = Date.now();
    const served: Record<string, number> = {};
    void throttle.acquire(1, "interactive").then(() => (served.interactive = Date.now()));
    void throttle.acquire(0, "background").then(() => (served.free = Date.now()));
    void inBackground(() => throttle.acquire(2)).then(() => (served.background = Date.now()));
    await jest.advanceTimersByTimeAsync(4_900);
    expect(served).toEqual({});
    await jest.advanceTimersByTimeAsync(200);
    for (const lane of ["interactive", "free", "background"]) {
      expect(served[lane]! - started).toBeGreaterThanOrEqual(5_000);
    }
    expect(throttle.totals().throttled).toBe(1);
  });

  test("when SharePoint says the minute's budget is nearly spent, then requests wait for its reset", async () => {
    const throttle = new GraphThrottle({ ruPerMinute: 600 });
    throttle.remaining(3, 20);
    let servedAt = 0;
    const started = Date.now();
    void throttle.acquire(2, "interactive").then(() => (servedAt = Date.now()));
    await jest.advanceTimersByTimeAsync(19_000);
    expect(servedAt).toBe(0);
    await jest.advanceTimersByTimeAsync(2_000);
    expect(servedAt - started).toBeGreaterThanOrEqual(20_000);
  });
});
