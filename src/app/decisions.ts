import { z } from "zod";
import { accept, type Decision, type Refusal } from "../domain/result";
import type { Collection, Logger, RecordKind, Store, Stored, Write } from "../ports";
import type { Envelope, Outbox } from "../outbox/outbox";
import type { ScheduledJob } from "./scheduler";
import { outboxKind } from "../outbox/outboxMessage";
import { findAll } from "../store/findAll";
import { updateWithRetry } from "../store/updateWithRetry";

/*
 * A decision and its effects in one step. The decision is a compare-and-set update of one
 * record (a post, a case); its effects are the records it implies: the audit entry, the outbox
 * messages. A crash must leave all of them or none, and never the decision without its effects
 * (the second click is then refused as already decided, and the notices would be lost).
 *
 * - A store with transactions (SQLite): the update and every effect in one `Store.transact`.
 * - A store without (SharePoint lists): the effects ride in the decision's own compare-and-set
 *   update (`pendingEffects`), are then written one by one (idempotent by id: an outbox id is its
 *   key's hash), and cleared. A crash in between leaves `effectsPending` set, and the reconciler
 *   job (`reconcileEffects`) writes whatever is missing.
 */

/** A record a decision implies, created by id; already there counts as written. */
export interface Effect {
  readonly kind: RecordKind<unknown>;
  readonly id: string;
  readonly data: unknown;
}

export function effect<T>(kind: RecordKind<T>, id: string, data: T): Effect {
  return { kind: kind as unknown as RecordKind<unknown>, id, data };
}

/** A message a decision implies: the outbox record `enqueue` would write, as an effect. */
export function messageEffect(outbox: Pick<Outbox, "entryFor">, envelope: Envelope): Effect {
  const entry = outbox.entryFor(envelope);
  return effect(outboxKind, entry.id, entry.data);
}

/**
 * Where a decision is written, and the outbox to tell when its effects include messages: written
 * straight to the store, they would otherwise wait for the worker's backed-off poll.
 */
export interface EffectsTarget {
  readonly store: Store;
  readonly outbox?: Pick<Outbox, "written">;
}

function announce(at: EffectsTarget, effects: readonly Effect[]): void {
  if (effects.some((e) => e.kind.name === outboxKind.name)) at.outbox?.written();
}

/** The fields a decided kind adds to its schema, and the index the reconciler finds them by. */
const pendingEffectSchema = z.object({ kind: z.string(), id: z.string(), data: z.unknown() });
export const effectJournalFields = {
  pendingEffects: z.array(pendingEffectSchema).optional(),
  effectsPending: z.boolean().optional(),
};
export const effectJournalIndex = { effectsPending: "boolean" } as const;

interface Journal {
  readonly pendingEffects?: readonly z.infer<typeof pendingEffectSchema>[];
  readonly effectsPending?: boolean;
}

export interface DecidedChange<T, R> {
  readonly next: T;
  readonly effects: readonly Effect[];
  readonly result: R;
  /** Nothing changed (a repeated click): nothing is written, and no effect again. */
  readonly unchanged?: boolean;
}

export interface Decided<T, R> {
  readonly before: T;
  readonly saved: Stored<T>;
  readonly result: R;
}

/**
 * Re-reads the record, decides, and writes the decision with its effects; a conflict re-reads
 * and decides again. `decide` may read (the roster, earlier messages) to build the effects.
 */
export async function decideWithEffects<T, R>(
  at: EffectsTarget,
  kind: RecordKind<T>,
  id: string,
  decide: (current: Stored<T>) => Promise<Decision<DecidedChange<T, R>>>,
  refusals: { readonly notFound: Refusal; readonly busy: Refusal },
  effectKinds: readonly RecordKind<unknown>[],
): Promise<Decision<Decided<T, R>>> {
  const { store } = at;
  const collection = store.collection(kind);
  let effects: readonly Effect[] = [];
  const outcome = await updateWithRetry<T, Decision<DecidedChange<T, R>>>(
    collection,
    id,
    async (current) => {
      if (!current) return { result: refusals.notFound };
      const decided = await decide(current);
      if (!decided.ok || decided.value.unchanged) return { result: decided };
      effects = decided.value.effects;
      return { write: decided.value.next, result: decided };
    },
    {
      write: async (key, data, current) => {
        if (!current) return { ok: false, reason: "missing" };
        if (store.transact) {
          const done = await store.transact([
            {
              op: "update",
              kind: kind as unknown as RecordKind<unknown>,
              id: key,
              data,
              expectedVersion: current.version,
            },
            ...effects.map(
              (e): Write => ({
                op: "create",
                kind: e.kind,
                id: e.id,
                data: e.data,
                ifExists: "keep",
              }),
            ),
          ]);
          if (!done.ok) return { ok: false, reason: "conflict", current };
          const saved = await collection.get(key);
          return saved ? { ok: true, record: saved } : { ok: false, reason: "missing" };
        }
        // Earlier effects still pending (a crash, a lost clear) are carried forward, never dropped.
        const carried = ((current.data as Journal).pendingEffects ?? []).filter(
          (p) => !effects.some((e) => e.id === p.id && e.kind.name === p.kind),
        );
        const journal = [
          ...carried,
          ...effects.map((e) => ({ kind: e.kind.name, id: e.id, data: e.data })),
        ];
        return collection.update(
          key,
          { ...data, pendingEffects: journal, effectsPending: journal.length > 0 } as T,
          current.version,
        );
      },
    },
  );
  if (!outcome.ok) return refusals.busy;
  if (!outcome.result.ok) return outcome.result;
  if (!outcome.record) {
    return accept({
      before: outcome.before!.data,
      saved: outcome.before!,
      result: outcome.result.value.result,
    });
  }
  let saved = outcome.record;
  if (!store.transact) saved = await applyPending(store, collection, saved, effectKinds);
  announce(at, effects);
  return accept({ before: outcome.before!.data, saved, result: outcome.result.value.result });
}

/** A new record (a proposal) and its effects, in one step the same way as a decision. */
export async function createWithEffects<T>(
  at: EffectsTarget,
  kind: RecordKind<T>,
  id: string,
  data: T,
  effects: readonly Effect[],
  effectKinds: readonly RecordKind<unknown>[],
): Promise<boolean> {
  const { store } = at;
  const collection = store.collection(kind);
  if (store.transact) {
    const done = await store.transact([
      { op: "create", kind: kind as unknown as RecordKind<unknown>, id, data, ifExists: "fail" },
      ...effects.map(
        (e): Write => ({ op: "create", kind: e.kind, id: e.id, data: e.data, ifExists: "keep" }),
      ),
    ]);
    if (done.ok) announce(at, effects);
    return done.ok;
  }
  const journal = effects.map((e) => ({ kind: e.kind.name, id: e.id, data: e.data }));
  const created = await collection.create(id, {
    ...data,
    pendingEffects: journal,
    effectsPending: journal.length > 0,
  } as T);
  if (!created.ok) return false;
  await applyPending(store, collection, created.record, effectKinds);
  announce(at, effects);
  return true;
}

/** Writes a record's pending effects (each idempotent by id), then clears them if nobody wrote since. */
async function applyPending<T>(
  store: Store,
  collection: Collection<T>,
  record: Stored<T>,
  effectKinds: readonly RecordKind<unknown>[],
): Promise<Stored<T>> {
  const pending = (record.data as Journal).pendingEffects ?? [];
  for (const p of pending) {
    const kind = effectKinds.find((k) => k.name === p.kind);
    if (!kind) throw new Error(`No record kind ${p.kind} for a pending effect`);
    await store.collection(kind).create(p.id, p.data);
  }
  if (!(record.data as Journal).effectsPending) return record;
  const cleared = await collection.update(
    record.id,
    { ...record.data, pendingEffects: [], effectsPending: false },
    record.version,
  );
  // A later decision took the record meanwhile: it carries these forward and clears them itself.
  return cleared.ok ? cleared.record : record;
}

/**
 * The reconciler (a scheduled job): every record of `kind` whose effects a crash left pending
 * gets them written now. Idempotent: an effect already there is kept as it is.
 */
export async function reconcileEffects<T>(
  store: Store,
  kind: RecordKind<T>,
  effectKinds: readonly RecordKind<unknown>[],
  logger: Logger,
): Promise<number> {
  const collection = store.collection(kind);
  let reconciled = 0;
  for (const record of await findAll(collection, { where: { effectsPending: true } })) {
    await applyPending(store, collection, record, effectKinds);
    reconciled++;
  }
  if (reconciled)
    logger.info(
      { kind: kind.name, reconciled },
      "effects of decisions interrupted by a crash were written",
    );
  return reconciled;
}

/**
 * The reconciler as a scheduled job for one decided kind: only a store without transactions can
 * hold a decision whose effects a crash cut short, so with transactions there is no job at all.
 */
export function reconcilerJobs<T>(
  services: { readonly store: Store; readonly logger: Logger },
  name: string,
  kind: RecordKind<T>,
  effectKinds: readonly RecordKind<unknown>[],
): ScheduledJob[] {
  if (services.store.transact) return [];
  return [
    {
      name,
      run: async () =>
        void (await reconcileEffects(services.store, kind, effectKinds, services.logger)),
    },
  ];
}
