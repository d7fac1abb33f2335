import { ConversationReferences } from "../../src/bot/conversationReferences";
import { AppInstaller } from "../../src/identity/appInstaller";
import { staticTokenProvider } from "../../src/graph/tokenProvider";
import { createLogger } from "../../src/logging";
import { Leases } from "../../src/store/leases";
import { GraphApi } from "../../src/graph/graphClient";
import { installActivity, personalConversationId, post } from "../support/activities";
import { seedEntra } from "../support/entraDirectory";
import { chatIdFor, GRAPH_TEST_TOKEN, GraphTestServer } from "../support/graphTestServer";
import { startAppUnderTest, type AppUnderTest } from "../support/inProcessApp";
import { sampleRoster } from "../support/sampleRoster";

/*
 * Proactive reach: staff who never opened the app get it installed through Graph
 * (POST /users/{id}/teamwork/installedApps); Teams then greets the bot, which keeps their
 * conversation reference and sends what was waiting. Those Teams refuses are recorded with why.
 */
const CATALOG_APP = "8c3d9b0e-5f1a-4c2b-9d7e-2a1b3c4d5e6f";
const people = sampleRoster();
const logger = createLogger("silent");

describe("installing the app for staff who do not have it", () => {
  let server: GraphTestServer;
  let t: AppUnderTest;
  let now: Date;
  const [hasApp, alsoHasApp, blocked, unlicensed, preinstalled, waiting] = [
    people[0]!,
    people[1]!,
    people[2]!,
    people[3]!,
    people[4]!,
    people[5]!,
  ];
  const installer = () =>
    new AppInstaller({
      graph: new GraphApi(
        { baseUrl: server.baseUrl, timeoutMs: 3000, maxRetries: 3, retryDelaySeconds: 0 },
        staticTokenProvider(GRAPH_TEST_TOKEN),
      ),
      store: t.app.services.store,
      directory: t.app.services.directory,
      clock: { now: () => now },
      logger,
      app: { catalogId: CATALOG_APP },
    });

  beforeAll(async () => {
    server = await new GraphTestServer().start();
    t = await startAppUnderTest({
      ...seedEntra(server, people),
      GRAPH_BASE_URL: server.baseUrl,
      GRAPH_ACCESS_TOKEN: GRAPH_TEST_TOKEN,
      OUTBOX_POLL_MS: "60000",
      OUTBOX_RATE_PER_SECOND: "50",
    });
    server.addCatalogApp(CATALOG_APP);
    server.blockTeamsFor(blocked.aadObjectId);
    server.unknownToTeams(unlicensed.aadObjectId);
    server.preinstall(preinstalled.aadObjectId, CATALOG_APP);
    // As Teams does: once the app is installed for someone, the bot receives installationUpdate.
    server.onAppInstalled = async (userId) => {
      const person = people.find((p) => p.aadObjectId === userId)!;
      await post(t.app.url, installActivity(person, t.connector.url));
    };
    for (const p of [hasApp, alsoHasApp])
      await post(t.app.url, installActivity(p, t.connector.url));
    now = new Date("2026-01-12T08:00:00Z");
  });
  afterAll(async () => {
    await t.stop();
    await server.stop();
  });

  test("when it runs, then everyone without the app gets it, the refusals are recorded, and waiting messages go", async () => {
    await t.app.services.outbox.enqueue({
      key: "waiting-notice",
      recipient: waiting.aadObjectId,
      purpose: "notice",
      card: { template: "notice", data: { title: "Notice", message: "policy changed", tone: "" } },
    });
    await t.app.outboxWorker.drain();
    const before = await t.app.services.outbox.byKey("waiting-notice");
    expect(before).toMatchObject({
      status: "undeliverable",
      lastError: "The person has not installed the app yet.",
    });

    const report = await installer().installMissing();
    expect(report).toEqual({
      requested: people.length - 5,
      alreadyInstalled: 1,
      unreachable: 2,
      waiting: 0,
      failed: 0,
      reachedThroughChat: 0,
      inCatalog: true,
    });
    for (const p of people.slice(5))
      expect(server.installedAppsOf(p.aadObjectId)).toEqual([CATALOG_APP]);
    expect(server.installedAppsOf(hasApp.aadObjectId)).toEqual([]);

    const refused = await installer().unreachable();
    expect(refused.map((r) => [r.aadObjectId, r.reason])).toEqual(
      expect.arrayContaining([
        [blocked.aadObjectId, expect.stringMatching(/licence or app permission policy/)],
        [unlicensed.aadObjectId, expect.stringMatching(/Teams does not know this person/)],
      ]),
    );
    expect(refused).toHaveLength(2);

    // Teams greeted the bot for each new install: the waiting notice was re-queued and now goes.
    await t.app.outboxWorker.drain();
    expect((await t.app.services.outbox.byKey("waiting-notice"))?.status).toBe("delivered");
    expect(t.connector.texts(personalConversationId(waiting.aadObjectId)).join("\n")).toMatch(
      /policy changed/,
    );
  });

  test("when it runs again soon, then nobody is asked twice; after the retry interval, refusals are tried again", async () => {
    const posts = () =>
      server.requests.filter((r) => r.method === "POST" && r.path.endsWith("/installedApps"))
        .length;
    const before = posts();
    expect(await installer().installMissing()).toEqual({
      requested: 0,
      alreadyInstalled: 0,
      unreachable: 0,
      waiting: 3,
      failed: 0,
      reachedThroughChat: 0,
      inCatalog: true,
    });
    expect(posts()).toBe(before);

    now = new Date(now.getTime() + 8 * 24 * 3600_000);
    const later = await installer().installMissing();
    expect(later).toMatchObject({ unreachable: 2, alreadyInstalled: 1 });
    expect(posts()).toBe(before + 3);
  });

  test("when two instances run it at once under the lease, then each person is asked once", async () => {
    const fresh = await new GraphTestServer().start();
    try {
      // A second directory where nobody has the app yet, shared by two "instances".
      seedEntra(fresh, people);
      fresh.addCatalogApp(CATALOG_APP);
      const graph = new GraphApi(
        { baseUrl: fresh.baseUrl, timeoutMs: 3000, maxRetries: 3, retryDelaySeconds: 0 },
        staticTokenProvider(GRAPH_TEST_TOKEN),
      );
      const store = t.app.services.store;
      const directory = {
        find: async (id: string) => people.find((p) => p.aadObjectId === id),
        all: async () => people,
      };
      const runAs = (owner: string) =>
        new Leases(store, { now: () => new Date() }).runExclusive(
          "appInstallerTest",
          owner,
          60_000,
          () =>
            new AppInstaller({
              graph,
              store,
              directory,
              clock: { now: () => new Date("2030-01-01") },
              logger,
              app: { catalogId: CATALOG_APP },
            }).installMissing(),
        );
      const [a, b] = await Promise.all([runAs("instance-a"), runAs("instance-b")]);
      expect([a, b].filter((r) => r === undefined)).toHaveLength(1);
      const posts = fresh.requests.filter(
        (r) => r.method === "POST" && r.path.endsWith("/installedApps"),
      );
      expect(new Set(posts.map((r) => r.path)).size).toBe(posts.length);
    } finally {
      await fresh.stop();
    }
  });
});

describe("the app with TEAMS_APP_CATALOG_ID set", () => {
  test("when it starts, then the scheduled installer reaches staff who do not have the app", async () => {
    const server = await new GraphTestServer().start();
    server.addCatalogApp(CATALOG_APP);
    const t = await startAppUnderTest({
      ...seedEntra(server, people),
      GRAPH_BASE_URL: server.baseUrl,
      GRAPH_ACCESS_TOKEN: GRAPH_TEST_TOKEN,
      TEAMS_APP_CATALOG_ID: CATALOG_APP,
      OUTBOX_POLL_MS: "60000",
    });
    try {
      const deadline = Date.now() + 10_000;
      while (
        Date.now() < deadline &&
        people.some((p) => server.installedAppsOf(p.aadObjectId).length === 0)
      ) {
        await new Promise((r) => setTimeout(r, 100));
      }
      for (const p of people) expect(server.installedAppsOf(p.aadObjectId)).toEqual([CATALOG_APP]);
    } finally {
      await t.stop();
      await server.stop();
    }
  });
});

describe("the app found in the catalog by its manifest id (TEAMS_APP_ID)", () => {
  const MANIFEST_ID = "0f6c1a2b-3d4e-4f50-8a9b-0c1d2e3f4a5b";

  test("when it is not published yet, then nobody is installed for; once approved, the installer finds it and installs it", async () => {
    const server = await new GraphTestServer().start();
    const t = await startAppUnderTest({
      ...seedEntra(server, people),
      GRAPH_BASE_URL: server.baseUrl,
      GRAPH_ACCESS_TOKEN: GRAPH_TEST_TOKEN,
      OUTBOX_POLL_MS: "60000",
    });
    try {
      const installer = new AppInstaller({
        graph: new GraphApi(
          { baseUrl: server.baseUrl, timeoutMs: 3000, maxRetries: 3, retryDelaySeconds: 0 },
          staticTokenProvider(GRAPH_TEST_TOKEN),
        ),
        store: t.app.services.store,
        directory: t.app.services.directory,
        clock: { now: () => new Date() },
        logger,
        app: { manifestId: MANIFEST_ID },
      });
      // Another app of the school's is in the catalog; ours is not yet.
      server.addCatalogApp("a1b2c3d4-0000-4000-8000-00000000cafe", "Other app", "some-other-app");
      expect(await installer.installMissing()).toMatchObject({ inCatalog: false, requested: 0 });
      expect(server.requests.filter((r) => r.method === "POST")).toEqual([]);

      server.addCatalogApp(CATALOG_APP, "Staff Social Media Policy", MANIFEST_ID);
      const report = await installer.installMissing();
      expect(report).toMatchObject({ inCatalog: true, requested: people.length });
      for (const p of people) expect(server.installedAppsOf(p.aadObjectId)).toEqual([CATALOG_APP]);
    } finally {
      await t.stop();
      await server.stop();
    }
  });
});

describe("someone who has the app but never opened it (Graph answers 409)", () => {
  test("when the installer meets 409, then it finds their chat through Graph, keeps it as their conversation, and what waited is sent there", async () => {
    const server = await new GraphTestServer().start();
    const t = await startAppUnderTest({
      ...seedEntra(server, people),
      GRAPH_BASE_URL: server.baseUrl,
      GRAPH_ACCESS_TOKEN: GRAPH_TEST_TOKEN,
      OUTBOX_POLL_MS: "60000",
      OUTBOX_RATE_PER_SECOND: "50",
    });
    try {
      const [opener, silent] = [people[0]!, people[1]!];
      server.addCatalogApp(CATALOG_APP);
      // One person opened the app (the bot knows the Bot Connector's address from them); the other
      // had it installed by an administrator's setup policy and never opened it.
      await post(t.app.url, installActivity(opener, t.connector.url));
      server.preinstall(silent.aadObjectId, CATALOG_APP);
      await t.app.services.outbox.enqueue({
        key: "waiting-for-silent",
        recipient: silent.aadObjectId,
        purpose: "test",
        card: {
          template: "notice",
          data: { title: "Notice", message: "The policy changed.", tone: "" },
        },
      });
      await t.app.outboxWorker.drain();
      expect((await t.app.services.outbox.byKey("waiting-for-silent"))?.status).toBe(
        "undeliverable",
      );

      const report = await new AppInstaller({
        graph: new GraphApi(
          { baseUrl: server.baseUrl, timeoutMs: 3000, maxRetries: 3, retryDelaySeconds: 0 },
          staticTokenProvider(GRAPH_TEST_TOKEN),
        ),
        store: t.app.services.store,
        directory: t.app.services.directory,
        clock: { now: () => new Date() },
        logger,
        app: { catalogId: CATALOG_APP },
        reach: {
          botAppId: "policy-bot",
          tenantId: "tenant-1",
          onReachable: (id) => t.app.services.outbox.requeueFor(id),
        },
      }).installMissing();
      expect(report).toMatchObject({ alreadyInstalled: 1, reachedThroughChat: 1 });

      const chatId = chatIdFor(silent.aadObjectId, CATALOG_APP);
      const reference = await new ConversationReferences(t.app.services.store).personal(
        silent.aadObjectId,
      );
      expect(reference).toMatchObject({
        conversationId: chatId,
        serviceUrl: t.connector.url,
        scope: "personal",
      });
      await t.app.outboxWorker.drain();
      expect((await t.app.services.outbox.byKey("waiting-for-silent"))?.status).toBe("delivered");
      expect(t.connector.texts(chatId).join("\n")).toContain("The policy changed.");
    } finally {
      await t.stop();
      await server.stop();
    }
  });
});
