import type { Store } from "../../src/ports";
import { crashingStore, ProcessDied } from "./crashingStore";

/** The same store seen as one without transactions (as SharePoint lists are): the journal path. */
export function withoutTransactions(store: Store): Store {
  return {
    collection: (kind) => store.collection(kind),
    status: () => store.status(),
    close: () => store.close(),
  };
}

/** Each way a process can die in a step: before or after a write, with or without transactions. */
export const CRASH_MODES = [
  ["with one transaction", "before", false],
  ["with one transaction", "after", false],
  ["with the effect journal and the reconciler", "before", true],
  ["with the effect journal and the reconciler", "after", true],
] as const;

/**
 * Runs `step` with a process that dies at its 1st, 2nd, … write ("before" the write reaches the
 * store or "after" it did), each time in a fresh world, until a run finishes; after each crash
 * the surviving store is reconciled (on the journal path: what the scheduled job does after a
 * restart) and `restartAndCheck` looks at it. Returns the write the step first finished at.
 */
export async function crashAtEachWrite<W extends { close(): Promise<void> }>(options: {
  readonly world: () => Promise<W>;
  readonly storeOf: (world: W) => Store;
  readonly journal: boolean;
  readonly when: "before" | "after";
  readonly step: (world: W, store: Store) => Promise<unknown>;
  /** The feature's reconciler over the surviving store. */
  readonly reconcile: (store: Store) => Promise<unknown>;
  readonly restartAndCheck: (world: W, store: Store, finished: boolean) => Promise<void>;
}): Promise<number> {
  for (let dieAt = 1; dieAt < 30; dieAt++) {
    const world = await options.world();
    try {
      const base = options.journal
        ? withoutTransactions(options.storeOf(world))
        : options.storeOf(world);
      const finished = await options.step(world, crashingStore(base, dieAt, options.when)).then(
        () => true,
        (error: unknown) => {
          if (!(error instanceof ProcessDied)) throw error;
          return false;
        },
      );
      if (options.journal) await options.reconcile(base);
      await options.restartAndCheck(world, base, finished);
      if (finished) return dieAt;
    } finally {
      await world.close();
    }
  }
  throw new Error("the step never finished");
}
