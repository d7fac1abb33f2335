import type { Collection, RecordKind, Store, StoreStatus } from "../ports";

/*
 * One Store over two engines: the records the school owns and looks at stay in the main store
 * (SharePoint lists), the delivery machinery's kinds (high-churn, nobody browses them) go to the
 * other (Azure Storage tables). Use cases see one port either way.
 */
export class RoutedStore implements Store {
  constructor(
    private readonly main: Store,
    private readonly delivery: Store,
    private readonly deliveryKinds: ReadonlySet<string>,
  ) {}

  collection<T>(kind: RecordKind<T>): Collection<T> {
    return (this.deliveryKinds.has(kind.name) ? this.delivery : this.main).collection(kind);
  }

  async status(): Promise<StoreStatus> {
    const [main, delivery] = await Promise.all([this.main.status(), this.delivery.status()]);
    return {
      ok: main.ok && delivery.ok,
      kind: `${main.kind}+${delivery.kind}`,
      detail: `${main.detail}; ${delivery.detail}`,
    };
  }

  async close(): Promise<void> {
    await Promise.all([this.main.close(), this.delivery.close()]);
  }
}
