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
