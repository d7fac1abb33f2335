import type {
  Collection,
  CreateResult,
  NewRecord,
  Page,
  Query,
  RecordKind,
  Store,
  StoreStatus,
  Stored,
  UpdateResult,
  Logger,
} from "../../ports";
import { sendBatch } from "../../graph/batch";
import {
  GraphUnavailableError,
  graphQuery,
  statusOf,
  type GraphApi,
} from "../../graph/graphClient";
import {
  assertQueryable,
  indexValues,
  MAX_PAGE_SIZE,
  pageSize,
  StoreUsageError,
} from "../recordRules";
import {
  columnValue,
  encodeRecordId,
  indexColumnFor,
  listNameFor,
  PAYLOAD_COLUMN,
  PAYLOAD_MAX,
  RECORD_ID_COLUMN,
  TEXT_COLUMN_MAX,
  WRITE_TOKENS_COLUMN,
} from "./listSchema";
import {
  etagOf,
  findListId,
  isRecordItem,
  ListItems,
  type ListItem,
  type ListPage,
  type Read,
} from "./listItems";
import { exactlyMatches, matchesNothing, odataFilter, odataOrderBy } from "./odataQuery";
import { newWriteToken, withToken } from "../writeTokens";

/*
 * The production store: SharePoint lists on the school's policy site, reached through Microsoft
 * Graph. Same port, same contract suite as the embedded SQLite store:
 *  - version = the item's @odata.etag; update = PATCH .../fields with If-Match (412 = conflict);
 *  - create is idempotent on id through the unique `recordId` column. SharePoint answers a
 *    duplicate with 400 (or 500, or the answer is lost), so no status code is trusted: after any
 *    failed create the item is read by its key, and its write tokens say whether it is ours;
 *  - find = $filter/$orderby on indexed columns only, paged by @odata.nextLink (the cursor);
 *  - createMany = JSON $batch (src/graph/batch.ts), failed parts settled by one read of their keys.
 * Nothing here is needed across a restart: the list ids and item ids it remembers are
 * re-derivable lookups of values that never change.
 */
export class StoreNotProvisionedError extends Error {
  readonly code = "STORE.NOT_PROVISIONED";
}

const REMEMBERED = 10_000;

/** Answers after which a create may have been stored: only a read by key can tell. */
function mayHaveBeenStored(error: unknown): boolean {
  if (error instanceof GraphUnavailableError) return true;
  const status = statusOf(error);
  return status === undefined || status < 0 || status === 400 || status === 409 || status >= 500;
}

/** An answer that refuses the request itself (not a duplicate): trying again cannot help. */
function refusesRequest(status: number | undefined): boolean {
  return status !== undefined && status >= 400 && status < 500 && status !== 409;
}

/** The indexed columns, typed as SharePoint holds them. */
function indexColumnsOf<T>(
  kind: RecordKind<T>,
  data: T,
): Record<string, string | number | boolean | null> {
  const values = indexValues(kind as RecordKind<unknown>, data);
  const columns: Record<string, string | number | boolean | null> = {};
  for (const field of Object.keys(kind.indexes)) {
    columns[indexColumnFor(field)] = columnValue(kind.indexes[field]!, values[field] ?? null);
  }
  return columns;
}

function payloadOf<T>(kind: RecordKind<T>, data: T): string {
  const payload = JSON.stringify(data);
  if (payload.length > PAYLOAD_MAX) {
    throw new StoreUsageError(`A ${kind.name} record is too large for a SharePoint list item`);
  }
  return payload;
}

/** The fields of the list item that holds a record (also how tests seed large lists). */
export function itemFieldsFor<T>(
  kind: RecordKind<T>,
  id: string,
  data: T,
  writeToken: string,
): Record<string, unknown> {
  return {
    Title: id.slice(0, TEXT_COLUMN_MAX),
    [RECORD_ID_COLUMN]: encodeRecordId(id),
    [PAYLOAD_COLUMN]: payloadOf(kind, data),
    [WRITE_TOKENS_COLUMN]: writeToken,
    ...indexColumnsOf(kind, data),
  };
}

export interface SharePointStoreOptions {
  readonly graph: GraphApi;
  /** The policy site's Graph id ("host,siteCollectionId,webId"). */
  readonly siteId: string;
  readonly logger?: Logger;
}

export class SharePointStore implements Store {
  readonly graph: GraphApi;
  readonly sitePath: string;
  private readonly logger?: Logger;
  private readonly listIds = new Map<string, Promise<string>>();
  private readonly collections = new Map<string, SharePointCollection<unknown>>();

  constructor(options: SharePointStoreOptions) {
    if (!/^[^/?#\s]+$/.test(options.siteId)) {
      throw new Error("SHAREPOINT_SITE_ID is not a Graph site id");
    }
    this.graph = options.graph;
    this.sitePath = `/sites/${options.siteId}`;
    this.logger = options.logger;
  }

  collection<T>(kind: RecordKind<T>): Collection<T> {
    const existing = this.collections.get(kind.name);
    if (existing) return existing as unknown as Collection<T>;
    const created = new SharePointCollection<T>(this, kind);
    this.collections.set(kind.name, created as unknown as SharePointCollection<unknown>);
    return created;
  }

  /** The id of the kind's list, looked up once by its display name. */
  listId(kind: RecordKind<unknown>): Promise<string> {
    const name = listNameFor(kind);
    let found = this.listIds.get(name);
    if (!found) {
      found = this.findListId(name).then((id) => {
        if (!id) {
          throw new StoreNotProvisionedError(
            `The SharePoint list "${name}" does not exist: run npm run provision:sharepoint`,
          );
        }
        return id;
      });
      // A failed lookup is not remembered: provisioning may create the list in the meantime.
      found.catch(() => this.listIds.delete(name));
      this.listIds.set(name, found);
    }
    return found;
  }

  findListId(displayName: string): Promise<string | undefined> {
    return findListId(this.graph, this.sitePath, displayName);
  }

  /** The lists the given kinds need that are not on the site yet (checked at start-up). */
  async missingLists(kinds: readonly RecordKind<unknown>[]): Promise<string[]> {
    const missing: string[] = [];
    for (const kind of kinds) {
      if (!(await this.findListId(listNameFor(kind)))) missing.push(listNameFor(kind));
    }
    return missing;
  }

  async status(): Promise<StoreStatus> {
    try {
      await this.graph.get(`${this.sitePath}${graphQuery({ $select: "id" })}`);
      return {
        ok: true,
        kind: "sharepoint",
        detail: "policy site reachable through Microsoft Graph",
      };
    } catch (error) {
      const status = statusOf(error) ?? (error as { status?: number }).status;
      return {
        ok: false,
        kind: "sharepoint",
        detail: status ? `Graph answered HTTP ${status}` : (error as Error).message,
      };
    }
  }

  async close(): Promise<void> {
    this.logger?.debug({}, "sharepoint store closed");
  }
}

class SharePointCollection<T> implements Collection<T> {
  /** recordId → list item id. A list item keeps its id for life, so this is only a shortcut. */
  private readonly itemIds = new Map<string, string>();
  /** eTag → the item's write tokens at that version: a shortcut, fetched again when missing. */
  private readonly tokensAt = new Map<string, readonly string[]>();
  private readonly items: ListItems<T>;

  constructor(
    private readonly store: SharePointStore,
    private readonly kind: RecordKind<T>,
  ) {
    this.items = new ListItems(
      store.graph,
      kind,
      () => this.itemsPath(),
      (read) => this.remember(read.record.id, read.itemId, read.record.version, read.writeTokens),
    );
  }

  private get graph(): GraphApi {
    return this.store.graph;
  }

  private async itemsPath(): Promise<string> {
    return `${this.store.sitePath}/lists/${await this.store.listId(this.kind as RecordKind<unknown>)}/items`;
  }

  private remember(id: string, itemId: string, version?: string, tokens?: readonly string[]): void {
    if (this.itemIds.size >= REMEMBERED) this.itemIds.clear();
    this.itemIds.set(id, itemId);
    if (version && tokens) {
      if (this.tokensAt.size >= REMEMBERED) this.tokensAt.clear();
      this.tokensAt.set(version, tokens);
    }
  }

  private indexColumns(data: T): Record<string, string | number | boolean | null> {
    return indexColumnsOf(this.kind, data);
  }

  private payloadOf(data: T): string {
    return payloadOf(this.kind, data);
  }

  private newItemFields(id: string, data: T, writeToken: string): Record<string, unknown> {
    return itemFieldsFor(this.kind, id, data, writeToken);
  }

  async get(id: string): Promise<Stored<T> | undefined> {
    return (await this.items.lookup(id))?.record;
  }

  /** After a failed create, what is stored under the id decides: ours, someone else's, or none. */
  private settled(existing: Read<T> | undefined, writeToken: string): CreateResult<T> | undefined {
    if (!existing) return undefined;
    // Our first attempt was stored but its answer was lost, and the retry met it: it is ours.
    if (existing.writeTokens.includes(writeToken)) return { ok: true, record: existing.record };
    return { ok: false, reason: "exists", existing: existing.record };
  }

  private async created(id: string, item: ListItem, data: T, writeToken: string) {
    const version = etagOf(item) ?? (await this.items.byItemId(item.id))?.record.version;
    if (!version) throw new Error(`${this.kind.name}/${id} vanished after it was created`);
    this.remember(id, item.id, version, [writeToken]);
    return { ok: true as const, record: { id, version, data } };
  }

  async create(id: string, data: T): Promise<CreateResult<T>> {
    const valid = this.kind.schema.parse(data);
    const writeToken = newWriteToken();
    const fields = this.newItemFields(id, valid, writeToken);
    const path = await this.itemsPath();
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const item = await this.graph.post<ListItem>(path, { fields });
        return await this.created(id, item, valid, writeToken);
      } catch (error) {
        if (!mayHaveBeenStored(error)) throw error;
        const settled = this.settled(await this.items.lookup(id), writeToken);
        if (settled) return settled;
        // Nothing holds the id: a refusal of the request itself, or an outage, stands.
        if (refusesRequest(statusOf(error)) || error instanceof GraphUnavailableError) throw error;
        // A 409 whose holder was deleted meanwhile, or a 5xx that stored nothing: try again.
      }
    }
    throw new Error(`${this.kind.name}/${id} could not be created: it keeps changing`);
  }

  async createMany(records: readonly NewRecord<T>[]): Promise<CreateResult<T>[]> {
    // Validate everything first, so a bad record writes nothing.
    const prepared = records.map((r) => {
      const data = this.kind.schema.parse(r.data);
      const writeToken = newWriteToken();
      return { id: r.id, data, writeToken, fields: this.newItemFields(r.id, data, writeToken) };
    });
    const results: (CreateResult<T> | undefined)[] = new Array(prepared.length);
    const path = await this.itemsPath();
    let pending = prepared.map((_, i) => i);
    for (let round = 0; pending.length > 0; round++) {
      if (round >= 3) {
        throw new Error(`${pending.length} ${this.kind.name} records could not be created`);
      }
      const answers = await sendBatch(
        this.graph,
        pending.map((i) => ({
          id: String(i),
          method: "POST" as const,
          path,
          body: { fields: prepared[i]!.fields },
        })),
      );
      const failed = new Map<number, number>();
      for (const i of pending) {
        const entry = prepared[i]!;
        const answer = answers.get(String(i))!;
        const item = answer.body as (ListItem & { error?: unknown }) | undefined;
        if (answer.status === 201 && item?.id) {
          results[i] = await this.created(entry.id, item, entry.data, entry.writeToken);
        } else {
          failed.set(i, answer.status);
        }
      }
      // Whatever a part answered (400, 409, 500 ...), its key is read before anything is decided.
      const found = await this.items.lookupMany([...failed.keys()].map((i) => prepared[i]!.id));
      const again: number[] = [];
      for (const [i, status] of failed) {
        const entry = prepared[i]!;
        const settled = this.settled(found.get(entry.id), entry.writeToken);
        if (settled) results[i] = settled;
        else if (refusesRequest(status)) {
          throw new Error(
            `Creating ${this.kind.name}/${entry.id} in a batch failed: HTTP ${status}`,
          );
        } else again.push(i);
      }
      pending = again;
    }
    return results as CreateResult<T>[];
  }

  async update(id: string, data: T, expectedVersion: string): Promise<UpdateResult<T>> {
    const valid = this.kind.schema.parse(data);
    const writeToken = newWriteToken();
    const columns = { [PAYLOAD_COLUMN]: this.payloadOf(valid), ...this.indexColumns(valid) };
    const path = await this.itemsPath();
    let itemId = this.itemIds.get(id);
    let remembered = itemId !== undefined;
    for (;;) {
      // The write tokens at the expected version carry on in the new one, so that a writer whose
      // answer was lost can find its token even after others have written on top of it.
      let history = this.tokensAt.get(expectedVersion);
      if (!itemId || !history) {
        const current = itemId ? await this.items.byItemId(itemId) : await this.items.lookup(id);
        if (!current) {
          this.itemIds.delete(id);
          if (!remembered) return { ok: false, reason: "missing" };
          remembered = false;
          itemId = undefined;
          continue;
        }
        if (current.record.version !== expectedVersion) {
          return { ok: false, reason: "conflict", current: current.record };
        }
        itemId = current.itemId;
        history = current.writeTokens;
      }
      const tokens = withToken(writeToken, history);
      try {
        const answer = await this.graph.patch<Record<string, unknown>>(
          `${path}/${itemId}/fields`,
          { ...columns, [WRITE_TOKENS_COLUMN]: tokens.join(" ") },
          { "If-Match": expectedVersion },
        );
        const version = etagOf(answer) ?? (await this.items.byItemId(itemId))?.record.version;
        if (!version) return { ok: false, reason: "missing" };
        this.remember(id, itemId, version, tokens);
        return { ok: true, record: { id, version, data: valid } };
      } catch (error) {
        const status = statusOf(error);
        if (status === 412) {
          const current = await this.items.byItemId(itemId);
          if (!current) return { ok: false, reason: "missing" };
          // Our write was applied and its answer lost (a retry then met our own write, or others
          // wrote since): it succeeded, and the current record already includes it.
          if (current.writeTokens.includes(writeToken)) return { ok: true, record: current.record };
          return { ok: false, reason: "conflict", current: current.record };
        }
        if (status !== 404) throw error;
        this.itemIds.delete(id);
        if (!remembered) return { ok: false, reason: "missing" };
        // The remembered item is gone; the record may have been deleted and created again.
        remembered = false;
        itemId = undefined;
      }
    }
  }

  async delete(id: string): Promise<boolean> {
    const path = await this.itemsPath();
    // Looked up afresh, never from the cache: a cached id answering 404 could mean another
    // instance deleted the record long ago, or that our own retried request (its answer lost)
    // just did. Deletes are rare (retention purges), so one read buys a true answer.
    this.itemIds.delete(id);
    const itemId = (await this.items.lookup(id))?.itemId;
    if (!itemId) return false;
    try {
      await this.graph.delete(`${path}/${itemId}`);
    } catch (error) {
      // Found a moment ago and gone now: deleted by our own retried request or by a concurrent
      // delete. Either way the record existed and no longer does.
      if (statusOf(error) !== 404) throw error;
    }
    return true;
  }

  async find(query?: Query): Promise<Page<T>> {
    assertQueryable(this.kind as RecordKind<unknown>, query);
    if (matchesNothing(query)) return { items: [] };
    const itemsPath = await this.itemsPath();
    let path: string;
    if (query?.cursor) {
      const link = this.graph.relativeLink(query.cursor);
      const samePath = (a: string, b: string) =>
        decodeURIComponent(a).toLowerCase() === decodeURIComponent(b).toLowerCase();
      // Only a nextLink of this list: a cursor from elsewhere is refused, not followed.
      if (!link || !link.includes("?") || !samePath(link.slice(0, link.indexOf("?")), itemsPath)) {
        throw new StoreUsageError("The paging cursor is not valid");
      }
      path = link;
    } else {
      path = `${itemsPath}${graphQuery({
        $expand: "fields",
        $filter: odataFilter(this.kind as RecordKind<unknown>, query),
        $orderby: odataOrderBy(query),
        $top: pageSize(query),
      })}`;
    }
    const page = await this.graph.get<ListPage<ListItem>>(path);
    const items = page.value
      .filter(isRecordItem)
      .filter((item) =>
        exactlyMatches(
          this.kind as RecordKind<unknown>,
          query,
          (f) => item.fields?.[indexColumnFor(f)],
        ),
      )
      .map((item) => this.items.read(item).record);
    const next = page["@odata.nextLink"];
    return next ? { items, nextCursor: next } : { items };
  }

  async count(query?: Pick<Query, "where" | "range">): Promise<number> {
    assertQueryable(this.kind as RecordKind<unknown>, query);
    if (matchesNothing(query)) return 0;
    const kind = this.kind as RecordKind<unknown>;
    const textFields = Object.keys(query?.where ?? {}).filter((f) => kind.indexes[f] === "text");
    // Only the columns needed to check text matches exactly: counting pages through ids.
    const columns = [RECORD_ID_COLUMN, ...textFields.map(indexColumnFor)].join(",");
    let path: string | undefined = `${await this.itemsPath()}${graphQuery({
      $select: "id",
      $expand: `fields(select=${columns})`,
      $filter: odataFilter(kind, query),
      $top: MAX_PAGE_SIZE,
    })}`;
    let total = 0;
    while (path) {
      const page: ListPage<ListItem> = await this.graph.get<ListPage<ListItem>>(path);
      total += page.value
        .filter(isRecordItem)
        .filter((item) =>
          exactlyMatches(kind, query, (f) => item.fields?.[indexColumnFor(f)]),
        ).length;
      const next = page["@odata.nextLink"];
      path = next ? this.graph.relativeLink(next) : undefined;
      if (next && !path) throw new Error("Graph returned a nextLink outside GRAPH_BASE_URL");
    }
    return total;
  }
}
