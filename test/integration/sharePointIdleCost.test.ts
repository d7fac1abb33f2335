import { randomUUID } from "node:crypto";
import { runProvisioning } from "../../src/cli/provisionSharePoint";
import { GraphTestServer, sharePointEnv } from "../support/graphTestServer";
import { startAppUnderTest, type AppUnderTest } from "../support/inProcessApp";

/*
 * What an instance doing nothing costs the tenant's SharePoint budget (issue #17: under 20 RU a
 * minute per instance). The whole app on STORE=sharepoint, every record kind in lists (the outbox
 * and the leases too: the dearest set-up), its own timers (the outbox poll with its back-off, the
 * scheduler's tick) on fake time: simulated minutes pass in seconds and nothing sleeps. The
 * resource units are the test server's, counted as SharePoint counts them.
 */
jest.mock("better-sqlite3", () => {
  throw new Error("better-sqlite3 must not be loaded when STORE=sharepoint");
});
jest.setTimeout(240_000);

const IDLE_BUDGET_RU_PER_MINUTE = 20;

describe("an idle instance on SharePoint", () => {
  let server: GraphTestServer;
  let t: AppUnderTest | undefined;
  const siteId = `contoso.sharepoint.com,${randomUUID()},${randomUUID()}`;
  const env = () => ({
    ...sharePointEnv(server, siteId),
    // The defaults: a poll a second when busy, a scheduler tick a minute.
    OUTBOX_POLL_MS: "1000",
    SCHEDULE_TICK_MS: "60000",
  });

  /** Lets the app's Graph traffic (real sockets, real time) finish: no new request for a while. */
  async function settle(): Promise<void> {
    let seen = -1;
    let quiet = 0;
    while (quiet < 40) {
      await new Promise((r) => setImmediate(r));
      if (server.requests.length === seen) quiet++;
      else {
        seen = server.requests.length;
        quiet = 0;
      }
    }
  }

  /** Moves fake time on by `minutes`, a second at a time, letting each tick's requests finish. */
  async function pass(minutes: number): Promise<void> {
    for (let s = 0; s < minutes * 60; s++) {
      await jest.advanceTimersByTimeAsync(1000);
      await settle();
    }
  }

  const ruSince = (from: number) =>
    server.requests.slice(from).reduce((sum, r) => sum + (r.ru ?? 0), 0);

  beforeAll(async () => {
    server = await new GraphTestServer({ now: () => Date.now() }).start();
    server.addSite(siteId);
    await runProvisioning({ ...env(), LOG_LEVEL: "silent" }, () => undefined);
  });
  afterAll(async () => {
    jest.useRealTimers();
    await t?.stop();
    await server?.stop();
  });

  test("when an instance has nothing to do, then it spends under 20 resource units a minute", async () => {
    jest.useFakeTimers({ doNotFake: ["nextTick", "setImmediate", "queueMicrotask"] });
    const starting = startAppUnderTest(env());
    let started: AppUnderTest | undefined;
    void starting.then((app) => (started = app));
    while (!started) {
      await jest.advanceTimersByTimeAsync(10);
      await settle();
    }
    t = started;
    // Start-up work (the notices to the sample roster, the first run of every job) settles first.
    await pass(20);
    const due = () =>
      server
        .itemsOf(siteId, "PolicyBot_outbox")
        .filter((i) => i.ix_status === "pending" && String(i.ix_dueAt) <= new Date().toISOString());
    expect(server.itemsOf(siteId, "PolicyBot_outbox").length).toBeGreaterThan(0);
    expect(due()).toEqual([]);
    const from = server.requests.length;
    const minutes = 45;
    await pass(minutes);
    const perMinute = ruSince(from) / minutes;
    // It did look: the outbox was polled and the scheduled jobs ran in the window.
    expect(server.requests.length - from).toBeGreaterThan(minutes / 2);
    process.stdout.write(
      `idle: ${perMinute.toFixed(1)} RU/min over ${minutes} simulated minutes\n`,
    );
    expect(perMinute).toBeLessThan(IDLE_BUDGET_RU_PER_MINUTE);
  });
});
