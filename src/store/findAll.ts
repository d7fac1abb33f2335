import type { Collection, Query, Stored } from "../ports";

/** Every record matching a query, page by page: callers never see cursors. */
export async function findAll<T>(
  collection: Collection<T>,
  query: Omit<Query, "cursor" | "limit"> = {},
): Promise<Stored<T>[]> {
  const all: Stored<T>[] = [];
  let cursor: string | undefined;
  do {
    const page = await collection.find({ ...query, limit: 1000, cursor });
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}
