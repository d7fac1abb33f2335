import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { dashboardLinkFor } from "../../src/app/dashboardLink";
import { PolicyVersions } from "../../src/app/policy/policyVersions";
import { savedAnswersView } from "../../src/app/qa/records";
import type { AppServices } from "../../src/app/services";
import { TEAMS_CARDS } from "../../src/features";
import type { Person } from "../../src/domain/people/person";
import { createLogger } from "../../src/logging";
import { Outbox } from "../../src/outbox/outbox";
import { outboxKind, type OutboxMessage } from "../../src/outbox/outboxMessage";
import { packageRoot } from "../../src/packageRoot";
import { loadPolicyFile } from "../../src/policy/policyFile";
import type { Directory } from "../../src/ports";
import { findAll } from "../../src/store/findAll";
import { SqliteStore } from "../../src/store/sqlite/sqliteStore";
import { sampleRoster } from "./sampleRoster";

/*
 * Use cases on their own, for unit tests: the real SQLite store in a temporary folder, the
 * bundled policy installed as the first version, a roster given by the test, a clock the test
 * sets and counting ids. Nothing is delivered: tests read what went into the outbox.
 */
export interface UseCaseWorld {
  readonly services: AppServices;
  readonly store: SqliteStore;
  /** Sets the clock (ISO instant). */
  at(iso: string): void;
  advanceHours(hours: number): void;
  /** Everything enqueued so far, oldest first. */
  outbox(): Promise<OutboxMessage[]>;
  close(): Promise<void>;
}

export async function useCaseWorld(
  people: readonly Person[] = sampleRoster(),
  startAt = "2026-11-02T09:00:00Z",
): Promise<UseCaseWorld> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "use-case-"));
  const store = SqliteStore.inDataDir(dir);
  let now = new Date(startAt);
  const clock = { now: () => now };
  let counter = 0;
  const directory: Directory = {
    find: async (id) => people.find((p) => p.aadObjectId === id),
    all: async () => people,
  };
  const bundledPolicy = loadPolicyFile(
    path.join(packageRoot(), "assets/policy/staff-social-media-policy.md"),
  );
  const services: AppServices = {
    store,
    directory,
    clock,
    ids: { newId: () => `id-${++counter}` },
    logger: createLogger("silent"),
    outbox: new Outbox(store, clock),
    bundledPolicy,
    publicUrl: "http://localhost:3978",
    dashboardUrlFor: dashboardLinkFor({ localMode: true, publicUrl: "http://localhost:3978" }),
    schoolTimeZone: "Europe/London",
    policyVersions: new PolicyVersions(store, clock, "Europe/London"),
    savedAnswers: savedAnswersView(store, clock),
    acknowledgements: { graceDays: 14, reminderDays: 7 },
    posts: { accounts: ["Facebook"], consentList: [], reminderHours: 24 },
    ...TEAMS_CARDS,
  };
  await services.policyVersions.ensureInstalled(bundledPolicy);
  return {
    services,
    store,
    at: (iso) => {
      now = new Date(iso);
    },
    advanceHours: (hours) => {
      now = new Date(now.getTime() + hours * 3600_000);
    },
    outbox: async () =>
      (await findAll(store.collection(outboxKind)))
        .map((r) => r.data)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.key.localeCompare(b.key)),
    async close() {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
