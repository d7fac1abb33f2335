import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Leases } from "../../../src/store/leases";
import { SqliteStore } from "../../../src/store/sqlite/sqliteStore";

describe("leases in the shared store", () => {
  let dir: string;
  let store: SqliteStore;
  let now: Date;
  const clock = { now: () => now };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "leases-"));
    store = SqliteStore.inDataDir(dir);
    now = new Date("2026-01-12T09:00:00Z");
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("when a lease is held, then another instance cannot take it until it expires or is released", async () => {
    const leases = new Leases(store, clock);
    expect(await leases.acquire("job", "a", 60_000)).toBe(true);
    expect(await leases.acquire("job", "b", 60_000)).toBe(false);
    expect(await leases.acquire("job", "a", 60_000)).toBe(true);
    now = new Date(now.getTime() + 61_000);
    expect(await leases.acquire("job", "b", 60_000)).toBe(true);
    await leases.release("job", "a");
    expect(await leases.acquire("job", "a", 60_000)).toBe(false);
    await leases.release("job", "b");
    expect(await leases.acquire("job", "a", 60_000)).toBe(true);
  });

  test("when two instances race for a free lease, then exactly one runs the work", async () => {
    let runs = 0;
    // The winner's work holds the lease until the loser has given up: the race is real, no sleep.
    let finish!: () => void;
    const holding = new Promise<void>((resolve) => (finish = resolve));
    const work = async () => {
      runs++;
      await holding;
      return "done";
    };
    const other = SqliteStore.inDataDir(dir);
    try {
      const racing = [
        new Leases(store, clock).runExclusive("job", "a", 60_000, work),
        new Leases(other, clock).runExclusive("job", "b", 60_000, work),
      ];
      await Promise.race(racing);
      finish();
      const results = await Promise.all(racing);
      expect(runs).toBe(1);
      expect(results.filter((r) => r === "done")).toHaveLength(1);
    } finally {
      await other.close();
    }
  });
});
