import { randomUUID } from "node:crypto";
import { z } from "zod";
import { staticTokenProvider } from "../../src/graph/tokenProvider";
import type { RecordKind } from "../../src/ports";
import { createAll } from "../../src/store/createAll";
import { findAll } from "../../src/store/findAll";
import { StoreUsageError } from "../../src/store/recordRules";
import { GraphApi, GraphUnavailableError, type GraphSettings } from "../../src/graph/graphClient";
import { listNameFor } from "../../src/store/sharepoint/listSchema";
import { provisionSharePoint } from "../../src/store/sharepoint/provisioning";
import { itemFieldsFor, SharePointStore } from "../../src/store/sharepoint/sharePointStore";
import { GRAPH_TEST_TOKEN, GraphTestServer, type Fault } from "../support/graphTestServer";
import {
  CONTRACT_KINDS,
  describeStoreContract,
  FEATURE_KINDS,
  noteKind,
  type StoreFactory,
} from "./storeContract";

/*
 * The SharePoint adapter against the in-repo Graph test server: the same contract suite as the
 * embedded store, once on a well-behaved server and once with faults injected at random (429 and
 * 503 with Retry-After, slow answers past the timeout, connections dropped before and after the
 * request was applied, 429 inside a 200 batch, pages of five items).
 */
jest.setTimeout(60_000);

const anyKind = <T>(kind: RecordKind<T>) => kind as unknown as RecordKind<unknown>;
const newSiteId = () => `contoso.sharepoint.com,${randomUUID()},${randomUUID()}`;

const quick: Omit<GraphSettings, "baseUrl"> = {
  timeoutMs: 2000,
  maxRetries: 6,
  retryDelaySeconds: 0,
  transportRetryAfterSeconds: 0,
};

function graphOn(
  server: GraphTestServer,
  settings: Partial<GraphSettings> = {},
  token = GRAPH_TEST_TOKEN,
): GraphApi {
  return new GraphApi(
    { baseUrl: server.baseUrl, ...quick, ...settings },
    staticTokenProvider(token),
  );
}

function sharePointFactory(
  server: () => GraphTestServer,
  settings: Partial<GraphSettings> = {},
): () => StoreFactory {
  return () => {
    const siteId = newSiteId();
    const open = async () => new SharePointStore({ graph: graphOn(server(), settings), siteId });
    return {
      async open() {
        server().addSite(siteId);
        await provisionSharePoint(graphOn(server(), settings), siteId, [
          ...CONTRACT_KINDS,
          ...FEATURE_KINDS,
        ]);
        return open();
      },
      reopen: open,
      async seed(kind, records) {
        server().seedItems(
          siteId,
          listNameFor(anyKind(kind)),
          records.map((r) => itemFieldsFor(kind, r.id, r.data, "seeded")),
        );
      },
    };
  };
}

const clean = new GraphTestServer();
const faulty = new GraphTestServer({ maxPageSize: 5 });
const CHAOS: readonly Fault[] = [
  { kind: "throttle", retryAfterSeconds: 0 },
  { kind: "unavailable", retryAfterSeconds: 0 },
  { kind: "slow", delayMs: 60 },
  { kind: "slow", delayMs: 700 },
  { kind: "drop", when: "before" },
  { kind: "drop", when: "after" },
  { kind: "batchThrottle", retryAfterSeconds: 0 },
];

beforeAll(async () => {
  await clean.start();
  await faulty.start();
  faulty.chaos({ rate: 0.2, faults: CHAOS, seed: 20260114 });
});
afterAll(async () => {
  await clean.stop();
  await faulty.stop();
});

describeStoreContract(
  "SharePoint lists through Microsoft Graph (test server)",
  sharePointFactory(() => clean),
  { largeLists: true },
);

describeStoreContract(
  "SharePoint lists through Microsoft Graph, with faults injected",
  sharePointFactory(() => faulty, { timeoutMs: 400 }),
);

describe("the faulty test server really misbehaved", () => {
  test("when the faulted contract run is over, then every kind of fault was injected", () => {
    for (const kind of ["throttle", "unavailable", "slow", "drop", "batchThrottle"] as const) {
      expect(faulty.faultCounts[kind] ?? 0).toBeGreaterThan(0);
    }
  });
});

// ---------- SharePoint specifics ----------

const counterKind: RecordKind<{ name: string; value: number; history: string[] }> = {
  name: "contractCounters",
  schema: z.object({ name: z.string(), value: z.number().int(), history: z.array(z.string()) }),
  indexes: { name: "text", value: "number" },
};

async function freshStore(server: GraphTestServer, settings: Partial<GraphSettings> = {}) {
  const siteId = newSiteId();
  server.addSite(siteId);
  await provisionSharePoint(graphOn(server), siteId, [anyKind(noteKind), anyKind(counterKind)]);
  return { siteId, store: new SharePointStore({ graph: graphOn(server, settings), siteId }) };
}

const note = (overrides: Partial<z.infer<typeof noteKind.schema>> = {}) => ({
  title: "A note",
  owner: "alice",
  priority: 1,
  open: true,
  dueAt: null,
  body: "text",
  ...overrides,
});

describe("SharePoint store specifics", () => {
  beforeEach(() => clean.clearFaults());

  test("when records are written, then they are list items with typed, indexed columns and the record as JSON", async () => {
    const { siteId, store } = await freshStore(clean);
    await store
      .collection(noteKind)
      .create("Note-1", note({ owner: "bob", priority: 3, open: false }));
    const [item] = clean.itemsOf(siteId, listNameFor(anyKind(noteKind)));
    expect(item).toMatchObject({
      recordId: "^note-1",
      Title: "Note-1",
      ix_owner: "bob",
      ix_priority: 3,
      ix_open: false,
    });
    expect(JSON.parse(item!.payload as string)).toEqual(
      note({ owner: "bob", priority: 3, open: false }),
    );
    const list = clean.listsOf(siteId).find((l) => l.displayName === "PolicyBot_contractNotes");
    expect(list?.columns).toEqual(
      expect.arrayContaining([
        { name: "recordId", type: "text", indexed: true, unique: true },
        { name: "payload", type: "note", indexed: false, unique: false },
        { name: "ix_owner", type: "text", indexed: true, unique: false },
        { name: "ix_priority", type: "number", indexed: true, unique: false },
        { name: "ix_open", type: "boolean", indexed: true, unique: false },
      ]),
    );
  });

  test("when the version is read, then it is the item's @odata.etag and every write gives a new one", async () => {
    const { store } = await freshStore(clean);
    const notes = store.collection(noteKind);
    const created = await notes.create("e1", note());
    if (!created.ok) throw new Error("not created");
    expect(created.record.version).toMatch(/^"[0-9a-f-]{36},1"$/);
    const updated = await notes.update("e1", note({ title: "two" }), created.record.version);
    expect(updated.ok && updated.record.version).toMatch(/^"[0-9a-f-]{36},2"$/);
  });

  test("when ids or values differ only in case, then SharePoint's case-blind matching does not merge them", async () => {
    const { store } = await freshStore(clean);
    const notes = store.collection(noteKind);
    expect((await notes.create("Ab", note({ owner: "Alice" }))).ok).toBe(true);
    expect((await notes.create("ab", note({ owner: "alice" }))).ok).toBe(true);
    expect((await notes.get("Ab"))?.data.owner).toBe("Alice");
    expect((await notes.find({ where: { owner: "alice" } })).items.map((r) => r.id)).toEqual([
      "ab",
    ]);
    expect(await notes.count({ where: { owner: "Alice" } })).toBe(1);
  });

  test("when a text value is longer than a SharePoint column holds, then equality still finds it", async () => {
    const { store } = await freshStore(clean);
    const notes = store.collection(noteKind);
    const long = "x".repeat(400);
    await notes.create("long", note({ owner: long }));
    await notes.create("short", note({ owner: "x".repeat(399) }));
    expect((await notes.find({ where: { owner: long } })).items.map((r) => r.id)).toEqual(["long"]);
  });

  test("when a record is too large for a list item, then it is refused rather than cut", async () => {
    const { store } = await freshStore(clean);
    await expect(
      store.collection(noteKind).create("big", note({ body: "y".repeat(70_000) })),
    ).rejects.toThrow(StoreUsageError);
  });

  test("when a cursor points anywhere but this list on GRAPH_BASE_URL, then it is refused and not followed", async () => {
    const { store } = await freshStore(clean);
    const notes = store.collection(noteKind);
    const before = clean.requests.length;
    await expect(
      notes.find({ cursor: "https://evil.example/v1.0/sites/x/lists/y/items?$skiptoken=1" }),
    ).rejects.toThrow(/cursor is not valid/);
    await expect(notes.find({ cursor: `${clean.baseUrl}/users?$top=1` })).rejects.toThrow(
      /cursor is not valid/,
    );
    // Only the list lookup went out: no request followed the foreign links.
    expect(clean.requests.slice(before).every((r) => r.path.endsWith("/lists"))).toBe(true);
  });

  test("when the list has more items than a page, then count and findAll follow every @odata.nextLink", async () => {
    const small = await new GraphTestServer({ maxPageSize: 3 }).start();
    try {
      const { store } = await freshStore(small);
      const notes = store.collection(noteKind);
      await createAll(
        notes,
        Array.from({ length: 17 }, (_, i) => ({ id: `p${i}`, data: note({ open: i % 2 === 0 }) })),
      );
      expect(await notes.count()).toBe(17);
      expect(await notes.count({ where: { open: true } })).toBe(9);
      expect((await findAll(notes, { where: { open: false } })).length).toBe(8);
      const pages = small.requests.filter((r) => r.method === "GET" && r.path.endsWith("/items"));
      expect(pages.length).toBeGreaterThan(10);
    } finally {
      await small.stop();
    }
  });

  test("when many records are written at once, then they go as JSON $batch requests of at most 20", async () => {
    const { store } = await freshStore(clean);
    const before = clean.requests.length;
    const results = await createAll(
      store.collection(noteKind),
      Array.from({ length: 45 }, (_, i) => ({ id: `b${i}`, data: note() })),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const sent = clean.requests.slice(before);
    expect(sent.filter((r) => r.path === "/v1.0/$batch")).toHaveLength(3);
    expect(sent.filter((r) => r.batched && r.method === "POST")).toHaveLength(45);
  });

  test("when parts of a 200 batch are throttled with 429, then only those parts are sent again", async () => {
    const { siteId, store } = await freshStore(clean);
    clean.inject({ kind: "batchThrottle", retryAfterSeconds: 0 }, { times: 4 });
    const before = clean.requests.length;
    const results = await createAll(
      store.collection(noteKind),
      Array.from({ length: 10 }, (_, i) => ({ id: `t${i}`, data: note() })),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(clean.itemsOf(siteId, "PolicyBot_contractNotes")).toHaveLength(10);
    expect(clean.requests.slice(before).filter((r) => r.batched && r.status === 429)).toHaveLength(
      4,
    );
  });

  test("when Graph answers 429 with Retry-After, then the SDK's retry waits that long before trying again", async () => {
    const { store } = await freshStore(clean);
    clean.inject({ kind: "throttle", retryAfterSeconds: 1 }, { method: "GET", path: /\/items$/ });
    const started = Date.now();
    expect(await store.collection(noteKind).get("none")).toBeUndefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  test("when Graph stays throttled beyond the bounded retries, then a typed error says Graph is unavailable", async () => {
    const { store } = await freshStore(clean, { maxRetries: 2 });
    clean.inject(
      { kind: "unavailable", retryAfterSeconds: 0 },
      { method: "GET", path: /\/items$/, times: 3 },
    );
    const before = clean.requests.length;
    await expect(store.collection(noteKind).get("none")).rejects.toThrow(GraphUnavailableError);
    expect(clean.requests.slice(before).filter((r) => r.status === 503)).toHaveLength(3);
  });

  test("when a create's answer is lost after SharePoint stored it, then the retry recognises its own write", async () => {
    const { siteId, store } = await freshStore(clean);
    clean.inject({ kind: "drop", when: "after" }, { method: "POST", path: /\/items$/ });
    const before = clean.requests.length;
    const created = await store.collection(noteKind).create("lost-answer", note());
    expect(created.ok).toBe(true);
    expect(clean.itemsOf(siteId, "PolicyBot_contractNotes")).toHaveLength(1);
    expect(clean.requests.slice(before).filter((r) => r.status === 400)).toHaveLength(1);
  });

  test("when an update's answer is lost after SharePoint applied it, then it reports success, not a conflict", async () => {
    const { store } = await freshStore(clean);
    const notes = store.collection(noteKind);
    const created = await notes.create("u1", note());
    if (!created.ok) throw new Error("not created");
    clean.inject({ kind: "drop", when: "after" }, { method: "PATCH" });
    const before = clean.requests.length;
    const updated = await notes.update(
      "u1",
      note({ title: "applied once" }),
      created.record.version,
    );
    expect(updated.ok).toBe(true);
    expect(clean.requests.slice(before).filter((r) => r.status === 412)).toHaveLength(1);
    const stale = await notes.update("u1", note({ title: "stale" }), created.record.version);
    expect(stale.ok).toBe(false);
  });

  test("when an answer is slower than the timeout, then the attempt is abandoned and retried", async () => {
    const { store } = await freshStore(clean, { timeoutMs: 250 });
    clean.inject({ kind: "slow", delayMs: 1200 }, { method: "GET", path: /\/items$/ });
    const started = Date.now();
    expect(await store.collection(noteKind).get("none")).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1200);
  });

  test("when the bearer token is wrong, then Graph refuses (401) and the store reports itself unhealthy", async () => {
    const siteId = newSiteId();
    clean.addSite(siteId);
    const store = new SharePointStore({ graph: graphOn(clean, {}, "forged"), siteId });
    expect(await store.status()).toEqual({
      ok: false,
      kind: "sharepoint",
      detail: "Graph answered HTTP 401",
    });
  });

  test("when the list was never provisioned, then the store says to run provisioning", async () => {
    const siteId = newSiteId();
    clean.addSite(siteId);
    const store = new SharePointStore({ graph: graphOn(clean), siteId });
    await expect(store.collection(noteKind).get("x")).rejects.toThrow(
      /npm run provision:sharepoint/,
    );
    expect(await store.missingLists([anyKind(noteKind)])).toEqual(["PolicyBot_contractNotes"]);
  });

  test("when SharePoint is asked to filter on a column that is not indexed, then it refuses unless told to risk it", async () => {
    const own = await new GraphTestServer().start();
    try {
      const { siteId } = await freshStore(own);
      const graph = graphOn(own);
      const store = new SharePointStore({ graph, siteId });
      await store.collection(noteKind).create("n", note());
      const listId = await store.listId(anyKind(noteKind));
      const path = `/sites/${siteId}/lists/${listId}/items?$filter=${encodeURIComponent("fields/payload eq 'x'")}&$expand=fields`;
      await expect(graph.get(path)).rejects.toMatchObject({
        statusCode: 400,
        message: /not indexed/,
      });
      const honoured = graph.get(path, { Prefer: "HonorNonIndexedQueriesWarningMayFailRandomly" });
      await expect(honoured).resolves.toMatchObject({ value: [] });
    } finally {
      await own.stop();
    }
  });

  test("when every query the adapter makes has run, then none was refused for filtering on an unindexed column", () => {
    for (const server of [clean, faulty]) {
      expect(
        server.requests.filter(
          (r) => r.status === 400 && r.method === "GET" && r.path.endsWith("/items"),
        ),
      ).toEqual([]);
    }
  });
});

describe("no lost or duplicated writes under faults", () => {
  test("when six writers increment counters by compare-and-set through faults, then every success counts exactly once", async () => {
    const server = await new GraphTestServer({ maxPageSize: 4 }).start();
    try {
      const { siteId } = await freshStore(server);
      server.chaos({ rate: 0.25, faults: CHAOS, seed: 7 });
      const writers = Array.from(
        { length: 6 },
        () => new SharePointStore({ graph: graphOn(server, { timeoutMs: 400 }), siteId }),
      );
      const names = ["a", "b", "c"];
      await createAll(
        writers[0]!.collection(counterKind),
        names.map((name) => ({ id: name, data: { name, value: 0, history: [] } })),
      );
      const successes = new Map<string, string[]>(names.map((n) => [n, []]));
      await Promise.all(
        writers.map(async (writer, w) => {
          const counters = writer.collection(counterKind);
          for (let i = 0; i < 5; i++) {
            const name = names[(w + i) % names.length]!;
            const stamp = `w${w}-${i}`;
            for (;;) {
              const current = await counters.get(name);
              if (!current) throw new Error(`counter ${name} is missing`);
              const next = {
                name,
                value: current.data.value + 1,
                history: [...current.data.history, stamp],
              };
              const result = await counters.update(name, next, current.version);
              if (result.ok) {
                successes.get(name)!.push(stamp);
                break;
              }
            }
          }
        }),
      );
      server.clearFaults();
      const items = server.itemsOf(siteId, "PolicyBot_contractCounters");
      expect(items).toHaveLength(3);
      for (const name of names) {
        const stored = JSON.parse(items.find((i) => i.recordId === name)!.payload as string) as {
          value: number;
          history: string[];
        };
        expect(stored.value).toBe(successes.get(name)!.length);
        expect([...stored.history].sort()).toEqual([...successes.get(name)!].sort());
      }
      expect([...successes.values()].flat()).toHaveLength(30);
      expect((server.faultCounts.drop ?? 0) + (server.faultCounts.throttle ?? 0)).toBeGreaterThan(
        0,
      );
    } finally {
      await server.stop();
    }
  });

  test("when a fan-out is created in batches through faults, then each record exists exactly once", async () => {
    const server = await new GraphTestServer({ maxPageSize: 7 }).start();
    try {
      const { siteId, store } = await freshStore(server, { timeoutMs: 400 });
      server.chaos({ rate: 0.3, faults: CHAOS, seed: 99 });
      const notes = store.collection(noteKind);
      const records = Array.from({ length: 60 }, (_, i) => ({
        id: `f${i}`,
        data: note({ priority: i }),
      }));
      const [first, again] = await Promise.all([
        createAll(notes, records),
        createAll(notes, records),
      ]);
      server.clearFaults();
      // Each id was created by exactly one of the two fan-outs; the other was told it exists.
      records.forEach((_, i) =>
        expect([first![i]!.ok, again![i]!.ok].filter(Boolean)).toHaveLength(1),
      );
      const items = server.itemsOf(siteId, "PolicyBot_contractNotes");
      expect(items).toHaveLength(60);
      expect(new Set(items.map((i) => i.recordId)).size).toBe(60);
      expect(await notes.count()).toBe(60);
    } finally {
      await server.stop();
    }
  });
});
