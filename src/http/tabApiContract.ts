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
  /**
   * A capability module's panel is a list the tab draws from these alone (no view of its own):
   * its rows are `TableRow`s keyed by `rowKey`.
   */
  readonly table?: PanelTable;
}

export interface PanelColumn {
  readonly key: string;
  readonly title: string;
  /** "date" (YYYY-MM-DD) and "dateTime" (ISO) are shown in the school's time zone. */
  readonly format?: "text" | "date" | "dateTime";
}

export interface PanelTable {
  readonly columns: readonly PanelColumn[];
  readonly rowKey: string;
  /** Plural, e.g. "permissions". */
  readonly noun: string;
  readonly emptyText: string;
}

/** One row of a capability module's panel: text only, rendered as text. */
export type TableRow = Readonly<Record<string, string | null>>;

/** A short-lived link the host downloads an export from (the tab opens it; no sign-in header). */
export interface ExportLink {
  /** Path and query on this server: /api/exports/<kind>.csv?token=… */
  readonly url: string;
  /** When the link stops working (five minutes after it was issued, at most). */
  readonly expiresAt: string;
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

/** Why the people counted as "could not be reached" were not reached, and what fixes it. */
export interface Unreachable {
  /** "7 never opened the app, 2 blocked or removed the bot"; empty when nobody. */
  readonly why: string;
  readonly fix: string;
}

export interface VersionSummary {
  readonly version: string;
  readonly figures: Figures;
  readonly unreachable: Unreachable;
  readonly byDepartment: readonly DepartmentFigures[];
}

export interface StaffRow {
  readonly aadObjectId: string;
  readonly displayName: string;
  readonly department: string;
  readonly status: StaffStatus;
  readonly acknowledgedAt: string | null;
  readonly notifiedAt: string | null;
  /** For someone who could not be reached: why, in words ("never opened the app"). */
  readonly unreachableWhy: string | null;
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
  /** Not sent a reminder because they already could not be reached, and why. */
  readonly notReminded: number;
  readonly notRemindedWhy: string;
}

export interface ReminderProgress {
  readonly campaign: string;
  readonly pending: number;
  readonly delivered: number;
  readonly undeliverable: number;
  readonly failed: number;
  readonly done: boolean;
  /** Why this campaign's undelivered reminders did not arrive, and what fixes it. */
  readonly unreachable: Unreachable;
}

export interface TabApiErrorBody {
  readonly error: string;
  readonly message: string;
}

/** The capability panels this API serves (PanelInfo ids). */
export const PANEL_IDS = {
  unansweredQuestions: "unansweredQuestions",
  pendingPosts: "pendingPosts",
} as const;

/** A panel's list, a page at a time: "Load more" passes `nextCursor` back as `cursor`. */
export interface PanelPage<T> {
  readonly items: readonly T[];
  /** Absent on the last page. */
  readonly nextCursor?: string;
  /** How many there are in all. */
  readonly total: number;
}

export const MAX_PANEL_PAGE_SIZE = 100;

export type QuestionReason = "waitingForPolicyOwner" | "notHelpful";

export const QUESTION_REASON_LABELS: Record<QuestionReason, string> = {
  waitingForPolicyOwner: "Sent to the policy owner, not yet answered",
  notHelpful: "Answer marked not helpful",
};

export interface UnansweredQuestionRow {
  readonly questionId: string;
  readonly question: string;
  readonly askedAt: string;
  readonly reason: QuestionReason;
  /** The asker's name, only where they sent the question to the policy owner themselves. */
  readonly askedBy: string | null;
  readonly escalatedAt: string | null;
  readonly policyVersion: string;
}

export type UnansweredQuestionsPage = PanelPage<UnansweredQuestionRow>;

export interface PendingPostRow {
  readonly postId: string;
  readonly authorName: string;
  /** The post's text, cut short when long (`truncated`). */
  readonly excerpt: string;
  readonly truncated: boolean;
  readonly accounts: readonly string[];
  /** As the author gave it (YYYY-MM-DD). */
  readonly intendedDate: string;
  readonly status: "awaitingApproval" | "readyToPost";
  readonly statusWords: string;
  /** Role titles whose confirmation is still missing; empty once ready to post. */
  readonly approvalsMissing: readonly string[];
  /** Safeguarding checks that matched the text (names, consent list ...). */
  readonly flagCount: number;
  readonly submittedAt: string;
}

export type PendingPostsPage = PanelPage<PendingPostRow>;
