import { randomUUID } from "node:crypto";
import { ConversationReferences } from "../../src/bot/conversationReferences";
import { runProvisioning } from "../../src/cli/provisionSharePoint";
import { startApp } from "../../src/composition";
import { loadConfig } from "../../src/config";
import { createLogger } from "../../src/logging";
import { installActivity, personalConversationId, post } from "../support/activities";
import { GraphTestServer, sharePointEnv } from "../support/graphTestServer";
import { startAppUnderTest, type AppUnderTest } from "../support/inProcessApp";
import { sampleRoster } from "../support/sampleRoster";

/*
 * The whole app with STORE=sharepoint against the Graph test server: two instances share one
 * SharePoint site and deliver a fan-out at the same time, each notice exactly once, while Graph
 * throttles, drops connections and answers slowly. The native SQLite module is never loaded.
 */
jest.mock("better-sqlite3", () => {
  throw new Error("better-sqlite3 must not be loaded when STORE=sharepoint");
});
jest.setTimeout(60_000);

const card = (message: string) => ({
  template: "notice",
  data: { title: "Notice", message, tone: "" },
});

describe("two instances on one SharePoint site", () => {
  let server: GraphTestServer;
  let a: AppUnderTest;
  let b: AppUnderTest;
  const siteId = `contoso.sharepoint.com,${randomUUID()},${randomUUID()}`;
  const staff = sampleRoster().slice(0, 12);
  const env = () => ({
    ...sharePointEnv(server, siteId),
    GRAPH_TIMEOUT_MS: "1000",
    OUTBOX_POLL_MS: "60000",
    OUTBOX_RATE_PER_SECOND: "50",
    // A claim whose answer was lost to an injected fault is retried once its lease runs out. The
    // lease outlasts the slowest chain of injected faults on one message (a slow, throttled and
    // dropped write of its delivery, each retried): a claim that runs out while its delivery is
    // still being recorded is the at-least-once window the README names.
    OUTBOX_LEASE_MS: "10000",
  });

  beforeAll(async () => {
    server = await new GraphTestServer({ maxPageSize: 5 }).start();
    server.addSite(siteId);
    await runProvisioning({ ...env(), LOG_LEVEL: "silent" }, () => undefined);
    a = await startAppUnderTest(env());
    b = await startAppUnderTest(env());
    for (const person of staff) await post(a.app.url, installActivity(person, a.connector.url));
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await server.stop();
  });

  test("when the site has not been provisioned, then start-up stops and says to provision", async () => {
    const other = `contoso.sharepoint.com,${randomUUID()},${randomUUID()}`;
    server.addSite(other);
    const config = loadConfig({ ...env(), SHAREPOINT_SITE_ID: other, LOG_LEVEL: "silent" });
    await expect(startApp({ ...config, port: 0 }, createLogger("silent"))).rejects.toThrow(
      /has no list .*PolicyBot_outbox.*run npm run provision:sharepoint/,
    );
  });

  test("when both instances see each other's conversation references, then either can reach anyone", async () => {
    const reference = await new ConversationReferences(b.app.services.store).personal(
      staff[0]!.aadObjectId,
    );
    expect(reference?.serviceUrl).toBe(a.connector.url);
  });

  test("when both instances fan out the same notice and deliver it at once through faults, then each person gets it exactly once", async () => {
    const envelopes = staff.map((p) => ({
      key: `notice:2026.01:${p.aadObjectId}`,
      recipient: p.aadObjectId,
      purpose: "notice",
      campaign: "notice:2026.01",
      card: card(`Policy 2026.01 for ${p.displayName}`),
    }));
    a.connector.clear();
    server.chaos({
      rate: 0.15,
      seed: 11,
      faults: [
        { kind: "throttle", retryAfterSeconds: 0 },
        { kind: "drop", when: "after" },
        { kind: "drop", when: "before" },
        { kind: "slow", delayMs: 1500 },
        { kind: "batchThrottle", retryAfterSeconds: 0 },
      ],
    });
    const [createdByA, createdByB] = await Promise.all([
      a.app.services.outbox.enqueueAll(envelopes),
      b.app.services.outbox.enqueueAll(envelopes),
    ]);
    expect(createdByA + createdByB).toBe(staff.length);

    const results = await Promise.all([
      a.app.outboxWorker.drain(),
      b.app.outboxWorker.drain(),
      a.app.outboxWorker.drain(),
    ]);
    server.clearFaults();
    // Other work may share the drains (the acknowledgement schedule): count this campaign only.
    expect(results.every((r) => r.failed === 0)).toBe(true);
    // Messages whose claim was cut off by a fault wait for their lease, then go: keep draining.
    const sentSoFar = () =>
      a.connector.texts().filter((text) => text.includes("Policy 2026.01")).length;
    for (let i = 0; i < 60 && sentSoFar() < staff.length; i++) {
      await new Promise((r) => setTimeout(r, 500));
      await Promise.all([a.app.outboxWorker.drain(), b.app.outboxWorker.drain()]);
    }

    const sent = a.connector.texts().filter((text) => text.includes("Policy 2026.01"));
    expect(sent).toHaveLength(staff.length);
    for (const person of staff) {
      expect(
        a.connector
          .texts(personalConversationId(person.aadObjectId))
          .filter((t) => t.includes("Policy 2026.01")),
      ).toHaveLength(1);
    }
    expect(await b.app.services.outbox.progress("notice:2026.01")).toEqual({
      pending: 0,
      delivered: staff.length,
      undeliverable: 0,
      failed: 0,
    });
    expect(Object.values(server.faultCounts).reduce((n, c) => n + (c ?? 0), 0)).toBeGreaterThan(0);
  });
});
