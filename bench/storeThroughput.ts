import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import type { RecordKind } from "../src/ports";
import { SqliteStore } from "../src/store/sqlite/sqliteStore";

/** Embedded store figures: creates, compare-and-set updates and indexed page reads per second. */
const kind: RecordKind<{ person: string; version: string; status: string; at: string }> = {
  name: "benchRecords",
  schema: z.object({ person: z.string(), version: z.string(), status: z.string(), at: z.string() }),
  indexes: { person: "text", version: "text", status: "text", at: "text" },
};

function rate(n: number, ms: number): string {
  return `${Math.round((n / ms) * 1000).toLocaleString("en-GB")}/s`;
}

export async function run(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-store-"));
  const store = SqliteStore.inDataDir(dir);
  const records = store.collection(kind);
  const n = 20_000;
  let t = performance.now();
  for (let i = 0; i < n; i++) {
    await records.create(`r${i}`, {
      person: `p${i % 5000}`,
      version: `v${i % 4}`,
      status: i % 3 ? "acknowledged" : "outstanding",
      at: new Date(1_700_000_000_000 + i * 1000).toISOString(),
    });
  }
  const createMs = performance.now() - t;
  t = performance.now();
  for (let i = 0; i < 5000; i++) {
    const r = await records.get(`r${i}`);
    if (r) await records.update(r.id, { ...r.data, status: "acknowledged" }, r.version);
  }
  const updateMs = performance.now() - t;
  t = performance.now();
  const reps = 200;
  for (let i = 0; i < reps; i++)
    await records.find({
      where: { version: "v1", status: "outstanding" },
      orderBy: { field: "at" },
      limit: 50,
    });
  const pageMs = performance.now() - t;
  t = performance.now();
  for (let i = 0; i < reps; i++)
    await records.count({ where: { version: "v2", status: "acknowledged" } });
  const countMs = performance.now() - t;
  console.log(`SQLite store, ${n.toLocaleString("en-GB")} records`);
  console.log(`  create:             ${rate(n, createMs)}`);
  console.log(`  read + CAS update:  ${rate(5000, updateMs)}`);
  console.log(`  first page (50):    ${(pageMs / reps).toFixed(2)} ms`);
  console.log(`  indexed count:      ${(countMs / reps).toFixed(2)} ms`);
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
