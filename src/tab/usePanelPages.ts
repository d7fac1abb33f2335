import { useCallback, useEffect, useRef, useState } from "react";
import type { PanelPage } from "../http/tabApiContract";
import type { DashboardApi } from "./api";

/*
 * A capability panel's list, read a page at a time from its tab API path: the first page on
 * mount, the next on "Load more" (with the cursor the last page gave). Rows already shown are
 * not repeated if the list moved between pages.
 */

export const PANEL_PAGE_SIZE = 20;

export interface PanelPages<T> {
  readonly items: readonly T[];
  readonly total: number;
  /** False until the first page has arrived. */
  readonly loaded: boolean;
  readonly loading: boolean;
  readonly hasMore: boolean;
  readonly error: string | undefined;
  loadMore(): void;
}

export function usePanelPages<T>(
  api: DashboardApi,
  path: string,
  /** Stable (module-level), as it keys the loader. */
  keyOf: (item: T) => string,
  pageSize = PANEL_PAGE_SIZE,
): PanelPages<T> {
  const [items, setItems] = useState<readonly T[]>([]);
  const [total, setTotal] = useState(0);
  const [nextCursor, setNextCursor] = useState<string | undefined>();
  const [loaded, setLoaded] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | undefined>();
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const load = useCallback(
    async (cursor: string | undefined, current: () => boolean) => {
      setLoading(true);
      const params = new URLSearchParams({ limit: String(pageSize) });
      if (cursor) params.set("cursor", cursor);
      try {
        const page = await api.getJson<PanelPage<T>>(`${path}?${params.toString()}`);
        if (!current()) return;
        setItems((shown) => {
          const before = cursor ? shown : [];
          const seen = new Set(before.map(keyOf));
          return [...before, ...page.items.filter((item) => !seen.has(keyOf(item)))];
        });
        setTotal(page.total);
        setNextCursor(page.nextCursor);
        setError(undefined);
        setLoaded(true);
      } catch (e) {
        if (current()) setError((e as Error).message);
      } finally {
        if (current()) setLoading(false);
      }
    },
    [api, path, keyOf, pageSize],
  );

  useEffect(() => {
    let current = true;
    void load(undefined, () => current);
    return () => {
      current = false;
    };
  }, [load]);

  const loadMore = useCallback(() => {
    if (nextCursor) void load(nextCursor, () => mounted.current);
  }, [load, nextCursor]);

  return { items, total, loaded, loading, hasMore: Boolean(nextCursor), error, loadMore };
}
