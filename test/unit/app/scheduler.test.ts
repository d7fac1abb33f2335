import { Scheduler } from "../../../src/app/scheduler";
import { createLogger } from "../../../src/logging";
import type { Leases } from "../../../src/store/leases";

/*
 * The scheduler on a store that fails: a Graph outage while taking or giving back a job's lease
 * skips that job for one tick, and the next tick runs it again (reminders must not end silently).
 */
class FlakyLeases {
  failures = 0;
  constructor(
    private readonly failAcquire: number,
    private readonly failRelease: number,
  ) {}
  async acquire(): Promise<boolean> {
    if (this.failures < this.failAcquire) {
      this.failures++;
      throw new Error("Microsoft Graph is unavailable (HTTP 504) after retries");
    }
    return true;
  }
  async release(): Promise<void> {
    if (this.failRelease > 0 && this.failures < this.failAcquire + this.failRelease) {
      this.failures++;
      throw new Error("Microsoft Graph is unavailable (HTTP 503) after retries");
    }
  }
}

describe("scheduler on a failing store", () => {
  test.each([
    ["taking the lease", 1, 0],
    ["giving the lease back", 0, 1],
  ])(
    "when the store fails while %s, then the tick does not throw, the other jobs still run, and the next tick runs every job",
    async (_what, failAcquire, failRelease) => {
      const leases = new FlakyLeases(failAcquire, failRelease);
      const scheduler = new Scheduler(
        leases as unknown as Leases,
        "me",
        60_000,
        createLogger("silent"),
      );
      const ran: string[] = [];
      scheduler.add({ name: "reminders", run: async () => void ran.push("reminders") });
      scheduler.add({ name: "reviews", run: async () => void ran.push("reviews") });

      await expect(scheduler.runOnce()).resolves.toBeUndefined();
      expect(ran).toEqual(failAcquire ? ["reviews"] : ["reminders", "reviews"]);

      ran.length = 0;
      await scheduler.runOnce();
      expect(ran).toEqual(["reminders", "reviews"]);
    },
  );
});

/** One shared lease record, as the store holds it, counting how often it is looked at. */
class SharedLease {
  owner: string | null = null;
  until = 0;
  looks = 0;
  constructor(private readonly now: () => number) {}
  forInstance(): Leases {
    return {
      acquire: async (_name: string, owner: string, ms: number) => {
        this.looks++;
        if (this.owner !== null && this.owner !== owner && this.until > this.now()) return false;
        this.owner = owner;
        this.until = this.now() + ms;
        return true;
      },
      release: async (_name: string, owner: string) => {
        if (this.owner === owner) this.owner = null;
      },
    } as unknown as Leases;
  }
}

describe("scheduler ticks at idle", () => {
  const MINUTE = 60_000;

  test("when a job was run, then the ticks before it is due again read nothing, and it runs again once due", async () => {
    let now = Date.parse("2026-01-05T08:00:00Z");
    const lease = new SharedLease(() => now);
    const scheduler = new Scheduler(lease.forInstance(), "a", MINUTE, createLogger("silent"), {
      jobEveryMs: 15 * MINUTE,
      clock: { now: () => new Date(now) },
    });
    const ran: string[] = [];
    scheduler.add({ name: "reminders", run: async () => void ran.push("reminders") });
    scheduler.add({
      name: "hourly",
      everyMs: 60 * MINUTE,
      run: async () => void ran.push("hourly"),
    });

    expect(await scheduler.tick()).toEqual(["reminders", "hourly"]);
    expect(lease.looks).toBe(1);
    for (let m = 1; m < 15; m++) {
      now += MINUTE;
      expect(await scheduler.tick()).toEqual([]);
    }
    // Fourteen ticks, not one store request.
    expect(lease.looks).toBe(1);
    now += MINUTE;
    expect(await scheduler.tick()).toEqual(["reminders"]);
    now += 45 * MINUTE;
    expect(await scheduler.tick()).toEqual(["reminders", "hourly"]);
    expect(lease.looks).toBe(3);
  });

  test("when two instances tick, then one does the scheduled work, the other looks at the lease only when it may have run out, and takes over when its holder stops", async () => {
    let now = Date.parse("2026-01-05T08:00:00Z");
    const clock = { now: () => new Date(now) };
    const lease = new SharedLease(() => now);
    const runs: string[] = [];
    const instance = (name: string) => {
      const s = new Scheduler(lease.forInstance(), name, MINUTE, createLogger("silent"), {
        jobEveryMs: 15 * MINUTE,
        clock,
      });
      s.add({ name: "reminders", run: async () => void runs.push(name) });
      return s;
    };
    const a = instance("a");
    const b = instance("b");
    for (let m = 0; m < 60; m++) {
      await a.tick();
      await b.tick();
      now += MINUTE;
    }
    // An hour: four runs, all by the holder; the other looked four times, never once a minute.
    expect(runs).toEqual(["a", "a", "a", "a"]);
    expect(lease.looks).toBe(8);
    // The holder stops; its lease runs out and the other instance carries on alone.
    runs.length = 0;
    for (let m = 0; m < 60; m++) {
      await b.tick();
      now += MINUTE;
    }
    expect(runs.length).toBeGreaterThanOrEqual(1);
    expect(new Set(runs)).toEqual(new Set(["b"]));
  });

  test("when a job fails, then it is tried again at the next tick", async () => {
    let now = Date.parse("2026-01-05T08:00:00Z");
    const lease = new SharedLease(() => now);
    const scheduler = new Scheduler(lease.forInstance(), "a", MINUTE, createLogger("silent"), {
      jobEveryMs: 15 * MINUTE,
      clock: { now: () => new Date(now) },
    });
    let attempts = 0;
    scheduler.add({
      name: "flaky",
      run: async () => {
        if (attempts++ === 0) throw new Error("Graph 503 after retries");
      },
    });
    await scheduler.tick();
    now += MINUTE;
    await scheduler.tick();
    expect(attempts).toBe(2);
    now += MINUTE;
    await scheduler.tick();
    expect(attempts).toBe(2);
  });
});

describe("scheduler stopping", () => {
  test("when the instance doing the scheduled work stops, then it gives the lease back and a new instance runs the jobs at once", async () => {
    let now = Date.parse("2026-01-05T08:00:00Z");
    const clock = { now: () => new Date(now) };
    const lease = new SharedLease(() => now);
    const runs: string[] = [];
    const instance = (name: string) => {
      const s = new Scheduler(lease.forInstance(), name, 60_000, createLogger("silent"), {
        jobEveryMs: 15 * 60_000,
        clock,
      });
      s.add({ name: "reminders", run: async () => void runs.push(name) });
      return s;
    };
    const old = instance("old");
    await old.tick();
    await old.stop(1000);
    now += 60_000;
    await instance("restarted").tick();
    expect(runs).toEqual(["old", "restarted"]);
  });
});
