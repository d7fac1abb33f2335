import { randomUUID } from "node:crypto";
import { runProvisioning } from "../../src/cli/provisionSharePoint";
import { staticTokenProvider } from "../../src/graph/tokenProvider";
import type { RecordKind } from "../../src/ports";
import { ALL_RECORD_KINDS as RECORD_KINDS } from "../../src/features/allRecordKinds";
import { GraphApi } from "../../src/graph/graphClient";
import { columnsFor, listNameFor } from "../../src/store/sharepoint/listSchema";
import { provisionSharePoint, ProvisioningError } from "../../src/store/sharepoint/provisioning";
import { GRAPH_TEST_TOKEN, GraphTestServer } from "../support/graphTestServer";

/*
 * `npm run provision:sharepoint` against the Graph test server: one list per record kind the app
 * keeps, with typed and indexed columns, created once however often (and however many at once)
 * it runs.
 */
describe("provisioning the SharePoint lists", () => {
  let server: GraphTestServer;
  let siteId: string;
  const env = () => ({
    SHAREPOINT_SITE_ID: siteId,
    GRAPH_BASE_URL: server.baseUrl,
    GRAPH_ACCESS_TOKEN: GRAPH_TEST_TOKEN,
    GRAPH_TIMEOUT_MS: "5000",
    LOG_LEVEL: "silent",
  });
  const graph = () =>
    new GraphApi(
      { baseUrl: server.baseUrl, timeoutMs: 5000, maxRetries: 3, retryDelaySeconds: 0 },
      staticTokenProvider(GRAPH_TEST_TOKEN),
    );

  beforeAll(async () => {
    server = await new GraphTestServer().start();
  });
  afterAll(async () => server.stop());
  beforeEach(() => {
    siteId = `contoso.sharepoint.com,${randomUUID()},${randomUUID()}`;
    server.addSite(siteId);
  });

  test("when run twice, then every list, column and index is created once and the second run changes nothing", async () => {
    const printed: string[] = [];
    const first = await runProvisioning(env(), (line) => printed.push(line));
    expect([...first.createdLists].sort()).toEqual(RECORD_KINDS.map((k) => listNameFor(k)).sort());
    expect(printed.join("\n")).toMatch(/created list PolicyBot_outbox/);

    const second = await runProvisioning(env(), (line) => printed.push(line));
    expect(second).toEqual({
      createdLists: [],
      createdColumns: [],
      indexedColumns: [],
      unchangedLists: first.createdLists,
    });
    expect(printed[printed.length - 1]).toBe("Done: nothing was missing.");

    const lists = server.listsOf(siteId);
    expect(lists).toHaveLength(RECORD_KINDS.length);
    for (const kind of RECORD_KINDS) {
      const list = lists.find((l) => l.displayName === listNameFor(kind));
      expect(list?.columns.map((c) => c.name).sort()).toEqual(
        ["Title", ...columnsFor(kind).map((c) => c.name)].sort(),
      );
      // Every field the code filters or sorts by has an index; recordId is unique.
      for (const field of Object.keys(kind.indexes)) {
        expect(list?.columns.find((c) => c.name === `ix_${field}`)?.indexed).toBe(true);
      }
      expect(list?.columns.find((c) => c.name === "recordId")).toMatchObject({
        indexed: true,
        unique: true,
      });
    }
  });

  test("when two instances provision at the same moment, then each list still exists once", async () => {
    await Promise.all([
      provisionSharePoint(graph(), siteId, RECORD_KINDS),
      provisionSharePoint(graph(), siteId, RECORD_KINDS),
    ]);
    const names = server.listsOf(siteId).map((l) => l.displayName);
    expect(names).toHaveLength(RECORD_KINDS.length);
    expect(new Set(names).size).toBe(RECORD_KINDS.length);
  });

  test("when a list lacks a column or an index (a kind gained a field), then only that is added", async () => {
    const kind = RECORD_KINDS.find((k) => k.name === "outbox")!;
    const api = graph();
    const older = { ...kind, indexes: { status: "text" } } as RecordKind<unknown>;
    await provisionSharePoint(api, siteId, [older]);
    const list = (await api.get<{ value: { id: string }[] }>(`/sites/${siteId}/lists`)).value[0]!;
    // Someone removed the index on ix_status in the SharePoint UI.
    const columns = (
      await api.get<{ value: { id: string; name: string }[] }>(
        `/sites/${siteId}/lists/${list.id}/columns`,
      )
    ).value;
    await api.patch(
      `/sites/${siteId}/lists/${list.id}/columns/${columns.find((c) => c.name === "ix_status")!.id}`,
      { indexed: false },
    );

    const report = await provisionSharePoint(api, siteId, [kind]);
    expect(report.createdLists).toEqual([]);
    expect(report.createdColumns.sort()).toEqual(
      ["ix_campaign", "ix_dueAt", "ix_key", "ix_purpose", "ix_queue", "ix_recipient"].map(
        (c) => `PolicyBot_outbox.${c}`,
      ),
    );
    expect(report.indexedColumns).toEqual(["PolicyBot_outbox.ix_status"]);
  });

  test("when a column exists with the wrong type, then provisioning stops and names it", async () => {
    const api = graph();
    const created = await api.post<{ id: string }>(`/sites/${siteId}/lists`, {
      displayName: "PolicyBot_leases",
      columns: [{ name: "ix_name", number: {}, indexed: true }],
      list: { template: "genericList" },
    });
    expect(created.id).toBeTruthy();
    const leases = RECORD_KINDS.find((k) => k.name === "leases")!;
    await expect(provisionSharePoint(api, siteId, [leases])).rejects.toThrow(ProvisioningError);
    await expect(provisionSharePoint(api, siteId, [leases])).rejects.toThrow(
      /PolicyBot_leases\.ix_name is number but must be text/,
    );
  });

  test("when the settings are missing, then the command names every one", async () => {
    await expect(runProvisioning({ LOG_LEVEL: "silent" }, () => undefined)).rejects.toThrow(
      /SHAREPOINT_SITE_ID[\s\S]*AAD_APP_CLIENT_SECRET/,
    );
  });
});
