import type { Query, RecordKind, Scalar } from "../ports";

/*
 * Rules every store adapter applies the same way, so the contract suite holds for all of them:
 * only indexed fields are queryable, page sizes are capped, and index values come from the record.
 */
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

export class StoreUsageError extends Error {
  readonly code = "STORE.BAD_QUERY";
}

export function assertQueryable(kind: RecordKind<unknown>, query: Query | undefined): void {
  const fields = [
    ...Object.keys(query?.where ?? {}),
    ...(query?.range ? [query.range.field] : []),
    ...(query?.orderBy ? [query.orderBy.field] : []),
  ];
  for (const field of fields) {
    if (!(field in kind.indexes)) {
      throw new StoreUsageError(`"${field}" is not an indexed field of ${kind.name}`);
    }
  }
}

export function pageSize(query: Query | undefined): number {
  const requested = query?.limit ?? DEFAULT_PAGE_SIZE;
  return Math.max(1, Math.min(MAX_PAGE_SIZE, Math.floor(requested)));
}

/** The value of each indexed field, normalised to what a column can hold. */
export function indexValues(kind: RecordKind<unknown>, data: unknown): Record<string, Scalar> {
  const record = (data ?? {}) as Record<string, unknown>;
  const values: Record<string, Scalar> = {};
  for (const [field, type] of Object.entries(kind.indexes)) {
    const derive = kind.derived?.[field];
    const value = derive ? derive(data) : record[field];
    if (value === undefined || value === null) values[field] = null;
    else if (type === "number") values[field] = Number(value);
    else if (type === "boolean") values[field] = Boolean(value);
    else values[field] = String(value);
  }
  return values;
}
