import { z } from "zod";
import { updateWithRetry } from "./updateWithRetry";
import type { Clock, Collection, RecordKind, Store } from "../ports";

/*
 * Named leases in the shared store, so background work (installing the app for staff, and any
 * scheduled job) runs on one instance at a time however many instances are up. A lease is a
 * record taken by compare-and-set; it expires by itself if its holder dies.
 */
const schema = z.object({
  name: z.string().min(1).max(100),
  owner: z.string().nullable(),
  until: z.string(),
});
export type Lease = z.infer<typeof schema>;

export const leaseKind: RecordKind<Lease> = {
  name: "leases",
  schema,
  indexes: { name: "text" },
};

export class Leases {
  private readonly leases: Collection<Lease>;

  constructor(
    store: Store,
    private readonly clock: Clock,
  ) {
    this.leases = store.collection(leaseKind);
  }

  /** Takes the lease for `ms` if it is free, expired or already ours; false if someone else holds it. */
  async acquire(name: string, owner: string, ms: number): Promise<boolean> {
    const taken = await updateWithRetry(
      this.leases,
      name,
      (current) => {
        const now = this.clock.now();
        const held =
          current !== undefined &&
          current.data.owner !== null &&
          current.data.owner !== owner &&
          Date.parse(current.data.until) > now.getTime();
        if (held) return { result: false };
        return {
          write: { name, owner, until: new Date(now.getTime() + ms).toISOString() },
          result: true,
        };
      },
      // Another instance racing for it has most likely won: a few tries settle who.
      { attempts: 3 },
    );
    return taken.ok && taken.result;
  }

  async release(name: string, owner: string): Promise<void> {
    const current = await this.leases.get(name);
    if (current?.data.owner !== owner) return;
    await this.leases.update(
      name,
      { name, owner: null, until: this.clock.now().toISOString() },
      current.version,
    );
  }

  /** Runs `work` only on the instance that takes the lease; the others get undefined. */
  async runExclusive<T>(
    name: string,
    owner: string,
    ms: number,
    work: () => Promise<T>,
  ): Promise<T | undefined> {
    if (!(await this.acquire(name, owner, ms))) return undefined;
    try {
      return await work();
    } finally {
      await this.release(name, owner);
    }
  }
}
