import type { Collection, Store } from "../../src/ports";

/** What a test throws to stand for the process dying: nothing after it runs. */
export class ProcessDied extends Error {
  constructor(at: number) {
    super(`the process died at write ${at}`);
  }
}

/**
 * A store whose process dies at its `dieAt`-th write (counting from 1): "before" the write
 * reaches the store, or "after" it was made but before anyone hears of it. Reads pass through.
 * Every later call fails too: a dead process does nothing more.
 */
export function crashingStore(
  inner: Store,
  dieAt: number,
  when: "before" | "after",
): Store & { readonly writes: number } {
  let writes = 0;
  let dead = false;
  const write = async <R>(run: () => Promise<R>): Promise<R> => {
    if (dead) throw new ProcessDied(writes);
    writes++;
    if (writes === dieAt && when === "before") {
      dead = true;
      throw new ProcessDied(writes);
    }
    const result = await run();
    if (writes === dieAt) {
      dead = true;
      throw new ProcessDied(writes);
    }
    return result;
  };
  const wrapped = {
    get writes() {
      return writes;
    },
    collection<T>(kind: Parameters<Store["collection"]>[0]) {
      const c = inner.collection(kind) as unknown as Collection<T>;
      const wrappedCollection: Collection<T> = {
        get: (id) => (dead ? Promise.reject(new ProcessDied(writes)) : c.get(id)),
        find: (q) => (dead ? Promise.reject(new ProcessDied(writes)) : c.find(q)),
        count: (q) => (dead ? Promise.reject(new ProcessDied(writes)) : c.count(q)),
        create: (id, data) => write(() => c.create(id, data)),
        update: (id, data, version) => write(() => c.update(id, data, version)),
        delete: (id) => write(() => c.delete(id)),
        ...(c.createMany ? { createMany: (records) => write(() => c.createMany!(records)) } : {}),
      };
      return wrappedCollection;
    },
    status: () => inner.status(),
    close: () => inner.close(),
    ...(inner.transact
      ? {
          transact: (writesToMake: Parameters<NonNullable<Store["transact"]>>[0]) =>
            write(() => inner.transact!(writesToMake)),
        }
      : {}),
  };
  return wrapped as Store & { readonly writes: number };
}
