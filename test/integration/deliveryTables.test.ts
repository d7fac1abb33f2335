import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { packageRoot } from "../../src/packageRoot";
import { runProvisioning } from "../../src/cli/provisionSharePoint";
import { installActivity, personalConversationId, post } from "../support/activities";
import { startAzurite, type Azurite } from "../support/azurite";
import { GraphTestServer, sharePointEnv } from "../support/graphTestServer";
import { startAppUnderTest, type AppUnderTest } from "../support/inProcessApp";
import { sampleRoster } from "../support/sampleRoster";

/*
 * STORE=sharepoint with DELIVERY_STORE=azure: the school's records in SharePoint lists, the
 * delivery machinery (outbox, leases, conversation references) in Azure Storage tables (Azurite
 * here). A notice fan-out then spends no SharePoint resource units on the outbox.
 */
jest.mock("better-sqlite3", () => {
  throw new Error("better-sqlite3 must not be loaded when STORE=sharepoint");
});
jest.setTimeout(120_000);

describe("the delivery machinery in Azure Storage tables", () => {
  let azurite: Azurite;
  let server: GraphTestServer;
  let t: AppUnderTest;
  const siteId = `contoso.sharepoint.com,${randomUUID()},${randomUUID()}`;
  const staff = sampleRoster().slice(0, 6);

  beforeAll(async () => {
    azurite = await startAzurite();
    server = await new GraphTestServer().start();
    server.addSite(siteId);
    const env = {
      ...sharePointEnv(server, siteId),
      DELIVERY_STORE: "azure",
      AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
      OUTBOX_POLL_MS: "60000",
      SCHEDULE_TICK_MS: "3600000",
      OUTBOX_RATE_PER_SECOND: "50",
    };
    await runProvisioning({ ...env, LOG_LEVEL: "silent" }, () => undefined);
    t = await startAppUnderTest(env);
    for (const p of staff) await post(t.app.url, installActivity(p, t.connector.url));
  });
  afterAll(async () => {
    await t?.stop();
    await server?.stop();
    await azurite?.stop();
  });

  test("when a notice is fanned out and delivered, then the outbox and the conversations are in tables, not in SharePoint", async () => {
    const created = await t.app.services.outbox.enqueueAll(
      staff.map((p) => ({
        key: `notice:tables:${p.aadObjectId}`,
        recipient: p.aadObjectId,
        purpose: "notice",
        campaign: "notice:tables",
        card: { template: "notice", data: { title: "Notice", message: "Tables", tone: "" } },
      })),
    );
    expect(created).toBe(staff.length);
    await t.app.outboxWorker.drain();
    for (const p of staff) {
      expect(
        t.connector
          .texts(personalConversationId(p.aadObjectId))
          .filter((x) => x.includes("Tables")),
      ).toHaveLength(1);
    }
    expect(await t.app.services.outbox.progress("notice:tables")).toMatchObject({
      pending: 0,
      delivered: staff.length,
    });
    expect(server.itemsOf(siteId, "PolicyBot_outbox")).toEqual([]);
    expect(server.itemsOf(siteId, "PolicyBot_conversationReferences")).toEqual([]);
    expect((await t.app.services.store.status()).kind).toBe("sharepoint+azure-tables");
  });
});

describe("the deployment's storage", () => {
  const bicep = fs.readFileSync(path.join(packageRoot(), "infra/azure.bicep"), "utf8");

  test("when the Bicep template is read, then it adds a keyless storage account the app's identity may use for tables", () => {
    expect(bicep).toMatch(/resource storage 'Microsoft\.Storage\/storageAccounts@[^']+'/);
    expect(bicep).toMatch(/allowSharedKeyAccess: false/);
    // Storage Table Data Contributor, for the user-assigned identity, on the account.
    expect(bicep).toMatch(/0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3/);
    expect(bicep).toMatch(
      /resource storageTableDataContributor[\s\S]*?scope: storage[\s\S]*?principalId: identity\.properties\.principalId/,
    );
    expect(bicep).toMatch(/DELIVERY_STORE: 'azure'/);
    expect(bicep).toMatch(/AZURE_STORAGE_TABLE_URL: storage\.properties\.primaryEndpoints\.table/);
    expect(bicep).toMatch(/AZURE_CLIENT_ID: identity\.properties\.clientId/);
  });
});
