import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import type { RecordKind } from "../../../src/ports";
import { SqliteStore } from "../../../src/store/sqlite/sqliteStore";
import { RecentlyRead } from "../../../src/store/recentlyRead";

const kind: RecordKind<{ text: string }> = {
  name: "notes",
  schema: z.object({ text: z.string() }),
  indexes: {},
};

describe("a short collection read every few seconds", () => {
  let store: SqliteStore;
  let now = new Date("2026-09-01T08:00:00Z");
  const clock = { now: () => now };
  const advance = (ms: number) => (now = new Date(now.getTime() + ms));
  beforeEach(() => {
    store = SqliteStore.inDataDir(fs.mkdtempSync(path.join(os.tmpdir(), "recently-read-")));
  });
  afterEach(() => store.close());

  test("when read again within the window, then the store is not asked; after forget() or the window, it is", async () => {
    const notes = store.collection(kind);
    const find = jest.spyOn(notes, "find");
    const view = new RecentlyRead(notes, clock, { freshMs: 200 });
    await notes.create("a", { text: "first" });
    expect((await view.all()).map((r) => r.data.text)).toEqual(["first"]);
    await notes.create("b", { text: "second" });
    expect(await view.all()).toHaveLength(1);
    expect(find).toHaveBeenCalledTimes(1);
    view.forget();
    expect(await view.all()).toHaveLength(2);
    await notes.create("c", { text: "third" });
    advance(199);
    expect(await view.all()).toHaveLength(2);
    advance(1);
    expect(await view.all()).toHaveLength(3);
    expect(find).toHaveBeenCalledTimes(3);
  });

  test("when a read fails, then the failure is not kept", async () => {
    const notes = store.collection(kind);
    const find = jest.spyOn(notes, "find").mockRejectedValueOnce(new Error("store unavailable"));
    const view = new RecentlyRead(notes, clock, { freshMs: 60_000 });
    await expect(view.all()).rejects.toThrow("store unavailable");
    await expect(view.all()).resolves.toEqual([]);
    expect(find).toHaveBeenCalledTimes(2);
  });

  test("when the clock is set back, then the copy is read again rather than kept for ever", async () => {
    const notes = store.collection(kind);
    const find = jest.spyOn(notes, "find");
    const view = new RecentlyRead(notes, clock, { freshMs: 60_000 });
    await view.all();
    advance(-86_400_000);
    await view.all();
    expect(find).toHaveBeenCalledTimes(2);
  });
});
