import { createHash } from "node:crypto";
import type { IndexType, RecordKind, Scalar } from "../../ports";
import { StoreUsageError } from "../recordRules";

/*
 * How a record kind lives in SharePoint: one list per kind ("PolicyBot_<kind>"), a unique indexed
 * `recordId` column (SharePoint item ids are numbers; ours are strings), one typed, indexed column
 * per queryable field ("ix_<field>"), the validated record as JSON in `payload`, and
 * `writeTokens`: the tokens of the item's last few writes, newest first, which let a writer whose
 * answer was lost (a timeout, a dropped connection) recognise that its write was applied.
 */
export const LIST_PREFIX = "PolicyBot_";
export const RECORD_ID_COLUMN = "recordId";
export const PAYLOAD_COLUMN = "payload";
export const WRITE_TOKENS_COLUMN = "writeTokens";
/** How many writes back a writer can still recognise its own (16-character tokens fit 255). */
export const WRITE_TOKENS_KEPT = 12;

/** SharePoint's limit for a single line of text. */
export const TEXT_COLUMN_MAX = 255;
/** The longest plain multi-line text SharePoint lists keep: larger records are refused, not cut. */
export const PAYLOAD_MAX = 63_999;

export interface ColumnSpec {
  readonly name: string;
  /** The columnDefinition body for POST /sites/{site}/lists/{list}/columns (and inside POST lists). */
  readonly definition: Readonly<Record<string, unknown>>;
  readonly indexed: boolean;
}

export function listNameFor(kind: RecordKind<unknown>): string {
  if (!/^[a-zA-Z][a-zA-Z0-9]*$/.test(kind.name)) {
    throw new Error(`Record kind names must be alphanumeric: "${kind.name}"`);
  }
  return `${LIST_PREFIX}${kind.name}`;
}

export function indexColumnFor(field: string): string {
  if (!/^[a-zA-Z][a-zA-Z0-9]*$/.test(field)) {
    throw new Error(`Indexed field names must be alphanumeric: "${field}"`);
  }
  return `ix_${field}`;
}

function typed(type: IndexType): Record<string, unknown> {
  if (type === "number") return { number: {} };
  if (type === "boolean") return { boolean: {} };
  return { text: { maxLength: TEXT_COLUMN_MAX } };
}

/** Every column the kind's list needs, in the order they are created. */
export function columnsFor(kind: RecordKind<unknown>): ColumnSpec[] {
  return [
    {
      name: RECORD_ID_COLUMN,
      indexed: true,
      definition: {
        name: RECORD_ID_COLUMN,
        displayName: RECORD_ID_COLUMN,
        text: { maxLength: TEXT_COLUMN_MAX },
        indexed: true,
        enforceUniqueValues: true,
        required: true,
      },
    },
    {
      name: PAYLOAD_COLUMN,
      indexed: false,
      definition: {
        name: PAYLOAD_COLUMN,
        displayName: PAYLOAD_COLUMN,
        text: { allowMultipleLines: true, textType: "plain", linesForEditing: 6 },
      },
    },
    {
      name: WRITE_TOKENS_COLUMN,
      indexed: false,
      definition: {
        name: WRITE_TOKENS_COLUMN,
        displayName: WRITE_TOKENS_COLUMN,
        text: { maxLength: TEXT_COLUMN_MAX },
      },
    },
    ...Object.entries(kind.indexes).map(([field, type]) => ({
      name: indexColumnFor(field),
      indexed: true,
      definition: {
        name: indexColumnFor(field),
        displayName: field,
        ...typed(type),
        indexed: true,
      },
    })),
  ];
}

/**
 * SharePoint compares text without regard to case, in unique columns and in filters alike; ids
 * are case-sensitive. Upper-case letters are written as "^" + the letter ("^" itself as "^^"), so
 * "Ab" and "ab" stay two records and the column still reads naturally for lower-case ids.
 */
export function encodeRecordId(id: string): string {
  const encoded = id.replace(/\^/g, "^^").replace(/[A-Z]/g, (c) => `^${c.toLowerCase()}`);
  if (!id || encoded.length > TEXT_COLUMN_MAX) {
    throw new StoreUsageError(
      `Record ids must be 1 to ${TEXT_COLUMN_MAX} characters for SharePoint`,
    );
  }
  return encoded;
}

export function decodeRecordId(value: string): string {
  return value.replace(/\^(.)/g, (_, c: string) => (c === "^" ? "^" : c.toUpperCase()));
}

/**
 * The value an indexed column holds. Text longer than a single-line column allows is kept as a
 * digest: equality still finds it, ranges and order over such values are not meaningful.
 */
export function columnValue(type: IndexType, value: Scalar): string | number | boolean | null {
  if (value === null) return null;
  if (type === "number") return Number(value);
  if (type === "boolean") return Boolean(value);
  const text = String(value);
  return text.length > TEXT_COLUMN_MAX
    ? `sha256:${createHash("sha256").update(text).digest("hex")}`
    : text;
}
