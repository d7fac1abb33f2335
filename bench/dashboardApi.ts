import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startApp } from "../src/composition";
import { loadConfig } from "../src/config";
import type { Person } from "../src/domain/people/person";
import { createLogger } from "../src/logging";
import { packageRoot } from "../src/packageRoot";
import { loadPolicyFile } from "../src/policy/policyFile";
import { SqliteStore } from "../src/store/sqlite/sqliteStore";
import { seedAcknowledgements, seedNotices, seedVersion } from "../test/support/dashboardSeed";
import { writeResults } from "./botThroughput";

/*
 * The dashboard's API latency at a large school's size: 5,000 staff and 20,000
 * acknowledgements (three past versions fully acknowledged, the version in force at 80%, an
 * upcoming one at 20%) plus 10,000 notices as proof of delivery. Measures, over HTTP as the tab
 * calls it, the summary and the first page of the staff table (p50/p99), and a filtered page and
 * the whole-school CSV export for comparison.
 */
const STAFF = Number(process.env.BENCH_DASHBOARD_STAFF ?? 5000);
const REPS = Number(process.env.BENCH_DASHBOARD_REPS ?? 100);

function roster(): Person[] {
  const departments = [
    "English",
    "Mathematics",
    "Science",
    "Humanities",
    "Languages",
    "Arts",
    "Physical Education",
    "Computing",
    "Learning Support",
    "School Office",
    "Site",
    "Catering",
  ];
  return Array.from({ length: STAFF }, (_, i) => ({
    aadObjectId: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    displayName:
      i === 0 ? "Head Teacher" : `Teacher ${String(i).padStart(4, "0")} Surname${i % 97}`,
    email: `t${i}@school.example`,
    roles: i === 0 ? ["headteacher", "staff"] : ["staff"],
    department: departments[i % departments.length]!,
  }));
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function time(
  reps: number,
  call: () => Promise<Response>,
): Promise<{ p50: number; p99: number; bytes: number }> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < reps + 3; i++) {
    const t0 = performance.now();
    const response = await call();
    const body = await response.arrayBuffer();
    const ms = performance.now() - t0;
    if (!response.ok) throw new Error(`HTTP ${response.status}: ${Buffer.from(body).toString()}`);
    bytes = body.byteLength;
    if (i >= 3) times.push(ms); // the first calls warm caches and the JIT
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), bytes };
}

export async function run(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-dashboard-"));
  const dataDir = path.join(dir, "data");
  const people = roster();
  const rosterFile = path.join(dir, "roster.csv");
  fs.writeFileSync(
    rosterFile,
    [
      "aadObjectId,displayName,email,roles,department",
      ...people.map((p) =>
        [p.aadObjectId, p.displayName, p.email, p.roles.join(";"), p.department].join(","),
      ),
    ].join("\n"),
  );

  const t0 = performance.now();
  const store = SqliteStore.inDataDir(dataDir);
  const bundled = loadPolicyFile(
    path.join(packageRoot(), "assets/policy/staff-social-media-policy.md"),
  );
  const upcomingFrom = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
  const versions = [
    {
      label: "2021.07",
      effectiveFrom: "2021-07-15",
      publishedAt: "2021-06-01T08:00:00.000Z",
      acknowledged: STAFF,
    },
    {
      label: "2022.07",
      effectiveFrom: "2022-07-15",
      publishedAt: "2022-06-01T08:00:00.000Z",
      acknowledged: STAFF,
    },
    {
      label: "2023.07",
      effectiveFrom: "2023-07-15",
      publishedAt: "2023-06-01T08:00:00.000Z",
      acknowledged: STAFF,
    },
    {
      label: "2024.07",
      effectiveFrom: "2024-07-17",
      publishedAt: "2024-06-01T08:00:00.000Z",
      acknowledged: Math.round(STAFF * 0.8),
    },
    {
      label: "next",
      effectiveFrom: upcomingFrom,
      publishedAt: new Date().toISOString(),
      acknowledged: Math.round(STAFF * 0.2),
    },
  ];
  let acknowledgements = 0;
  for (const v of versions) {
    await seedVersion(store, bundled, v);
    await seedAcknowledgements(
      store,
      v.label,
      people.slice(0, v.acknowledged),
      () => v.publishedAt,
    );
    acknowledgements += v.acknowledged;
  }
  // Proof of notice for the two live versions; 2% of staff never installed the app.
  const unreachable = people.filter((_, i) => i % 50 === 49);
  for (const label of ["2024.07", "next"]) {
    await seedNotices(
      store,
      label,
      people.filter((p) => !unreachable.includes(p)),
      { status: "delivered", deliveredAt: "2024-06-01T08:05:00.000Z" },
    );
    await seedNotices(store, label, unreachable, {
      status: "undeliverable",
      at: "2024-06-01T08:05:00.000Z",
    });
  }
  await store.close();
  const seedMs = performance.now() - t0;

  const config = loadConfig({
    DATA_DIR: dataDir,
    ROSTER_FILE: rosterFile,
    LOG_LEVEL: "silent",
    HOST: "127.0.0.1",
  });
  const app = await startApp({ ...config, port: 0 }, createLogger("silent"), { background: false });
  try {
    const head = { "x-local-user": people[0]!.aadObjectId };
    const get = (p: string) => () => fetch(`${app.url}/api/tab${p}`, { headers: head });
    const results = {
      staff: STAFF,
      acknowledgements,
      notices: 2 * STAFF,
      reps: REPS,
      summary: await time(REPS, get("/versions/2024.07/summary")),
      firstPage: await time(REPS, get("/versions/2024.07/rows?page=1&pageSize=50")),
      filteredPage: await time(
        REPS,
        get(
          "/versions/2024.07/rows?status=outstanding&department=Science&q=surname1&sort=notifiedAt&order=desc",
        ),
      ),
      csvExport: await time(Math.max(5, Math.round(REPS / 10)), get("/versions/2024.07/rows.csv")),
    };
    const ms = (n: number) => `${n.toFixed(1)} ms`;
    console.log(
      `Dashboard API: ${STAFF.toLocaleString("en-GB")} staff, ${acknowledgements.toLocaleString("en-GB")} acknowledgements, ${results.notices.toLocaleString("en-GB")} notices (seeded in ${(seedMs / 1000).toFixed(1)} s)`,
    );
    for (const [name, r] of [
      ["summary", results.summary],
      ["first page (50 rows)", results.firstPage],
      ["filtered page", results.filteredPage],
      ["CSV export (all rows)", results.csvExport],
    ] as const) {
      console.log(
        `  ${name.padEnd(24)} p50 ${ms(r.p50).padStart(9)}   p99 ${ms(r.p99).padStart(9)}   ${(r.bytes / 1024).toFixed(1)} KB`,
      );
    }
    console.log(
      `  results: ${path.relative(packageRoot(), writeResults("dashboardApi", results))}`,
    );
  } finally {
    await app.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
