import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { z } from "zod";
import type { RecordKind } from "../../../src/ports";
import { GroupCommit } from "../../../src/store/sqlite/groupCommit";
import { SqliteStore } from "../../../src/store/sqlite/sqliteStore";

const kind: RecordKind<{ text: string }> = {
  name: "notes",
  schema: z.object({ text: z.string() }),
  indexes: { text: "text" },
};
const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "group-commit-"));

describe("creates committed together", () => {
  test("when many creates arrive at once, then one transaction commits them all and each caller learns its own result", async () => {
    const dir = tempDir();
    const store = SqliteStore.inDataDir(dir);
    const notes = store.collection(kind);
    const flush = jest.spyOn(GroupCommit.prototype, "flush");
    const results = await Promise.all([
      ...Array.from({ length: 40 }, (_, i) => notes.create(`n${i}`, { text: `note ${i}` })),
      // The same id twice in one batch: the second sees the first, inside the same transaction.
      notes.create("n0", { text: "again" }),
    ]);
    expect(flush).toHaveBeenCalledTimes(1);
    expect(results.slice(0, 40).every((r) => r.ok)).toBe(true);
    expect(results[40]).toMatchObject({
      ok: false,
      reason: "exists",
      existing: { data: { text: "note 0" } },
    });
    await store.close();
    flush.mockRestore();
    const reopened = SqliteStore.inDataDir(dir);
    expect(await reopened.collection(kind).count({})).toBe(40);
    await reopened.close();
  });

  test("when one write in a batch fails, then it alone is refused and its neighbours are committed", async () => {
    const db = new Database(path.join(tempDir(), "t.sqlite"));
    db.exec("CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER NOT NULL)");
    const insert = db.prepare("INSERT INTO t VALUES (?, ?)");
    const commit = new GroupCommit(db);
    const [a, b, c] = await Promise.allSettled([
      commit.run(() => insert.run("a", 1).changes),
      commit.run(() => insert.run("b", null).changes),
      commit.run(() => insert.run("c", 3).changes),
    ]);
    expect(a).toEqual({ status: "fulfilled", value: 1 });
    expect(b).toMatchObject({ status: "rejected", reason: { code: "SQLITE_CONSTRAINT_NOTNULL" } });
    expect(c).toEqual({ status: "fulfilled", value: 1 });
    expect(db.prepare("SELECT id FROM t ORDER BY id").all()).toEqual([{ id: "a" }, { id: "c" }]);
    db.close();
  });

  test("when the store closes with creates still queued, then they are committed first", async () => {
    const dir = tempDir();
    const store = SqliteStore.inDataDir(dir);
    const pending = store.collection(kind).create("late", { text: "written before close" });
    await store.close();
    await expect(pending).resolves.toMatchObject({ ok: true });
    const reopened = SqliteStore.inDataDir(dir);
    expect(await reopened.collection(kind).get("late")).toMatchObject({
      data: { text: "written before close" },
    });
    await reopened.close();
  });
});
