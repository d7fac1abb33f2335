import {
  TAB_API,
  type ExportLink,
  type ReminderProgress,
  type ReminderStarted,
  type RowSort,
  type RowsPage,
  type StaffStatus,
  type TabApiErrorBody,
  type TabSession,
  type VersionInfo,
  type VersionSummary,
} from "../http/tabApiContract";
import type { Host } from "./host";

/** The tab API, every call signed in with the host's headers. */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface RowQuery {
  /** One status, or every one. */
  readonly status: StaffStatus | "";
  readonly department: string;
  readonly search: string;
  readonly sort: RowSort;
  readonly order: "asc" | "desc";
}

export function rowQueryString(
  query: RowQuery,
  paging?: { page: number; pageSize: number },
): string {
  const params = new URLSearchParams();
  if (query.status) params.set("status", query.status);
  if (query.department) params.set("department", query.department);
  if (query.search.trim()) params.set("q", query.search.trim());
  params.set("sort", query.sort);
  params.set("order", query.order);
  if (paging) {
    params.set("page", String(paging.page));
    params.set("pageSize", String(paging.pageSize));
  }
  return params.toString();
}

export class DashboardApi {
  constructor(private readonly host: Host) {}

  private async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = {
      ...(await this.host.authHeaders()),
      ...(init.headers as Record<string, string> | undefined),
    };
    const response = await fetch(`${TAB_API}${path}`, { ...init, headers, cache: "no-store" });
    if (!response.ok) {
      let body: Partial<TabApiErrorBody> = {};
      try {
        body = (await response.json()) as TabApiErrorBody;
      } catch {
        // not JSON: a proxy or the platform answered
      }
      throw new ApiError(
        response.status,
        body.error ?? `HTTP_${response.status}`,
        body.message ?? response.statusText,
      );
    }
    return response;
  }

  private async json<T>(path: string, init?: RequestInit): Promise<T> {
    return (await (await this.request(path, init)).json()) as T;
  }

  /** For capability panels: their own JSON under the tab API, signed in the same way. */
  getJson<T>(path: string): Promise<T> {
    return this.json(path);
  }

  session(): Promise<TabSession> {
    return this.json("/session");
  }

  versions(): Promise<{ versions: VersionInfo[] }> {
    return this.json("/versions");
  }

  summary(version: string): Promise<VersionSummary> {
    return this.json(`/versions/${encodeURIComponent(version)}/summary`);
  }

  rows(version: string, query: RowQuery, page: number, pageSize: number): Promise<RowsPage> {
    return this.json(
      `/versions/${encodeURIComponent(version)}/rows?${rowQueryString(query, { page, pageSize })}`,
    );
  }

  /**
   * The staff list as a CSV: the server hands out a five-minute link and the host downloads it
   * (Teams opens the link, a browser follows it), so new Teams and mobile keep every download.
   */
  async exportCsv(version: string, query: RowQuery): Promise<ExportLink> {
    const link = await this.json<ExportLink>(
      `/versions/${encodeURIComponent(version)}/rows.csv/link?${rowQueryString(query)}`,
      { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" },
    );
    await this.host.openDownload(link.url);
    return link;
  }

  remindOutstanding(version: string): Promise<ReminderStarted> {
    return this.json(`/versions/${encodeURIComponent(version)}/reminders`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{}",
    });
  }

  reminderProgress(campaign: string): Promise<ReminderProgress> {
    return this.json(`/reminders/progress?campaign=${encodeURIComponent(campaign)}`);
  }
}
