import type { Collection, Stored } from "../ports";
import { findAll } from "./findAll";

/*
 * A whole short collection that nearly every request consults (published policy versions, the
 * policy owner's saved answers), read at most once every few seconds instead of once per message.
 * The store stays the truth: another instance's writes show within `freshMs`, and this
 * instance's own writes call forget() so they show at once. Concurrent callers share one read.
 */
export class RecentlyRead<T> {
  private cached?: { at: number; records: Promise<Stored<T>[]> };

  constructor(
    private readonly collection: Collection<T>,
    private readonly freshMs = 3000,
  ) {}

  all(): Promise<Stored<T>[]> {
    const now = Date.now();
    if (this.cached && now - this.cached.at < this.freshMs) return this.cached.records;
    const records = findAll(this.collection);
    this.cached = { at: now, records };
    // A failed read is not kept: the next caller tries the store again.
    records.catch(() => {
      if (this.cached?.records === records) this.cached = undefined;
    });
    return records;
  }

  forget(): void {
    this.cached = undefined;
  }
}

/** One view per store and collection, so every use case in an app shares it. */
const views = new WeakMap<object, Map<string, RecentlyRead<unknown>>>();

export function recentlyRead<T>(owner: object, collection: Collection<T>, name: string): RecentlyRead<T> {
  let byName = views.get(owner);
  if (!byName) views.set(owner, (byName = new Map()));
  let view = byName.get(name) as RecentlyRead<T> | undefined;
  if (!view) byName.set(name, (view = new RecentlyRead(collection)));
  return view;
}
