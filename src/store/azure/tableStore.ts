import {
  TableClient,
  TableTransaction,
  type TableEntity,
  type TableEntityResult,
} from "@azure/data-tables";
import type {
  Collection,
  CreateResult,
  NewRecord,
  Page,
  Query,
  RecordKind,
  Scalar,
  Store,
  StoreStatus,
  Stored,
  UpdateResult,
} from "../../ports";
import { assertQueryable, indexValues, pageSize, StoreUsageError } from "../recordRules";
import { newWriteToken, tokensOf, withToken } from "../writeTokens";

/*
 * The delivery machinery's store: Azure Storage tables (the outbox, leases, conversation
 * references), high-churn records that would spend SharePoint's resource units for nothing.
 * Same port and contract suite as SQLite and SharePoint:
 *  - one table per kind, one partition (so a bulk create is one transaction of up to 100);
 *  - version = the entity's ETag; update = Replace with If-Match (412 = conflict);
 *  - create is idempotent on id (409 = exists), and a write whose answer was lost recognises
 *    itself by its write token, as on SharePoint;
 *  - text equality and ranges are filtered by the service; the result is checked again here,
 *    with nulls, numbers and order applied as the other adapters do. Paging cursors carry the
 *    last sort key, so a page never repeats or skips a record.
 * Tables cost nothing per request against the tenant's Graph budget.
 */
const PARTITION = "r";
const TRANSACTION_LIMIT = 100;

export interface TableStoreOptions {
  /** Builds the client for a table (connection string for Azurite, managed identity in Azure). */
  readonly tableClient: (tableName: string) => TableClient;
}

interface Row extends TableEntity {
  readonly recordId: string;
  readonly payload: string;
  readonly writeTokens?: string;
}

function rowKeyOf(id: string): string {
  if (!id) throw new StoreUsageError("Record ids must not be empty");
  return Buffer.from(id, "utf8").toString("base64url");
}

function tableNameFor(kind: RecordKind<unknown>): string {
  if (!/^[a-zA-Z][a-zA-Z0-9]{0,40}$/.test(kind.name)) {
    throw new Error(`Record kind names must be alphanumeric: "${kind.name}"`);
  }
  return `PolicyBot${kind.name}`;
}

function statusOf(error: unknown): number | undefined {
  return (error as { statusCode?: number }).statusCode;
}

/** SQLite's order: nulls first, numbers by value, text by code unit. */
function compare(a: Scalar, b: Scalar): number {
  if (a === null) return b === null ? 0 : -1;
  if (b === null) return 1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

interface Cursor {
  readonly value: Scalar;
  readonly id: string;
}

export class TableStore implements Store {
  private readonly collections = new Map<string, TableCollection<unknown>>();

  constructor(private readonly options: TableStoreOptions) {}

  collection<T>(kind: RecordKind<T>): Collection<T> {
    const existing = this.collections.get(kind.name);
    if (existing) return existing as unknown as Collection<T>;
    const created = new TableCollection<T>(
      this.options.tableClient(tableNameFor(kind as RecordKind<unknown>)),
      kind,
    );
    this.collections.set(kind.name, created as unknown as TableCollection<unknown>);
    return created;
  }

  async status(): Promise<StoreStatus> {
    try {
      const probe = this.options.tableClient("PolicyBotstatus");
      await probe.createTable();
      return { ok: true, kind: "azure-tables", detail: "Azure Storage tables reachable" };
    } catch (error) {
      return { ok: false, kind: "azure-tables", detail: (error as Error).message };
    }
  }

  async close(): Promise<void> {}
}

class TableCollection<T> implements Collection<T> {
  private ready?: Promise<void>;

  constructor(
    private readonly table: TableClient,
    private readonly kind: RecordKind<T>,
  ) {}

  /** The table, created on first use (idempotent across instances). */
  private async client(): Promise<TableClient> {
    this.ready ??= this.table.createTable().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    await this.ready;
    return this.table;
  }

  private entityOf(id: string, data: T, tokens: readonly string[]): Row {
    const values = indexValues(this.kind as RecordKind<unknown>, data);
    const entity: Record<string, unknown> = {
      partitionKey: PARTITION,
      rowKey: rowKeyOf(id),
      recordId: id,
      payload: JSON.stringify(data),
      writeTokens: tokens.join(" "),
    };
    for (const [field, type] of Object.entries(this.kind.indexes)) {
      const value = values[field] ?? null;
      if (value === null) continue;
      // Numbers are always Double, so comparisons never meet two EDM types.
      entity[`ix_${field}`] = type === "number" ? { value: String(value), type: "Double" } : value;
    }
    return entity as Row;
  }

  private read(entity: TableEntityResult<Row>): { record: Stored<T>; tokens: string[] } {
    return {
      record: {
        id: entity.recordId,
        version: entity.etag,
        data: this.kind.schema.parse(JSON.parse(entity.payload)),
      },
      tokens: tokensOf(entity.writeTokens),
    };
  }

  private async fetch(id: string): Promise<{ record: Stored<T>; tokens: string[] } | undefined> {
    try {
      return this.read(await (await this.client()).getEntity<Row>(PARTITION, rowKeyOf(id)));
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  async get(id: string): Promise<Stored<T> | undefined> {
    return (await this.fetch(id))?.record;
  }

  async create(id: string, data: T): Promise<CreateResult<T>> {
    const valid = this.kind.schema.parse(data);
    const token = newWriteToken();
    const table = await this.client();
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const answer = await table.createEntity(this.entityOf(id, valid, [token]));
        return { ok: true, record: { id, version: answer.etag ?? "", data: valid } };
      } catch (error) {
        if (statusOf(error) !== 409) throw error;
        const existing = await this.fetch(id);
        if (!existing) continue;
        // A retry that met its own first attempt (the answer was lost): it is ours.
        if (existing.tokens.includes(token)) return { ok: true, record: existing.record };
        return { ok: false, reason: "exists", existing: existing.record };
      }
    }
    throw new Error(`${this.kind.name}/${id} could not be created: it keeps changing`);
  }

  async createMany(records: readonly NewRecord<T>[]): Promise<CreateResult<T>[]> {
    const prepared = records.map((r) => ({ id: r.id, data: this.kind.schema.parse(r.data) }));
    const table = await this.client();
    const results: CreateResult<T>[] = [];
    for (let start = 0; start < prepared.length; start += TRANSACTION_LIMIT) {
      const chunk = prepared.slice(start, start + TRANSACTION_LIMIT);
      const ids = new Set(chunk.map((r) => r.id));
      if (ids.size === chunk.length) {
        const transaction = new TableTransaction();
        for (const r of chunk)
          transaction.createEntity(this.entityOf(r.id, r.data, [newWriteToken()]));
        try {
          const answer = await table.submitTransaction(transaction.actions);
          answer.subResponses.forEach((sub, i) => {
            const r = chunk[i]!;
            results.push({ ok: true, record: { id: r.id, version: sub.etag ?? "", data: r.data } });
          });
          continue;
        } catch (error) {
          // All or nothing: one id that exists fails the whole transaction. One by one, then.
          if (statusOf(error) !== 409 && statusOf(error) !== 400) throw error;
        }
      }
      for (const r of chunk) results.push(await this.create(r.id, r.data));
    }
    return results;
  }

  async update(id: string, data: T, expectedVersion: string): Promise<UpdateResult<T>> {
    const valid = this.kind.schema.parse(data);
    const current = await this.fetch(id);
    if (!current) return { ok: false, reason: "missing" };
    if (current.record.version !== expectedVersion) {
      return { ok: false, reason: "conflict", current: current.record };
    }
    const token = newWriteToken();
    try {
      const answer = await (
        await this.client()
      ).updateEntity(this.entityOf(id, valid, withToken(token, current.tokens)), "Replace", {
        etag: expectedVersion,
      });
      return { ok: true, record: { id, version: answer.etag ?? "", data: valid } };
    } catch (error) {
      const status = statusOf(error);
      if (status === 404) return { ok: false, reason: "missing" };
      if (status !== 412) throw error;
      const now = await this.fetch(id);
      if (!now) return { ok: false, reason: "missing" };
      // Our write was applied and its answer lost: a retry met our own write.
      if (now.tokens.includes(token)) return { ok: true, record: now.record };
      return { ok: false, reason: "conflict", current: now.record };
    }
  }

  async delete(id: string): Promise<boolean> {
    try {
      await (await this.client()).deleteEntity(PARTITION, rowKeyOf(id));
      return true;
    } catch (error) {
      if (statusOf(error) === 404) return false;
      throw error;
    }
  }

  /** The service-side filter: text equality (any-of) and text ranges; the rest is checked here. */
  private serverFilter(query: Pick<Query, "where" | "range"> | undefined): string {
    const literal = (v: Scalar) => `'${String(v).replace(/'/g, "''")}'`;
    const parts = [`PartitionKey eq ${literal(PARTITION)}`];
    for (const [field, wanted] of Object.entries(query?.where ?? {})) {
      if (this.kind.indexes[field] !== "text") continue;
      const values = (Array.isArray(wanted) ? wanted : [wanted]) as Scalar[];
      if (values.some((v) => v === null)) continue;
      const terms = values.map((v) => `ix_${field} eq ${literal(v)}`);
      parts.push(terms.length === 1 ? terms[0]! : `(${terms.join(" or ")})`);
    }
    const range = query?.range;
    if (range && this.kind.indexes[range.field] === "text") {
      if (range.gte !== undefined) parts.push(`ix_${range.field} ge ${literal(range.gte)}`);
      if (range.lte !== undefined) parts.push(`ix_${range.field} le ${literal(range.lte)}`);
    }
    return parts.join(" and ");
  }

  private matches(
    values: Record<string, Scalar>,
    query: Pick<Query, "where" | "range"> | undefined,
  ): boolean {
    for (const [field, wanted] of Object.entries(query?.where ?? {})) {
      const actual = values[field] ?? null;
      const options = (Array.isArray(wanted) ? wanted : [wanted]) as Scalar[];
      const hit = options.some((o) =>
        o === null
          ? actual === null
          : actual !== null && compare(actual, this.normalise(field, o)) === 0,
      );
      if (!hit) return false;
    }
    const range = query?.range;
    if (range) {
      const value = values[range.field] ?? null;
      if (value === null) return false;
      if (range.gte !== undefined && compare(value, this.normalise(range.field, range.gte)) < 0)
        return false;
      if (range.lte !== undefined && compare(value, this.normalise(range.field, range.lte)) > 0)
        return false;
    }
    return true;
  }

  private normalise(field: string, value: Scalar): Scalar {
    if (value === null) return null;
    const type = this.kind.indexes[field];
    if (type === "number") return Number(value);
    if (type === "boolean") return Boolean(value);
    return String(value);
  }

  private async matching(query: Pick<Query, "where" | "range"> | undefined) {
    const table = await this.client();
    const found: { record: Stored<T>; values: Record<string, Scalar> }[] = [];
    const entities = table.listEntities<Row>({
      queryOptions: { filter: this.serverFilter(query) },
    });
    for await (const entity of entities) {
      const { record } = this.read(entity);
      const values = indexValues(this.kind as RecordKind<unknown>, record.data);
      if (this.matches(values, query)) found.push({ record, values });
    }
    return found;
  }

  async find(query?: Query): Promise<Page<T>> {
    assertQueryable(this.kind as RecordKind<unknown>, query);
    const field = query?.orderBy?.field;
    const sign = query?.orderBy?.direction === "desc" ? -1 : 1;
    const keyOf = (r: { record: Stored<T>; values: Record<string, Scalar> }) => ({
      value: field ? (r.values[field] ?? null) : null,
      id: r.record.id,
    });
    const order = (a: Cursor, b: Cursor) =>
      sign * compare(a.value, b.value) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    let after: Cursor | undefined;
    if (query?.cursor) {
      try {
        after = JSON.parse(Buffer.from(query.cursor, "base64url").toString("utf8")) as Cursor;
      } catch {
        throw new StoreUsageError("The paging cursor is not valid");
      }
      if (typeof after?.id !== "string")
        throw new StoreUsageError("The paging cursor is not valid");
    }
    const all = (await this.matching(query))
      .filter((r) => !after || order(keyOf(r), after) > 0)
      .sort((a, b) => order(keyOf(a), keyOf(b)));
    const size = pageSize(query);
    const items = all.slice(0, size);
    if (all.length <= size) return { items: items.map((r) => r.record) };
    const last = keyOf(items[items.length - 1]!);
    return {
      items: items.map((r) => r.record),
      nextCursor: Buffer.from(JSON.stringify(last)).toString("base64url"),
    };
  }

  async count(query?: Pick<Query, "where" | "range">): Promise<number> {
    assertQueryable(this.kind as RecordKind<unknown>, query);
    return (await this.matching(query)).length;
  }
}
