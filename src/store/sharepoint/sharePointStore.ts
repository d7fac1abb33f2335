import { randomBytes } from "node:crypto";
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
import {
  assertQueryable,
  indexValues,
  MAX_PAGE_SIZE,
  pageSize,
  StoreUsageError,
} from "../recordRules";
import { GraphUnavailableError, graphQuery, statusOf, type GraphApi } from "../../graph/graphClient";
import {
  columnValue,
  decodeRecordId,
  encodeRecordId,
  indexColumnFor,
  listNameFor,
  PAYLOAD_COLUMN,
  PAYLOAD_MAX,
  RECORD_ID_COLUMN,
  TEXT_COLUMN_MAX,
  WRITE_TOKENS_COLUMN,
  WRITE_TOKENS_KEPT,
} from "./listSchema";
import { exactlyMatches, matchesNothing, odataFilter, odataOrderBy } from "./odataQuery";

/*
 * The production store: SharePoint lists on the school's policy site, reached through Microsoft
 * Graph. Same port, same contract suite as the embedded SQLite store:
 *  - version = the item's @odata.etag; update = PATCH .../fields with If-Match (412 = conflict);
 *  - create is idempotent on id through the unique `recordId` column (409 = exists);
 *  - find = $filter/$orderby on indexed columns only, paged by @odata.nextLink (the cursor);
 *  - createMany = JSON $batch, 20 requests at a time, each answer handled on its own.
 * Nothing here is needed across a restart: the list ids and item ids it remembers are
 * re-derivable lookups of values that never change.
 */
export class StoreNotProvisionedError extends Error {
  readonly code = "STORE.NOT_PROVISIONED";
}

interface ListItem {
  readonly id: string;
  readonly "@odata.etag"?: string;
  readonly fields?: Record<string, unknown>;
}

interface ListPage<T> {
  readonly value: T[];
  readonly "@odata.nextLink"?: string;
}

interface BatchAnswer {
  readonly id: string;
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: ListItem & { error?: { code?: string; message?: string } };
}

/** A stored record plus the tokens of its latest writes (newest first). */
interface Read<T> {
  readonly itemId: string;
  readonly record: Stored<T>;
  readonly writeTokens: readonly string[];
}

const BATCH_LIMIT = 20;
const REMEMBERED = 10_000;

/** 96 random bits, 16 characters: identifies one write attempt (and its retries). */
function newWriteToken(): string {
  return randomBytes(12).toString("base64url");
}

function tokensOf(value: unknown): string[] {
  return typeof value === "string" ? value.split(" ").filter(Boolean) : [];
}

function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function etagOf(item: {
  "@odata.etag"?: unknown;
  fields?: Record<string, unknown>;
}): string | undefined {
  const etag = item["@odata.etag"] ?? item.fields?.["@odata.etag"];
  return typeof etag === "string" ? etag : undefined;
}

/** A list's id by its display name (Graph filters lists on displayName only). */
export async function findListId(
  graph: GraphApi,
  sitePath: string,
  displayName: string,
): Promise<string | undefined> {
  const page = await graph.get<ListPage<{ id: string; displayName: string }>>(
    `${sitePath}/lists${graphQuery({ $filter: `displayName eq ${odataString(displayName)}`, $select: "id,displayName" })}`,
  );
  return page.value.find((l) => l.displayName === displayName)?.id;
}

/** An item the store wrote (a person may add others by hand in SharePoint: they are not records). */
function isRecordItem(item: ListItem): boolean {
  return typeof item.fields?.[RECORD_ID_COLUMN] === "string";
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

  constructor(
    private readonly store: SharePointStore,
    private readonly kind: RecordKind<T>,
  ) {}

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

  /** The indexed columns, typed as SharePoint holds them. */
  private indexColumns(data: T): Record<string, string | number | boolean | null> {
    const values = indexValues(this.kind as RecordKind<unknown>, data);
    const columns: Record<string, string | number | boolean | null> = {};
    for (const [field, type] of Object.entries(this.kind.indexes)) {
      columns[indexColumnFor(field)] = columnValue(type, values[field] ?? null);
    }
    return columns;
  }

  private payloadOf(data: T): string {
    const payload = JSON.stringify(data);
    if (payload.length > PAYLOAD_MAX) {
      throw new StoreUsageError(
        `A ${this.kind.name} record is too large for a SharePoint list item`,
      );
    }
    return payload;
  }

  private newItemFields(id: string, data: T, writeToken: string): Record<string, unknown> {
    return {
      Title: id.slice(0, TEXT_COLUMN_MAX),
      [RECORD_ID_COLUMN]: encodeRecordId(id),
      [PAYLOAD_COLUMN]: this.payloadOf(data),
      [WRITE_TOKENS_COLUMN]: writeToken,
      ...this.indexColumns(data),
    };
  }

  private read(item: ListItem): Read<T> {
    const fields = item.fields ?? {};
    const payload = fields[PAYLOAD_COLUMN];
    const version = etagOf(item);
    if (typeof payload !== "string" || typeof fields[RECORD_ID_COLUMN] !== "string" || !version) {
      throw new Error(
        `A ${this.kind.name} list item (${item.id}) lacks its recordId, payload or eTag`,
      );
    }
    const id = decodeRecordId(fields[RECORD_ID_COLUMN] as string);
    const writeTokens = tokensOf(fields[WRITE_TOKENS_COLUMN]);
    this.remember(id, item.id, version, writeTokens);
    return {
      itemId: item.id,
      writeTokens,
      record: { id, version, data: this.kind.schema.parse(JSON.parse(payload)) },
    };
  }

  /** Finds a record's list item through the unique, indexed recordId column. */
  private async lookup(id: string): Promise<Read<T> | undefined> {
    const encoded = encodeRecordId(id);
    const page = await this.graph.get<ListPage<ListItem>>(
      `${await this.itemsPath()}${graphQuery({
        $filter: `fields/${RECORD_ID_COLUMN} eq ${odataString(encoded)}`,
        $expand: "fields",
        $top: 2,
      })}`,
    );
    const item = page.value.find((i) => i.fields?.[RECORD_ID_COLUMN] === encoded);
    return item ? this.read(item) : undefined;
  }

  private async itemById(itemId: string): Promise<Read<T> | undefined> {
    try {
      return this.read(
        await this.graph.get<ListItem>(
          `${await this.itemsPath()}/${itemId}${graphQuery({ $expand: "fields" })}`,
        ),
      );
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  async get(id: string): Promise<Stored<T> | undefined> {
    return (await this.lookup(id))?.record;
  }

  /** After a 409 on create: the record that holds the id, and whether it is our own write. */
  private async settleConflict(
    id: string,
    writeToken: string,
  ): Promise<CreateResult<T> | undefined> {
    const existing = await this.lookup(id);
    if (!existing) return undefined;
    // Our first attempt was stored but its answer was lost, and the retry met it: it is ours.
    if (existing.writeTokens.includes(writeToken)) return { ok: true, record: existing.record };
    return { ok: false, reason: "exists", existing: existing.record };
  }

  async create(id: string, data: T): Promise<CreateResult<T>> {
    const valid = this.kind.schema.parse(data);
    const writeToken = newWriteToken();
    const fields = this.newItemFields(id, valid, writeToken);
    const path = await this.itemsPath();
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const item = await this.graph.post<ListItem>(path, { fields });
        const version = etagOf(item) ?? (await this.itemById(item.id))?.record.version;
        if (!version) throw new Error(`${this.kind.name}/${id} vanished after it was created`);
        this.remember(id, item.id, version, [writeToken]);
        return { ok: true, record: { id, version, data: valid } };
      } catch (error) {
        if (statusOf(error) !== 409) throw error;
        const settled = await this.settleConflict(id, writeToken);
        if (settled) return settled;
        // Deleted between the 409 and the read: the id is free again.
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
      if (round > this.graph.maxRetries) {
        throw new GraphUnavailableError(
          `Microsoft Graph kept throttling a batch of ${this.kind.name} writes`,
          429,
        );
      }
      const throttled: number[] = [];
      const conflicts: number[] = [];
      let waitSeconds = 0;
      for (let start = 0; start < pending.length; start += BATCH_LIMIT) {
        const chunk = pending.slice(start, start + BATCH_LIMIT);
        const answer = await this.graph.post<{ responses: BatchAnswer[] }>("/$batch", {
          requests: chunk.map((i) => ({
            id: String(i),
            method: "POST",
            url: path,
            headers: { "Content-Type": "application/json" },
            body: { fields: prepared[i]!.fields },
          })),
        });
        const answered = new Set<number>();
        for (const response of answer.responses ?? []) {
          const i = Number(response.id);
          if (!chunk.includes(i) || answered.has(i)) continue;
          answered.add(i);
          const entry = prepared[i]!;
          if (response.status === 201 && response.body) {
            const version =
              etagOf(response.body) ?? (await this.itemById(response.body.id))?.record.version;
            if (!version) {
              throw new Error(`${this.kind.name}/${entry.id} vanished after it was created`);
            }
            this.remember(entry.id, response.body.id, version, [entry.writeToken]);
            results[i] = { ok: true, record: { id: entry.id, version, data: entry.data } };
          } else if (response.status === 409) {
            conflicts.push(i);
          } else if (
            response.status === 429 ||
            response.status === 503 ||
            response.status === 504
          ) {
            throttled.push(i);
            const header = Object.entries(response.headers ?? {}).find(
              ([k]) => k.toLowerCase() === "retry-after",
            )?.[1];
            const seconds = header === undefined ? NaN : Number(header);
            waitSeconds = Math.max(
              waitSeconds,
              Number.isFinite(seconds) && seconds >= 0 ? seconds : 1,
            );
          } else {
            throw new Error(
              `Creating ${this.kind.name}/${entry.id} in a batch failed: HTTP ${response.status} ${response.body?.error?.code ?? ""}`.trim(),
            );
          }
        }
        // A request the batch did not answer is tried again, like a throttled one.
        for (const i of chunk) if (!answered.has(i)) throttled.push(i);
      }
      for (const i of conflicts) {
        const entry = prepared[i]!;
        const settled = await this.settleConflict(entry.id, entry.writeToken);
        if (settled) results[i] = settled;
        else throttled.push(i);
      }
      pending = throttled;
      if (pending.length) await new Promise((r) => setTimeout(r, Math.min(waitSeconds, 60) * 1000));
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
        const current = itemId ? await this.itemById(itemId) : await this.lookup(id);
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
      const tokens = [writeToken, ...history].slice(0, WRITE_TOKENS_KEPT);
      try {
        const answer = await this.graph.patch<Record<string, unknown>>(
          `${path}/${itemId}/fields`,
          { ...columns, [WRITE_TOKENS_COLUMN]: tokens.join(" ") },
          { "If-Match": expectedVersion },
        );
        const version = etagOf(answer) ?? (await this.itemById(itemId))?.record.version;
        if (!version) return { ok: false, reason: "missing" };
        this.remember(id, itemId, version, tokens);
        return { ok: true, record: { id, version, data: valid } };
      } catch (error) {
        const status = statusOf(error);
        if (status === 412) {
          const current = await this.itemById(itemId);
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
    let itemId = this.itemIds.get(id);
    let remembered = itemId !== undefined;
    for (;;) {
      itemId ??= (await this.lookup(id))?.itemId;
      if (!itemId) return false;
      try {
        await this.graph.delete(`${path}/${itemId}`);
        this.itemIds.delete(id);
        return true;
      } catch (error) {
        if (statusOf(error) !== 404) throw error;
        this.itemIds.delete(id);
        // Found a moment ago and gone now: deleted by our own retried request (its answer lost) or
        // by a concurrent delete. Either way the record existed and no longer does.
        if (!remembered) return true;
        remembered = false;
        itemId = undefined;
      }
    }
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
      .map((item) => this.read(item).record);
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
