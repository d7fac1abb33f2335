import type { Collection, Query, Stored } from "../ports";

/*
 * A list a person pages through on the dashboard (unanswered questions, posts waiting for
 * approval): one page of records and the size of the whole list, read together.
 */
export interface PageRequest {
  readonly limit?: number;
  readonly cursor?: string;
}

export interface ListPage<T> {
  readonly items: readonly T[];
  /** Pass back as `cursor` for the next page; absent on the last page. */
  readonly nextCursor?: string;
  /** How many there are in all. */
  readonly total: number;
}

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;

export async function readListPage<T>(
  collection: Collection<T>,
  query: Pick<Query, "where" | "orderBy">,
  page: PageRequest,
): Promise<ListPage<Stored<T>>> {
  const limit = Math.min(Math.max(1, Math.floor(page.limit ?? DEFAULT_LIMIT)), MAX_LIMIT);
  const [found, total] = await Promise.all([
    collection.find({ ...query, limit, cursor: page.cursor }),
    collection.count({ where: query.where }),
  ]);
  return {
    items: found.items,
    ...(found.nextCursor ? { nextCursor: found.nextCursor } : {}),
    total,
  };
}
