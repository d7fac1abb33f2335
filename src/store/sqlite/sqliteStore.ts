import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
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
  TransactResult,
  UpdateResult,
  Write,
} from "../../ports";
import { assertQueryable, indexValues, pageSize, StoreUsageError } from "../recordRules";
import { GroupCommit } from "./groupCommit";
import { columnNameFor, ensureKindTable, migrate, tableNameFor } from "./migrations";

const CHECKPOINT_MS = 1000;

/** The embedded store: one SQLite file in DATA_DIR, WAL so readers never wait for the writer. */
export class SqliteStore implements Store {
  private readonly db: Database.Database;
  private readonly collections = new Map<string, SqliteCollection<unknown>>();
  private readonly checkpoints: NodeJS.Timeout;
  private readonly creates: GroupCommit;
  readonly schemaVersion: number;

  constructor(readonly file: string) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma("journal_mode = WAL");
    // Several processes (two server instances, a CLI) may share the file: wait rather than fail.
    this.db.pragma("busy_timeout = 5000");
    this.db.pragma("synchronous = NORMAL");
    // SQLite would otherwise checkpoint inside whichever write crosses 1,000 WAL pages, making
    // that one request wait milliseconds; a timer does it instead, off the request path.
    this.db.pragma("wal_autocheckpoint = 0");
    this.checkpoints = setInterval(() => this.checkpoint(), CHECKPOINT_MS);
    this.checkpoints.unref();
    this.schemaVersion = migrate(this.db);
    this.creates = new GroupCommit(this.db);
  }

  private checkpoint(): void {
    try {
      // PASSIVE: never waits for readers or another process's writer; what it cannot copy now waits.
      if (this.db.open) this.db.pragma("wal_checkpoint(PASSIVE)");
    } catch {
      // Busy (another process is checkpointing): the next tick tries again.
    }
  }

  static inDataDir(dataDir: string): SqliteStore {
    return new SqliteStore(path.join(dataDir, "policy-bot.sqlite"));
  }

  collection<T>(kind: RecordKind<T>): Collection<T> {
    const existing = this.collections.get(kind.name);
    if (existing) return existing as unknown as Collection<T>;
    const added = ensureKindTable(this.db, kind.name, Object.keys(kind.indexes));
    const created = new SqliteCollection<T>(this.db, kind, this.creates);
    if (added.length > 0) created.backfill(added);
    this.collections.set(kind.name, created as unknown as SqliteCollection<unknown>);
    return created;
  }

  /** One SQLite transaction: better-sqlite3 runs it synchronously, so no other write interleaves. */
  async transact(writes: readonly Write[]): Promise<TransactResult> {
    const steps = writes.map((w) => ({
      w,
      collection: this.collection(w.kind) as unknown as SqliteCollection<unknown>,
    }));
    try {
      this.db.transaction(() => {
        steps.forEach(({ w, collection }, index) => {
          const failed = collection.writeNow(w);
          if (failed) throw new TransactAbort(failed, index);
        });
      })();
      return { ok: true };
    } catch (error) {
      if (error instanceof TransactAbort)
        return { ok: false, reason: error.reason, index: error.index };
      throw error;
    }
  }

  async status(): Promise<StoreStatus> {
    try {
      this.db.prepare("SELECT 1").get();
      return { ok: true, kind: "sqlite", detail: `schema v${this.schemaVersion}` };
    } catch (error) {
      return { ok: false, kind: "sqlite", detail: (error as Error).message };
    }
  }

  async close(): Promise<void> {
    clearInterval(this.checkpoints);
    if (this.db.open) {
      this.creates.flush();
      this.db.close();
    }
  }
}

/** Rolls the transaction back (better-sqlite3 does on a throw) and says which write failed. */
class TransactAbort extends Error {
  constructor(
    readonly reason: "conflict" | "missing" | "exists",
    readonly index: number,
  ) {
    super(`transaction rolled back: write ${index} ${reason}`);
  }
}

interface Keyset {
  readonly v: string | number | null;
  readonly id: string;
}

function encodeKeysetCursor(k: Keyset): string {
  return Buffer.from(JSON.stringify(k)).toString("base64url");
}

function decodeKeysetCursor(cursor: string | undefined): Keyset | undefined {
  if (!cursor) return undefined;
  try {
    const k = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as Partial<Keyset>;
    if (
      typeof k.id === "string" &&
      (k.v === null || typeof k.v === "string" || typeof k.v === "number")
    )
      return { v: k.v, id: k.id };
  } catch {
    // fall through: not a cursor we issued
  }
  throw new StoreUsageError("The paging cursor is not valid");
}

interface Row {
  id: string;
  version: number;
  data: string;
}

function toColumn(value: Scalar): string | number | null {
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

class SqliteCollection<T> implements Collection<T> {
  private readonly table: string;
  private readonly fields: string[];
  private readonly insert: Database.Statement;
  private readonly replace: Database.Statement;
  private readonly select: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly kind: RecordKind<T>,
    private readonly creates: GroupCommit,
  ) {
    this.table = tableNameFor(kind.name);
    this.fields = Object.keys(kind.indexes);
    const columns = this.fields.map(columnNameFor);
    this.insert = db.prepare(
      `INSERT INTO ${this.table} (id, version, data${columns.map((c) => `, ${c}`).join("")})
       VALUES (?, 1, ?${columns.map(() => ", ?").join("")}) ON CONFLICT(id) DO NOTHING`,
    );
    this.replace = db.prepare(
      `UPDATE ${this.table} SET version = version + 1, data = ?${columns
        .map((c) => `, ${c} = ?`)
        .join("")} WHERE id = ? AND version = ?`,
    );
    this.select = db.prepare(`SELECT id, version, data FROM ${this.table} WHERE id = ?`);
  }

  /** Queries differ only in shape (which fields, how many values): prepare each shape once. */
  private readonly statements = new Map<string, Database.Statement>();

  private statement(sql: string): Database.Statement {
    let prepared = this.statements.get(sql);
    if (!prepared) {
      if (this.statements.size > 500) this.statements.clear();
      prepared = this.db.prepare(sql);
      this.statements.set(sql, prepared);
    }
    return prepared;
  }

  private toStored(row: Row): Stored<T> {
    return {
      id: row.id,
      version: String(row.version),
      data: this.kind.schema.parse(JSON.parse(row.data)),
    };
  }

  /** A newly indexed field gets its value in every record already stored (one transaction). */
  backfill(fields: readonly string[]): void {
    const rows = this.db.prepare(`SELECT id, data FROM ${this.table}`).all() as {
      id: string;
      data: string;
    }[];
    const set = this.db.prepare(
      `UPDATE ${this.table} SET ${fields.map((f) => `${columnNameFor(f)} = ?`).join(", ")} WHERE id = ?`,
    );
    this.db.transaction(() => {
      for (const row of rows) {
        const values = indexValues(this.kind as RecordKind<unknown>, JSON.parse(row.data));
        set.run(...fields.map((f) => toColumn(values[f] ?? null)), row.id);
      }
    })();
  }

  private columnValues(data: T): (string | number | null)[] {
    const values = indexValues(this.kind as RecordKind<unknown>, data);
    return this.fields.map((f) => toColumn(values[f] ?? null));
  }

  private read(id: string): Stored<T> | undefined {
    const row = this.select.get(id) as Row | undefined;
    return row ? this.toStored(row) : undefined;
  }

  async get(id: string): Promise<Stored<T> | undefined> {
    return this.read(id);
  }

  async create(id: string, data: T): Promise<CreateResult<T>> {
    const valid = this.kind.schema.parse(data);
    const json = JSON.stringify(valid);
    const columns = this.columnValues(valid);
    const changes = await this.creates.run(() => this.insert.run(id, json, ...columns).changes);
    // A new row is exactly what was written, at version 1: no need to read it back.
    if (changes === 1) return { ok: true, record: { id, version: "1", data: valid } };
    const existing = this.read(id);
    if (!existing) throw new Error(`${this.kind.name}/${id} vanished after insert`);
    return { ok: false, reason: "exists", existing };
  }

  /** One transaction for the lot: a fan-out is written whole or not at all. */
  async createMany(records: readonly NewRecord<T>[]): Promise<CreateResult<T>[]> {
    const valid = records.map((r) => ({ id: r.id, data: this.kind.schema.parse(r.data) }));
    const inserted = this.db.transaction(() =>
      valid.map(
        (r) =>
          this.insert.run(r.id, JSON.stringify(r.data), ...this.columnValues(r.data)).changes === 1,
      ),
    )();
    return valid.map((r, i) => {
      const record = this.read(r.id);
      if (!record) throw new Error(`${this.kind.name}/${r.id} vanished after insert`);
      return inserted[i] ? { ok: true, record } : { ok: false, reason: "exists", existing: record };
    });
  }

  /** One write inside a transaction (synchronous); returns why it could not be made, if it could not. */
  writeNow(w: Write): "conflict" | "missing" | "exists" | undefined {
    const valid = this.kind.schema.parse(w.data);
    const json = JSON.stringify(valid);
    if (w.op === "create") {
      if (this.insert.run(w.id, json, ...this.columnValues(valid)).changes === 1) return undefined;
      return w.ifExists === "keep" ? undefined : "exists";
    }
    if (
      this.replace.run(json, ...this.columnValues(valid), w.id, Number(w.expectedVersion))
        .changes === 1
    )
      return undefined;
    return this.select.get(w.id) ? "conflict" : "missing";
  }

  async update(id: string, data: T, expectedVersion: string): Promise<UpdateResult<T>> {
    const valid = this.kind.schema.parse(data);
    const version = Number(expectedVersion);
    const result = this.replace.run(
      JSON.stringify(valid),
      ...this.columnValues(valid),
      id,
      version,
    );
    const current = this.read(id);
    if (!current) return { ok: false, reason: "missing" };
    return result.changes === 1
      ? { ok: true, record: current }
      : { ok: false, reason: "conflict", current };
  }

  async delete(id: string): Promise<boolean> {
    return this.statement(`DELETE FROM ${this.table} WHERE id = ?`).run(id).changes === 1;
  }

  private whereClause(query: Pick<Query, "where" | "range"> | undefined): {
    sql: string;
    params: (string | number | null)[];
  } {
    const parts: string[] = [];
    const params: (string | number | null)[] = [];
    for (const [field, value] of Object.entries(query?.where ?? {})) {
      const column = columnNameFor(field);
      if (Array.isArray(value)) {
        if (value.length === 0) {
          parts.push("0");
          continue;
        }
        parts.push(`${column} IN (${value.map(() => "?").join(", ")})`);
        params.push(...value.map((v: Scalar) => toColumn(v)));
      } else if (value === null) {
        parts.push(`${column} IS NULL`);
      } else {
        parts.push(`${column} = ?`);
        params.push(toColumn(value as Scalar));
      }
    }
    if (query?.range) {
      const column = columnNameFor(query.range.field);
      if (query.range.gte !== undefined) {
        parts.push(`${column} >= ?`);
        params.push(query.range.gte);
      }
      if (query.range.lte !== undefined) {
        parts.push(`${column} <= ?`);
        params.push(query.range.lte);
      }
    }
    return { sql: parts.length ? `WHERE ${parts.join(" AND ")}` : "", params };
  }

  async find(query?: Query): Promise<Page<T>> {
    assertQueryable(this.kind as RecordKind<unknown>, query);
    const { sql, params } = this.whereClause(query);
    const limit = pageSize(query);
    // Keyset paging (after the last row's sort value and id): each page costs the same however
    // deep it is, where OFFSET would re-scan every earlier row.
    const after = decodeKeysetCursor(query?.cursor);
    const column = query?.orderBy ? columnNameFor(query.orderBy.field) : undefined;
    const desc = query?.orderBy?.direction === "desc";
    const keyset: string[] = [];
    const keysetParams: (string | number | null)[] = [];
    if (after) {
      if (!column) {
        keyset.push("id > ?");
        keysetParams.push(after.id);
      } else if (after.v === null) {
        // SQLite sorts NULL first ascending and last descending.
        keyset.push(
          desc
            ? `(${column} IS NULL AND id > ?)`
            : `((${column} IS NULL AND id > ?) OR ${column} IS NOT NULL)`,
        );
        keysetParams.push(after.id);
      } else {
        keyset.push(
          desc
            ? `(${column} < ? OR (${column} = ? AND id > ?) OR ${column} IS NULL)`
            : `(${column} > ? OR (${column} = ? AND id > ?))`,
        );
        keysetParams.push(after.v, after.v, after.id);
      }
    }
    const where = [sql.replace(/^WHERE /, ""), ...keyset].filter(Boolean).join(" AND ");
    const order = column ? `${column} ${desc ? "DESC" : "ASC"}, id ASC` : "id ASC";
    const rows = this.statement(
      `SELECT id, version, data${column ? `, ${column} AS sortValue` : ""} FROM ${this.table} ${where ? `WHERE ${where}` : ""} ORDER BY ${order} LIMIT ?`,
    ).all(...params, ...keysetParams, limit + 1) as (Row & {
      sortValue?: string | number | null;
    })[];
    const items = rows.slice(0, limit).map((r) => this.toStored(r));
    const last = rows[limit - 1];
    return rows.length > limit && last
      ? { items, nextCursor: encodeKeysetCursor({ v: last.sortValue ?? null, id: last.id }) }
      : { items };
  }

  async count(query?: Pick<Query, "where" | "range">): Promise<number> {
    assertQueryable(this.kind as RecordKind<unknown>, query);
    const { sql, params } = this.whereClause(query);
    const row = this.statement(`SELECT COUNT(*) AS n FROM ${this.table} ${sql}`).get(...params) as {
      n: number;
    };
    return row.n;
  }
}
