import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { SqliteStore } from "../../src/store/sqlite/sqliteStore";
import type { RecordKind } from "../../src/ports";
import { createAll } from "../../src/store/createAll";
import { describeStoreContract, effectKind, noteKind } from "./storeContract";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describeStoreContract(
  "embedded SQLite",
  () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "store-contract-"));
    dirs.push(dir);
    const file = path.join(dir, "store.sqlite");
    let opened: SqliteStore | undefined;
    return {
      open: async () => (opened = new SqliteStore(file)),
      reopen: async () => new SqliteStore(file),
      async seed(kind, records) {
        await createAll(opened!.collection(kind), records);
      },
    };
  },
  { largeLists: true },
);

describe("embedded SQLite specifics", () => {
  test("when opened, then the file is in WAL mode and migrations are recorded once", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "store-wal-"));
    dirs.push(dir);
    const first = SqliteStore.inDataDir(dir);
    await first.close();
    const second = SqliteStore.inDataDir(dir);
    expect((await second.status()).detail).toMatch(/schema v1/);
    await second.close();
    expect(fs.existsSync(path.join(dir, "policy-bot.sqlite"))).toBe(true);
    const Database = (await import("better-sqlite3")).default;
    const db = new Database(path.join(dir, "policy-bot.sqlite"));
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(
      (db.prepare("SELECT COUNT(*) AS n FROM schema_migrations").get() as { n: number }).n,
    ).toBe(1);
    db.close();
  });
});

describe("embedded SQLite transactions", () => {
  const any = <T>(kind: RecordKind<T>) => kind as unknown as RecordKind<unknown>;
  const note = { title: "t", owner: "alice", priority: 1, open: true, dueAt: null, body: "b" };
  let store: SqliteStore;
  beforeEach(() => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "store-transact-"));
    dirs.push(dir);
    store = SqliteStore.inDataDir(dir);
  });
  afterEach(() => store.close());

  test.each([
    [
      "a stale version",
      {
        op: "update",
        kind: any(noteKind),
        id: "n1",
        data: { ...note, title: "late" },
        expectedVersion: "7",
      },
      "conflict",
    ],
    [
      "a missing record",
      { op: "update", kind: any(noteKind), id: "nobody", data: note, expectedVersion: "1" },
      "missing",
    ],
    [
      "an id that exists",
      { op: "create", kind: any(noteKind), id: "n1", data: note, ifExists: "fail" },
      "exists",
    ],
  ] as const)(
    "when one write of a transaction meets %s, then none of its writes is made",
    async (_what, failing, reason) => {
      const notes = store.collection(noteKind);
      const first = await notes.create("n1", note);
      if (!first.ok) throw new Error("n1 not created");
      const result = await store.transact([
        {
          op: "update",
          kind: any(noteKind),
          id: "n1",
          data: { ...note, title: "decided" },
          expectedVersion: first.record.version,
        },
        {
          op: "create",
          kind: any(effectKind),
          id: "e1",
          data: { subject: "n1", what: "audit" },
          ifExists: "keep",
        },
        failing,
        {
          op: "create",
          kind: any(effectKind),
          id: "e2",
          data: { subject: "n1", what: "message" },
          ifExists: "keep",
        },
      ]);
      expect(result).toEqual({ ok: false, reason, index: 2 });
      expect((await notes.get("n1"))?.data.title).toBe("t");
      expect(await store.collection(effectKind).count()).toBe(0);
    },
  );

  test("when a write breaks its kind's schema inside a transaction, then it throws and nothing is written", async () => {
    await expect(
      store.transact([
        {
          op: "create",
          kind: any(effectKind),
          id: "e1",
          data: { subject: "n1", what: "audit" },
          ifExists: "keep",
        },
        { op: "create", kind: any(effectKind), id: "e2", data: { subject: 42 }, ifExists: "keep" },
      ]),
    ).rejects.toThrow();
    expect(await store.collection(effectKind).count()).toBe(0);
  });

  test("when an effect is already there, then the transaction keeps it and still commits", async () => {
    await store.collection(effectKind).create("e1", { subject: "n1", what: "first" });
    expect(
      await store.transact([
        {
          op: "create",
          kind: any(effectKind),
          id: "e1",
          data: { subject: "n1", what: "again" },
          ifExists: "keep",
        },
      ]),
    ).toEqual({ ok: true });
    expect((await store.collection(effectKind).get("e1"))?.data.what).toBe("first");
  });
});
