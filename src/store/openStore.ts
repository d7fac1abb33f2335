import type { Config } from "../config";
import type { Logger, RecordKind, Store } from "../ports";
import { leaseKind } from "./leases";
import { RoutedStore } from "./routedStore";
import { conversationReferenceKind } from "../bot/conversationReferences";
import { outboxKind } from "../outbox/outboxMessage";
import type { GraphApi } from "../graph/graphClient";
import { SharePointStore, StoreNotProvisionedError } from "./sharepoint/sharePointStore";

/** The store the configuration names. SQLite is loaded only when chosen (a native module). */
export async function openStore(
  config: Config,
  graph: GraphApi | undefined,
  logger: Logger,
  /** Every kind the app keeps (features' included): the lists that must exist on SharePoint. */
  kinds: readonly RecordKind<unknown>[],
): Promise<Store> {
  if (config.store.kind === "sqlite") {
    const { SqliteStore } = await import("./sqlite/sqliteStore");
    return SqliteStore.inDataDir(config.dataDir);
  }
  if (!graph) throw new Error("STORE=sharepoint needs Microsoft Graph credentials");
  const store = new SharePointStore({
    graph,
    siteId: config.store.siteId,
    logger: logger.child({ component: "store" }),
  });
  const tables = config.deliveryTables;
  // The delivery machinery: in Azure Storage tables when configured, else in lists like the rest.
  const deliveryKinds = new Set(
    tables ? [outboxKind.name, leaseKind.name, conversationReferenceKind.name] : [],
  );
  // Stop at start-up, naming what is missing, rather than at the first write.
  const missing = await store.missingLists(kinds.filter((k) => !deliveryKinds.has(k.name)));
  if (missing.length) {
    throw new StoreNotProvisionedError(
      `The SharePoint site has no list ${missing.join(", ")}: run npm run provision:sharepoint, then start again`,
    );
  }
  if (!tables) return store;
  const { deliveryTableStore } = await import("./azure/deliveryTables");
  return new RoutedStore(store, deliveryTableStore(tables), deliveryKinds);
}
