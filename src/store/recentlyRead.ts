import type { Clock, Collection, Stored } from "../ports";
import { findAll } from "./findAll";

/*
 * A whole short collection that nearly every request consults (published policy versions, the
 * policy owner's saved answers), read at most once every few seconds instead of once per message,
 * and turned into what callers use (sorted, unwrapped) once per read. The store stays the truth:
 * another instance's writes show within `freshMs`, and this instance's own writes call forget()
 * so they show at once. Concurrent callers share one read.
 */
export class RecentlyRead<T, V = Stored<T>[]> {
  private cached?: { at: number; value: Promise<V> };
  private readonly derive: (records: Stored<T>[]) => V;
  private readonly freshMs: number;

  constructor(
    private readonly collection: Collection<T>,
    private readonly clock: Clock,
    options: { readonly derive?: (records: Stored<T>[]) => V; readonly freshMs?: number } = {},
  ) {
    this.derive = options.derive ?? ((records) => records as V);
    this.freshMs = options.freshMs ?? 3000;
  }

  all(): Promise<V> {
    const now = this.clock.now().getTime();
    // A clock set back (tests, a corrected host) makes the copy stale rather than fresh for ever.
    const age = this.cached ? now - this.cached.at : -1;
    if (this.cached && age >= 0 && age < this.freshMs) return this.cached.value;
    const value = findAll(this.collection).then(this.derive);
    this.cached = { at: now, value };
    // A failed read is not kept: the next caller tries the store again.
    value.catch(() => {
      if (this.cached?.value === value) this.cached = undefined;
    });
    return value;
  }

  forget(): void {
    this.cached = undefined;
  }
}
