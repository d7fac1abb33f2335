/*
 * What the dashboard tab and the tab API say to each other: plain JSON shapes, imported by the
 * server (src/http/tabApi.ts) and the tab (src/tab) alike, so neither drifts. No imports here:
 * the tab's bundle must not pull in server code.
 */

export const TAB_API = "/api/tab";

/** A person's standing for one policy version, as the dashboard shows it. */
export const STAFF_STATUSES = ["acknowledged", "outstanding", "overdue", "undeliverable"] as const;
export type StaffStatus = (typeof STAFF_STATUSES)[number];

export const STATUS_LABELS: Record<StaffStatus, string> = {
  acknowledged: "Acknowledged",
  outstanding: "Outstanding",
  overdue: "Overdue",
  undeliverable: "Could not be reached",
};

export const ROW_SORTS = ["name", "department", "status", "acknowledgedAt", "notifiedAt"] as const;
export type RowSort = (typeof ROW_SORTS)[number];

export const MAX_PAGE_SIZE = 200;

/** What the signed-in person may see: names and rows, or whole-school figures only. */
export type DashboardAccess = "names" | "figures";

export interface PanelInfo {
  /** e.g. "misuseCases": the tab shows a panel only for capabilities whose API exists. */
  readonly id: string;
  readonly title: string;
  /** A tab API path answering the panel's JSON. */
  readonly path: string;
}

export interface TabSession {
  readonly displayName: string;
  readonly roleTitles: readonly string[];
  /** "local": signed in by ?user= on a developer's machine; the tab shows a banner. */
  readonly signIn: "teams" | "local";
  readonly access: DashboardAccess;
  readonly mayRemind: boolean;
  readonly panels: readonly PanelInfo[];
  /** The school's time zone: dates are shown as the school office sees them. */
  readonly timeZone: string;
}

export interface VersionInfo {
  readonly version: string;
  readonly title: string;
  readonly state: "in-force" | "upcoming";
  /** ISO date the version takes effect, when known. */
  readonly effectiveFrom: string | null;
  /** ISO time by which staff are asked to acknowledge, when set. */
  readonly dueBy: string | null;
}

/** Each person is counted once: the four statuses add up to `total`. */
export interface Figures {
  readonly total: number;
  readonly acknowledged: number;
  readonly outstanding: number;
  readonly overdue: number;
  readonly undeliverable: number;
}

export interface DepartmentFigures extends Figures {
  readonly department: string;
}

export interface VersionSummary {
  readonly version: string;
  readonly figures: Figures;
  readonly byDepartment: readonly DepartmentFigures[];
}

export interface StaffRow {
  readonly aadObjectId: string;
  readonly displayName: string;
  readonly department: string;
  readonly status: StaffStatus;
  readonly acknowledgedAt: string | null;
  readonly notifiedAt: string | null;
}

export interface RowsPage {
  readonly rows: readonly StaffRow[];
  /** Rows matching the filters (all pages). */
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  /** Every department in the version, for the filter. */
  readonly departments: readonly string[];
}

export interface ReminderStarted {
  readonly campaign: string;
  readonly recipients: number;
}

export interface ReminderProgress {
  readonly campaign: string;
  readonly pending: number;
  readonly delivered: number;
  readonly undeliverable: number;
  readonly failed: number;
  readonly done: boolean;
}

export interface TabApiErrorBody {
  readonly error: string;
  readonly message: string;
}
