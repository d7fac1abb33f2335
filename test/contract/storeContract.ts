import { z } from "zod";
import {
  decideWithEffects,
  effect,
  effectJournalFields,
  effectJournalIndex,
  reconcileEffects,
} from "../../src/app/decisions";
import { accept, refuse } from "../../src/domain/result";
import { createLogger } from "../../src/logging";
import type { RecordKind, Store } from "../../src/ports";
import { createAll } from "../../src/store/createAll";
import { findAll } from "../../src/store/findAll";
import { crashingStore, ProcessDied } from "../support/crashingStore";
import { FEATURES } from "../../src/features";
import { FEATURE_SAMPLES } from "./featureSamples";

/** Every capability module's kinds: provisioned by the SharePoint factory, exercised below. */
export const FEATURE_KINDS: readonly RecordKind<unknown>[] = FEATURES.flatMap((f) => f.recordKinds);

/*
 * The store contract: every adapter (SQLite, SharePoint through Graph) must pass these same
 * tests, so use cases can rely on compare-and-set, idempotent create and paged queries anywhere.
 */
const noteSchema = z.object({
  title: z.string(),
  owner: z.string(),
  priority: z.number(),
  open: z.boolean(),
  dueAt: z.string().nullable(),
  body: z.string(),
});
type Note = z.infer<typeof noteSchema>;

export const noteKind: RecordKind<Note> = {
  name: "contractNotes",
  schema: noteSchema,
  indexes: { owner: "text", priority: "number", open: "boolean", dueAt: "text" },
};

/** A record decided on (a post, a case) and the records each decision implies (audit, messages). */
const decidedSchema = z.object({ title: z.string(), decided: z.boolean(), ...effectJournalFields });
export const decidedKind: RecordKind<z.infer<typeof decidedSchema>> = {
  name: "contractDecisions",
  schema: decidedSchema,
  indexes: { decided: "boolean", ...effectJournalIndex },
};
const effectSchema = z.object({ subject: z.string(), what: z.string() });
export const effectKind: RecordKind<z.infer<typeof effectSchema>> = {
  name: "contractEffects",
  schema: effectSchema,
  indexes: { subject: "text" },
};
/** Every kind the contract writes: a SharePoint site needs a list for each. */
export const CONTRACT_KINDS = [
  noteKind,
  decidedKind,
  effectKind,
] as unknown as readonly RecordKind<unknown>[];
const EFFECT_KINDS = [effectKind] as unknown as readonly RecordKind<unknown>[];

function note(overrides: Partial<Note> = {}): Note {
  return {
    title: "A note",
    owner: "alice",
    priority: 1,
    open: true,
    dueAt: null,
    body: "Text with 'quotes', \"double quotes\", <tags> & ünïcödé",
    ...overrides,
  };
}

export interface StoreFactory {
  /** A fresh, empty store. */
  open(): Promise<Store>;
  /** A second handle on the same data (another instance, or after a restart). */
  reopen(): Promise<Store>;
  /**
   * Puts many records in at once, as if written long ago (the SharePoint test server stores them
   * directly: 20,000 HTTP creates would make the suite slow). Needed for `largeLists`.
   */
  seed?<T>(kind: RecordKind<T>, records: readonly { id: string; data: T }[]): Promise<void>;
}

export interface ContractOptions {
  /** Run the large-list tests (20,000 records; SharePoint's list view threshold is 5,000). */
  readonly largeLists?: boolean;
}

export function describeStoreContract(
  adapterName: string,
  factory: () => StoreFactory,
  options: ContractOptions = {},
): void {
  describe(`store contract: ${adapterName}`, () => {
    let f: StoreFactory;
    let store: Store;
    const opened: Store[] = [];

    beforeEach(async () => {
      f = factory();
      store = await f.open();
      opened.push(store);
    });

    afterEach(async () => {
      while (opened.length) await opened.pop()?.close();
    });

    test.each(FEATURE_KINDS.map((k) => [k.name, k] as const))(
      "when a %s record (a capability module's kind) is written, then it reads back whole and is found by each index",
      async (_name, kind) => {
        const sample = FEATURE_SAMPLES[kind.name];
        expect(sample).toBeDefined();
        const records = store.collection(kind);
        expect((await records.create(sample!.id, kind.schema.parse(sample!.data))).ok).toBe(true);
        expect((await records.get(sample!.id))?.data).toEqual(sample!.data);
        for (const field of Object.keys(kind.indexes)) {
          const value = (sample!.data as Record<string, unknown>)[field] as
            | string
            | number
            | boolean
            | null;
          const found = await records.find({ where: { [field]: value } });
          expect(found.items.map((r) => r.id)).toEqual([sample!.id]);
        }
      },
    );

    test("when a record is created, then it reads back with a version", async () => {
      const notes = store.collection(noteKind);
      const created = await notes.create("n1", note());
      expect(created.ok).toBe(true);
      const read = await notes.get("n1");
      expect(read?.data).toEqual(note());
      expect(typeof read?.version).toBe("string");
    });

    test("when an id is created twice, then the second create changes nothing and returns the first", async () => {
      const notes = store.collection(noteKind);
      await notes.create("n1", note({ title: "first" }));
      const again = await notes.create("n1", note({ title: "second" }));
      expect(again.ok).toBe(false);
      if (!again.ok) expect(again.existing.data.title).toBe("first");
      expect((await notes.get("n1"))?.data.title).toBe("first");
    });

    test("when an unknown id is read, then nothing is returned", async () => {
      expect(await store.collection(noteKind).get("missing")).toBeUndefined();
    });

    test("when updated at the current version, then it succeeds and the version moves on", async () => {
      const notes = store.collection(noteKind);
      const created = await notes.create("n1", note());
      if (!created.ok) throw new Error("create failed");
      const updated = await notes.update("n1", note({ title: "changed" }), created.record.version);
      expect(updated.ok).toBe(true);
      if (updated.ok) {
        expect(updated.record.version).not.toBe(created.record.version);
        expect(updated.record.data.title).toBe("changed");
      }
    });

    test("when updated at a stale version, then it is refused with the current record", async () => {
      const notes = store.collection(noteKind);
      const created = await notes.create("n1", note());
      if (!created.ok) throw new Error("create failed");
      const first = await notes.update("n1", note({ title: "one" }), created.record.version);
      expect(first.ok).toBe(true);
      const stale = await notes.update("n1", note({ title: "two" }), created.record.version);
      expect(stale.ok).toBe(false);
      if (!stale.ok && stale.reason === "conflict") expect(stale.current.data.title).toBe("one");
      else throw new Error(`expected a conflict, got ${JSON.stringify(stale)}`);
    });

    test("when two writers race on one version, then exactly one wins", async () => {
      const notes = store.collection(noteKind);
      const created = await notes.create("n1", note());
      if (!created.ok) throw new Error("create failed");
      const results = await Promise.all([
        notes.update("n1", note({ title: "a" }), created.record.version),
        notes.update("n1", note({ title: "b" }), created.record.version),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
    });

    test("when a missing record is updated, then it says missing", async () => {
      const result = await store.collection(noteKind).update("nope", note(), "1");
      expect(result).toEqual({ ok: false, reason: "missing" });
    });

    test("when a record is deleted, then it is gone", async () => {
      const notes = store.collection(noteKind);
      await notes.create("n1", note());
      expect(await notes.delete("n1")).toBe(true);
      expect(await notes.get("n1")).toBeUndefined();
      expect(await notes.delete("n1")).toBe(false);
    });

    test("when data breaks the kind's schema, then the write is refused", async () => {
      const notes = store.collection(noteKind);
      await expect(
        notes.create("bad", { ...note(), priority: "high" } as unknown as Note),
      ).rejects.toThrow();
      expect(await notes.get("bad")).toBeUndefined();
    });

    test("when queried by equality, any-of, null and range, then only matching records return", async () => {
      const notes = store.collection(noteKind);
      await notes.create(
        "a",
        note({ owner: "alice", priority: 1, open: true, dueAt: "2026-01-01" }),
      );
      await notes.create(
        "b",
        note({ owner: "bob", priority: 2, open: false, dueAt: "2026-02-01" }),
      );
      await notes.create("c", note({ owner: "carol", priority: 3, open: true, dueAt: null }));
      const ids = async (q: Parameters<typeof notes.find>[0]) =>
        (await notes.find(q)).items.map((r) => r.id).sort();
      expect(await ids({ where: { owner: "bob" } })).toEqual(["b"]);
      expect(await ids({ where: { open: true } })).toEqual(["a", "c"]);
      expect(await ids({ where: { owner: ["alice", "carol"] } })).toEqual(["a", "c"]);
      expect(await ids({ where: { dueAt: null } })).toEqual(["c"]);
      expect(await ids({ range: { field: "dueAt", lte: "2026-01-15" } })).toEqual(["a"]);
      expect(await ids({ range: { field: "priority", gte: 2 } })).toEqual(["b", "c"]);
      expect(await ids({ where: { open: true }, range: { field: "priority", gte: 2 } })).toEqual([
        "c",
      ]);
      expect(await notes.count({ where: { open: true } })).toBe(2);
      expect(await notes.count()).toBe(3);
    });

    test("when a field is not indexed, then querying it is refused", async () => {
      const notes = store.collection(noteKind);
      await expect(notes.find({ where: { title: "x" } })).rejects.toThrow(/not an indexed field/);
    });

    test("when ordered, then records come in that order", async () => {
      const notes = store.collection(noteKind);
      for (const [id, priority] of [
        ["x", 3],
        ["y", 1],
        ["z", 2],
      ] as const) {
        await notes.create(id, note({ priority }));
      }
      const asc = await notes.find({ orderBy: { field: "priority" } });
      expect(asc.items.map((r) => r.id)).toEqual(["y", "z", "x"]);
      const desc = await notes.find({ orderBy: { field: "priority", direction: "desc" } });
      expect(desc.items.map((r) => r.id)).toEqual(["x", "z", "y"]);
    });

    test("when results exceed a page, then cursors walk every record exactly once", async () => {
      const notes = store.collection(noteKind);
      for (let i = 0; i < 23; i++) {
        await notes.create(`n${String(i).padStart(2, "0")}`, note({ priority: i % 4 }));
      }
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await notes.find({ limit: 5, cursor, orderBy: { field: "priority" } });
        seen.push(...page.items.map((r) => r.id));
        cursor = page.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(5);
      expect(new Set(seen).size).toBe(23);
      expect((await findAll(notes)).length).toBe(23);
    });

    test("when paging in either direction over a field with gaps, then every record comes once, in order", async () => {
      const notes = store.collection(noteKind);
      for (let i = 0; i < 17; i++) {
        await notes.create(
          `g${String(i).padStart(2, "0")}`,
          note({ dueAt: i % 3 === 0 ? null : `2026-01-${String((i % 5) + 10)}` }),
        );
      }
      for (const direction of ["asc", "desc"] as const) {
        const seen: (string | null)[] = [];
        const ids: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await notes.find({
            limit: 4,
            cursor,
            orderBy: { field: "dueAt", direction },
          });
          seen.push(...page.items.map((r) => r.data.dueAt));
          ids.push(...page.items.map((r) => r.id));
          cursor = page.nextCursor;
        } while (cursor);
        expect(new Set(ids).size).toBe(17);
        const dated = seen.filter((d): d is string => d !== null);
        expect(dated).toEqual(
          [...dated].sort((a, b) =>
            direction === "asc" ? a.localeCompare(b) : b.localeCompare(a),
          ),
        );
      }
    });

    test("when another handle opens the same data, then it sees every write (nothing lives only in memory)", async () => {
      const notes = store.collection(noteKind);
      await notes.create("n1", note({ title: "durable" }));
      const second = await f.reopen();
      opened.push(second);
      expect((await second.collection(noteKind).get("n1"))?.data.title).toBe("durable");
      const current = await second.collection(noteKind).get("n1");
      if (!current) throw new Error("missing");
      await second.collection(noteKind).update("n1", note({ title: "from two" }), current.version);
      expect((await notes.get("n1"))?.data.title).toBe("from two");
    });

    test("when many records are created at once, then each is stored once and ids that exist are reported", async () => {
      const notes = store.collection(noteKind);
      await notes.create("m03", note({ title: "earlier" }));
      const records = Array.from({ length: 45 }, (_, i) => ({
        id: `m${String(i).padStart(2, "0")}`,
        data: note({ title: `bulk ${i}`, priority: i }),
      }));
      const results = await createAll(notes, records);
      expect(results).toHaveLength(45);
      expect(results.filter((r) => r.ok)).toHaveLength(44);
      const clash = results[3]!;
      expect(clash.ok).toBe(false);
      if (!clash.ok) expect(clash.existing.data.title).toBe("earlier");
      results.forEach((r, i) => expect(r.ok ? r.record.id : r.existing.id).toBe(records[i]!.id));
      expect(await notes.count()).toBe(45);
      expect((await notes.get("m44"))?.data.title).toBe("bulk 44");
      const first = results[0]!;
      if (!first.ok) throw new Error("m00 was not created");
      expect((await notes.update("m00", note({ title: "changed" }), first.record.version)).ok).toBe(
        true,
      );
    });

    test("when one of many records breaks the schema, then none of them is written", async () => {
      const notes = store.collection(noteKind);
      const records = [
        { id: "ok1", data: note() },
        { id: "bad", data: { ...note(), priority: "high" } as unknown as Note },
      ];
      await expect(createAll(notes, records)).rejects.toThrow();
      expect(await notes.count()).toBe(0);
    });

    if (options.largeLists) {
      test("when a list holds 20,000 records, then queries that start with a narrow indexed condition answer, paged and counted", async () => {
        const notes = store.collection(noteKind);
        if (!f.seed) throw new Error("largeLists needs a factory that can seed");
        await f.seed(
          noteKind,
          Array.from({ length: 20_000 }, (_, i) => ({
            id: `big${String(i).padStart(5, "0")}`,
            data: note({
              owner: `owner${i % 8}`,
              priority: i,
              open: i % 16 < 8,
              title: `big ${i}`,
            }),
          })),
        );
        // 2,500 records an owner: the first condition narrows below the threshold.
        const page = await notes.find({ where: { owner: "owner3" }, limit: 100 });
        expect(page.items).toHaveLength(100);
        expect(page.nextCursor).toBeDefined();
        expect(page.items.every((r) => r.data.owner === "owner3")).toBe(true);
        expect(await notes.count({ where: { owner: "owner3", open: false } })).toBe(1250);
        const top = await notes.find({
          where: { owner: "owner5" },
          orderBy: { field: "priority", direction: "desc" },
          limit: 3,
        });
        expect(top.items.map((r) => r.data.priority)).toEqual([19997, 19989, 19981]);
        expect(
          (await notes.find({ where: { owner: "owner1" }, range: { field: "priority", lte: 100 } }))
            .items,
        ).toHaveLength(13);
        expect((await notes.get("big19999"))?.data.title).toBe("big 19999");
        const again = await notes.create("big00042", note({ title: "again" }));
        expect(again.ok).toBe(false);
        expect((await notes.create("big20000", note({ owner: "owner0" }))).ok).toBe(true);
        expect((await findAll(notes, { where: { owner: "owner0" } })).length).toBe(2501);
      });
    }

    test("when asked for status, then it reports healthy", async () => {
      const status = await store.status();
      expect(status.ok).toBe(true);
    });

    describe("a decision and its effects", () => {
      const EFFECTS = 3;
      const decideOn = (s: Store, id: string) =>
        decideWithEffects(
          { store: s },
          decidedKind,
          id,
          async (current) =>
            accept({
              next: { ...current.data, title: "decided", decided: true },
              effects: Array.from({ length: EFFECTS }, (_, i) =>
                effect(effectKind, `${id}:e${i}`, { subject: id, what: `effect ${i}` }),
              ),
              result: undefined,
            }),
          {
            notFound: refuse("TEST.NOT_FOUND", "no such record"),
            busy: refuse("TEST.BUSY", "busy"),
          },
          EFFECT_KINDS,
        );
      const effectsOf = (s: Store, id: string) =>
        s.collection(effectKind).count({ where: { subject: id } });

      test("when a decision is made, then it and each of its effects are stored, and nothing is left pending", async () => {
        await store.collection(decidedKind).create("d1", { title: "open", decided: false });
        const done = await decideOn(store, "d1");
        expect(done.ok).toBe(true);
        const record = await store.collection(decidedKind).get("d1");
        expect(record?.data).toMatchObject({ title: "decided", decided: true });
        expect(record?.data.effectsPending ?? false).toBe(false);
        expect(await effectsOf(store, "d1")).toBe(EFFECTS);
        // A repeated decision on the same effects writes none of them twice.
        expect((await decideOn(store, "d1")).ok).toBe(true);
        expect(await effectsOf(store, "d1")).toBe(EFFECTS);
      });

      test.each(["before", "after"] as const)(
        "when the process dies %s any one write of a decision, then after a restart and the reconciler the decision and its effects are all there or all absent",
        async (when) => {
          const logger = createLogger("silent");
          for (let dieAt = 1; dieAt < 20; dieAt++) {
            const id = `d-${when}-${dieAt}`;
            await store.collection(decidedKind).create(id, { title: "open", decided: false });
            const crashing = crashingStore(store, dieAt, when);
            const finished = await decideOn(crashing, id).then(
              () => true,
              (error: unknown) => {
                if (!(error instanceof ProcessDied)) throw error;
                return false;
              },
            );
            const restarted = await f.reopen();
            opened.push(restarted);
            await reconcileEffects(restarted, decidedKind, EFFECT_KINDS, logger);
            const record = await restarted.collection(decidedKind).get(id);
            const decided = record?.data.decided === true;
            expect(await effectsOf(restarted, id)).toBe(decided ? EFFECTS : 0);
            expect(record?.data.effectsPending ?? false).toBe(false);
            if (finished) {
              expect(decided).toBe(true);
              return;
            }
          }
          throw new Error("the decision never finished");
        },
      );
    });
  });
}
