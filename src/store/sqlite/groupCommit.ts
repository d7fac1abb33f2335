import type Database from "better-sqlite3";

/*
 * Group commit. Creates that arrive in the same turn of the event loop (a burst of questions or
 * acknowledgements from many conversations at once) are committed in one transaction, so the
 * WAL is written and committed once for all of them instead of once each. Every caller's promise
 * settles only after that commit: "created" still means the record is in the file.
 */
interface Pending {
  readonly write: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

type Outcome =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: unknown };

export class GroupCommit {
  private queue: Pending[] = [];

  constructor(private readonly db: Database.Database) {}

  /** `write` runs one statement; it must not depend on another queued write having failed. */
  run<T>(write: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ write, resolve: resolve as (value: unknown) => void, reject });
      if (this.queue.length === 1) setImmediate(() => this.flush());
    });
  }

  /** Commits what is queued now; also called before the database closes. */
  flush(): void {
    const batch = this.queue;
    if (batch.length === 0) return;
    this.queue = [];
    let outcomes: Outcome[];
    try {
      // One statement's error (it is rolled back alone) must not fail its neighbours.
      outcomes = this.db.transaction(() =>
        batch.map((p): Outcome => {
          try {
            return { ok: true, value: p.write() };
          } catch (error) {
            return { ok: false, error };
          }
        }),
      )();
    } catch (error) {
      // The commit itself failed (disk full, database closed): nothing in the batch was written.
      for (const p of batch) p.reject(error);
      return;
    }
    batch.forEach((p, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) p.resolve(outcome.value);
      else p.reject(outcome.error);
    });
  }
}
