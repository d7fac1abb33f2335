import type { Collection, CreateResult, Stored, UpdateResult } from "../ports";

/*
 * The one compare-and-set loop: read the record, decide, write at the version read; when
 * another writer got there first, read again and decide again. Every use case that changes a
 * shared record goes through here, so the number of tries and the meaning of "busy" are one.
 */

/** What the decision on the current record (or its absence) comes to. */
export type Step<T, R> =
  /** Write `data` (created when there is no record yet), then answer `result`. */
  | { readonly write: T; readonly result: R }
  /** Nothing to write (a refusal, or already so): answer `result` as it is. */
  | { readonly result: R; readonly write?: undefined };

export type RetryOutcome<T, R> =
  | {
      readonly ok: true;
      readonly result: R;
      readonly record?: Stored<T>;
      readonly before?: Stored<T>;
    }
  | { readonly ok: false; readonly reason: "busy" };

/** How a step's data is written: by default the collection's own create or update. */
export type WriteStep<T> = (
  id: string,
  data: T,
  current: Stored<T> | undefined,
) => Promise<CreateResult<T> | UpdateResult<T>>;

export const DEFAULT_ATTEMPTS = 8;

export async function updateWithRetry<T, R>(
  collection: Collection<T>,
  id: string,
  decide: (current: Stored<T> | undefined) => Step<T, R> | Promise<Step<T, R>>,
  options: { readonly attempts?: number; readonly write?: WriteStep<T> } = {},
): Promise<RetryOutcome<T, R>> {
  const write: WriteStep<T> =
    options.write ??
    ((key, data, current) =>
      current ? collection.update(key, data, current.version) : collection.create(key, data));
  for (let attempt = 0; attempt < (options.attempts ?? DEFAULT_ATTEMPTS); attempt++) {
    const current = await collection.get(id);
    const step = await decide(current);
    if (step.write === undefined)
      return { ok: true, result: step.result, ...(current ? { before: current } : {}) };
    const saved = await write(id, step.write, current);
    if (saved.ok)
      return {
        ok: true,
        result: step.result,
        record: saved.record,
        ...(current ? { before: current } : {}),
      };
    // "exists", "conflict" or "missing": someone else wrote first; read again and decide again.
  }
  return { ok: false, reason: "busy" };
}
