import type { IndexType, Query, RecordKind, Scalar } from "../../ports";
import { columnValue, indexColumnFor } from "./listSchema";

/*
 * A store Query as OData for list items: `$filter` on `fields/<column>` (indexed columns only:
 * lists pass 5,000 items, and SharePoint refuses unindexed filters on them) and `$orderby`.
 * Yes/No columns compare with 1 and 0, as SharePoint expects.
 */
export function odataLiteral(type: IndexType, value: Scalar): string {
  const stored = columnValue(type, value);
  if (stored === null) return "null";
  if (typeof stored === "boolean") return stored ? "1" : "0";
  if (typeof stored === "number") {
    if (!Number.isFinite(stored)) throw new Error("Only finite numbers can be queried");
    return String(stored);
  }
  return `'${stored.replace(/'/g, "''")}'`;
}

/** True when an "any of" condition is empty: nothing can match, so no request is needed. */
export function matchesNothing(query: Pick<Query, "where"> | undefined): boolean {
  return Object.values(query?.where ?? {}).some((v) => Array.isArray(v) && v.length === 0);
}

export function odataFilter(
  kind: RecordKind<unknown>,
  query: Pick<Query, "where" | "range"> | undefined,
): string | undefined {
  const parts: string[] = [];
  for (const [field, value] of Object.entries(query?.where ?? {})) {
    const type = kind.indexes[field] as IndexType;
    const column = `fields/${indexColumnFor(field)}`;
    const values = (Array.isArray(value) ? value : [value]) as Scalar[];
    const terms = values.map((v) => `${column} eq ${odataLiteral(type, v)}`);
    parts.push(terms.length === 1 ? terms[0]! : `(${terms.join(" or ")})`);
  }
  if (query?.range) {
    const type = kind.indexes[query.range.field] as IndexType;
    const column = `fields/${indexColumnFor(query.range.field)}`;
    if (query.range.gte !== undefined)
      parts.push(`${column} ge ${odataLiteral(type, query.range.gte)}`);
    if (query.range.lte !== undefined)
      parts.push(`${column} le ${odataLiteral(type, query.range.lte)}`);
  }
  return parts.length ? parts.join(" and ") : undefined;
}

export function odataOrderBy(query: Query | undefined): string | undefined {
  if (!query?.orderBy) return undefined;
  return `fields/${indexColumnFor(query.orderBy.field)} ${query.orderBy.direction === "desc" ? "desc" : "asc"}`;
}

/**
 * SharePoint matches text without regard to case; the store port promises exact matches. Results
 * are checked again against the values their columns hold before they are returned or counted.
 */
export function exactlyMatches(
  kind: RecordKind<unknown>,
  query: Pick<Query, "where"> | undefined,
  columnValueOf: (field: string) => unknown,
): boolean {
  for (const [field, wanted] of Object.entries(query?.where ?? {})) {
    if (kind.indexes[field] !== "text") continue;
    const actual = columnValueOf(field) ?? null;
    const options = (Array.isArray(wanted) ? wanted : [wanted]) as Scalar[];
    if (!options.some((o) => columnValue("text", o) === actual)) return false;
  }
  return true;
}
