import { randomUUID } from "node:crypto";
import { acknowledgementKind } from "../../src/features/acknowledgements/acknowledgementRecords";
import {
  acknowledgementRows,
  acknowledgementSummary,
} from "../../src/features/acknowledgements/acknowledgementQueries";
import { runProvisioning } from "../../src/cli/provisionSharePoint";
import { outboxKind, type OutboxMessage } from "../../src/outbox/outboxMessage";
import { itemFieldsFor, SharePointStore } from "../../src/store/sharepoint/sharePointStore";
import { outboxId } from "../../src/outbox/outboxMessage";
import type { RecordKind } from "../../src/ports";
import { GraphTestServer, sharePointEnv } from "../support/graphTestServer";
import { startAppUnderTest, type AppUnderTest } from "../support/inProcessApp";

/*
 * SharePoint refuses a query on a list past 5,000 items unless its first condition is on an
 * indexed column and narrows to 5,000 or fewer. The app's own queries (the dashboard summary by
 * version and campaign, the outbox poll) on lists of 20,000 acknowledgements and 6,000 pending
 * messages, on a test server that enforces the rule.
 */
jest.mock("better-sqlite3", () => {
  throw new Error("better-sqlite3 must not be loaded when STORE=sharepoint");
});
jest.setTimeout(120_000);

const anyKind = <T>(kind: RecordKind<T>) => kind as unknown as RecordKind<unknown>;

describe("the app on SharePoint lists past the list view threshold", () => {
  let server: GraphTestServer;
  let t: AppUnderTest;
  const siteId = `contoso.sharepoint.com,${randomUUID()},${randomUUID()}`;
  const env = () => ({
    ...sharePointEnv(server, siteId),
    OUTBOX_POLL_MS: "60000",
    SCHEDULE_TICK_MS: "3600000",
  });

  beforeAll(async () => {
    server = await new GraphTestServer().start();
    server.addSite(siteId);
    await runProvisioning({ ...env(), LOG_LEVEL: "silent" }, () => undefined);
    t = await startAppUnderTest(env());
    // Four versions of 5,000 acknowledgements each.
    server.seedItems(
      siteId,
      "PolicyBot_acknowledgements",
      Array.from({ length: 20_000 }, (_, i) => {
        const version = ["2021.09", "2022.09", "2023.09", "2024.07"][i % 4]!;
        const data = {
          version,
          aadObjectId: `person-${Math.floor(i / 4)}`,
          acknowledgedAt: "2024-09-01T09:00:00.000Z",
          channel: "teams-card",
        };
        return itemFieldsFor(
          anyKind(acknowledgementKind),
          `${version}:${data.aadObjectId}`,
          data,
          "seeded",
        );
      }),
    );
    // 6,000 pending messages, ten of them due now.
    const now = Date.now();
    server.seedItems(
      siteId,
      "PolicyBot_outbox",
      Array.from({ length: 6_000 }, (_, i) => {
        const key = `bulk:${i}`;
        const message: OutboxMessage = {
          key,
          recipient: `person-${i}`,
          purpose: "notice",
          campaign: "bulk",
          card: { template: "notice", data: { title: "Notice", message: "m", tone: "" } },
          replaces: null,
          status: "pending",
          attempts: 0,
          dueAt: new Date(i < 10 ? now - 1000 : now + 86_400_000).toISOString(),
          leaseOwner: null,
          createdAt: new Date(now).toISOString(),
          deliveredAt: null,
          activityId: null,
          lastError: null,
        };
        return itemFieldsFor(anyKind(outboxKind), outboxId(key), message, "seeded");
      }),
    );
  });
  afterAll(async () => {
    await t?.stop();
    await server?.stop();
  });

  test("when a query's first condition matches more than 5,000 items, then the test server refuses it as SharePoint does", async () => {
    const acks = t.app.services.store.collection(acknowledgementKind);
    await expect(acks.find({ where: { channel: "teams-card" } as never })).rejects.toThrow();
    await expect(
      acks.find({ range: { field: "acknowledgedAt", lte: "2030-01-01" }, limit: 5 }),
    ).rejects.toThrow(/list view threshold/);
    await expect(
      t.app.services.store.collection(outboxKind).find({ where: { status: "pending" }, limit: 5 }),
    ).rejects.toThrow(/list view threshold/);
  });

  test("when the dashboard summary is read for a version of 5,000 acknowledgements, then it answers", async () => {
    const summary = await acknowledgementSummary(t.app.services, "2024.07");
    expect(summary).toBeDefined();
  });

  test("when the tab asks for the summary and the rows at once, then the lists are read once for both", async () => {
    const listId = await (t.app.services.store as SharePointStore).listId(
      anyKind(acknowledgementKind),
    );
    const reads = (from: number) =>
      server.requests
        .slice(from)
        .filter((r) => r.method === "GET" && r.path.endsWith(`/lists/${listId}/items`)).length;
    let before = server.requests.length;
    await acknowledgementSummary(t.app.services, "2024.07");
    const one = reads(before);
    before = server.requests.length;
    const [summary, rows] = await Promise.all([
      acknowledgementSummary(t.app.services, "2024.07"),
      acknowledgementRows(t.app.services, "2024.07", { limit: 50 }),
    ]);
    expect(summary).toBeDefined();
    expect(rows?.rows.length).toBeGreaterThan(0);
    expect(one).toBeGreaterThan(20);
    expect(reads(before)).toBe(one);
  });

  test("when the outbox is polled with 6,000 messages pending, then every due message is taken, the ones not due stay, and no query is refused", async () => {
    const before = server.requests.length;
    const statuses = async (keys: number[]) =>
      Promise.all(keys.map(async (i) => (await t.app.services.outbox.byKey(`bulk:${i}`))?.status));
    // The app's own background drain (started with the app, taking the start-up notices) may
    // still be running: this drain waits its turn, so when it returns nothing due is left.
    const result = await t.app.outboxWorker.drain();
    expect(result.failed).toBe(0);
    const due = await statuses([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(due.filter((s) => s === "pending")).toEqual([]);
    // Not on the roster: each was taken and settled, none left holding a lease.
    expect(new Set(due)).toEqual(new Set(["undeliverable"]));
    expect(await statuses([10, 11, 5_999])).toEqual(["pending", "pending", "pending"]);
    // Nothing refused: no threshold refusal, and no claim lost to a drain of the same instance.
    const refused = server.requests.slice(before).filter((r) => r.status >= 400);
    expect(refused).toEqual([]);
  });
});
