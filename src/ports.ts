import type { z } from "zod";
import type { Person } from "./domain/people/person";

/*
 * The ports: what use cases need from the outside world, in the domain's own words.
 * Adapters (SQLite, SharePoint, botbuilder, restify) implement them; nothing here names a framework.
 */

// ---------- Storage ----------

/** The types an indexed field may hold: SharePoint columns and SQLite columns both carry these. */
export type IndexType = "text" | "number" | "boolean";
export type Scalar = string | number | boolean | null;

/**
 * A kind of record the product keeps (acknowledgements, posts, reports ...). Only the fields
 * named in `indexes` can be queried; everything else rides in the record's JSON payload.
 */
export interface RecordKind<T> {
  readonly name: string;
  readonly schema: z.ZodType<T>;
  readonly indexes: Readonly<Record<string, IndexType>>;
  /**
   * Indexed fields computed from the record rather than read from it (each also named in
   * `indexes`): e.g. a narrow key a large list can be queried by (SharePoint refuses a query
   * whose first condition matches more than 5,000 items).
   */
  readonly derived?: Readonly<Record<string, (data: T) => Scalar>>;
}

export interface Stored<T> {
  readonly id: string;
  /** Opaque: SQLite's counter, SharePoint's eTag. Passed back to `update` for compare-and-set. */
  readonly version: string;
  readonly data: T;
}

export interface Range {
  readonly gte?: string | number;
  readonly lte?: string | number;
}

export interface Query {
  /** Equality on indexed fields; an array means "any of". */
  readonly where?: Readonly<Record<string, Scalar | readonly Scalar[]>>;
  /** At most one range condition, on an indexed field. */
  readonly range?: { readonly field: string } & Range;
  readonly orderBy?: { readonly field: string; readonly direction?: "asc" | "desc" };
  /** Page size; adapters cap it. */
  readonly limit?: number;
  /** From the previous page's `nextCursor`. */
  readonly cursor?: string;
}

export interface Page<T> {
  readonly items: readonly Stored<T>[];
  readonly nextCursor?: string;
}

export type CreateResult<T> =
  | { readonly ok: true; readonly record: Stored<T> }
  | { readonly ok: false; readonly reason: "exists"; readonly existing: Stored<T> };

export type UpdateResult<T> =
  | { readonly ok: true; readonly record: Stored<T> }
  | { readonly ok: false; readonly reason: "conflict"; readonly current: Stored<T> }
  | { readonly ok: false; readonly reason: "missing" };

export interface NewRecord<T> {
  readonly id: string;
  readonly data: T;
}

export interface Collection<T> {
  get(id: string): Promise<Stored<T> | undefined>;
  /** Creating an id that exists changes nothing and says so: deterministic ids make retries idempotent. */
  create(id: string, data: T): Promise<CreateResult<T>>;
  /**
   * Optional bulk create (a fan-out): the same result as `create` for each record, in order, in
   * fewer round trips (SharePoint: JSON $batch). Use `createAll` from store/createAll.ts, which
   * falls back to one `create` at a time for adapters without it.
   */
  createMany?(records: readonly NewRecord<T>[]): Promise<CreateResult<T>[]>;
  /** Compare-and-set: succeeds only if the record is still at `expectedVersion`. */
  update(id: string, data: T, expectedVersion: string): Promise<UpdateResult<T>>;
  delete(id: string): Promise<boolean>;
  find(query?: Query): Promise<Page<T>>;
  count(query?: Pick<Query, "where" | "range">): Promise<number>;
}

export interface StoreStatus {
  readonly ok: boolean;
  readonly kind: string;
  readonly detail: string;
}

/** One write of an all-or-nothing batch (`Store.transact`). */
export type Write =
  | {
      readonly op: "update";
      readonly kind: RecordKind<unknown>;
      readonly id: string;
      readonly data: unknown;
      readonly expectedVersion: string;
    }
  | {
      readonly op: "create";
      readonly kind: RecordKind<unknown>;
      readonly id: string;
      readonly data: unknown;
      /** "keep": an effect keyed by id (an outbox message) that is already there counts as written. */
      readonly ifExists: "keep" | "fail";
    };

export type TransactResult =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly reason: "conflict" | "missing" | "exists";
      readonly index: number;
    };

export interface Store {
  collection<T>(kind: RecordKind<T>): Collection<T>;
  /**
   * Every write or none, in one step (SQLite: one transaction); a failed compare-and-set or an
   * existing id with ifExists "fail" writes nothing. Absent where the store has no multi-record
   * transaction (SharePoint lists): app/decisions.ts then carries a decision's effects in the
   * decision record's own compare-and-set update and a reconciler writes any a crash left out.
   */
  transact?(writes: readonly Write[]): Promise<TransactResult>;
  status(): Promise<StoreStatus>;
  close(): Promise<void>;
}

// ---------- People ----------

export interface Directory {
  find(aadObjectId: string): Promise<Person | undefined>;
  all(): Promise<readonly Person[]>;
}

// ---------- Messages ----------

/** A card by template name plus the data bound into it; the bot adapter owns the JSON. */
export interface CardMessage {
  readonly template: string;
  readonly data: Record<string, unknown>;
}

export type DeliveryResult =
  | { readonly ok: true; readonly activityId: string }
  /**
   * Teams refused the card as too large (413, or 400 saying so): a short note with a link went
   * instead (`activityId` is the note's, or the card's it replaced). Sending it again cannot help.
   */
  | {
      readonly ok: false;
      readonly reason: "too-large";
      readonly activityId: string;
      readonly detail: string;
    }
  | {
      readonly ok: false;
      /** no-reference: never talked to the bot; blocked: removed or blocked it (403). */
      readonly reason: "no-reference" | "blocked" | "throttled" | "failed";
      readonly retryAfterMs?: number;
      readonly detail?: string;
    };

export interface Messenger {
  sendCard(recipientAadObjectId: string, card: CardMessage): Promise<DeliveryResult>;
  updateCard(
    recipientAadObjectId: string,
    activityId: string,
    card: CardMessage,
  ): Promise<DeliveryResult>;
}

// ---------- Time, ids, logs ----------

export interface Clock {
  now(): Date;
}

export interface Ids {
  newId(): string;
}

export interface Logger {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
  child(fields: Record<string, unknown>): Logger;
}
