import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { SqliteStore } from "../../src/store/sqlite/sqliteStore";
import { createAll } from "../../src/store/createAll";
import { describeStoreContract } from "./storeContract";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describeStoreContract("embedded SQLite", () => {
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
}, { largeLists: true });

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
    expect((db.prepare("SELECT COUNT(*) AS n FROM schema_migrations").get() as { n: number }).n).toBe(1);
    db.close();
  });
});
