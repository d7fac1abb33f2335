import {
  statusOf,
  type AckStatus,
  type AcknowledgementRecord,
  type NoticeProof,
} from "../../domain/acknowledgements/acknowledgement";
import { acknowledgeBy, stateOf, type PolicyVersion } from "../../domain/policy/policyVersion";
import type { Person } from "../../domain/people/person";
import { findAll } from "../../store/findAll";
import { outboxKind } from "../../outbox/outboxMessage";
import type { AcknowledgementServices } from "./acknowledgementServices";
import {
  countUnreachable,
  type UnreachableCounts,
  type UnreachableWhy,
} from "../../domain/acknowledgements/unreachable";
import { acknowledgementKind, noticeCampaign } from "./acknowledgementRecords";
import { unreachableWhyOf } from "./unreachable";

/*
 * Who has and has not acknowledged a version, for the dashboard and the overdue summary:
 * the roster, joined with the acknowledgement records and the proof of notice (the outbox's
 * delivered time per person). Everyone currently on the roster is counted; leavers are not.
 */
export type { AckStatus };

export interface VersionListing {
  readonly label: string;
  readonly effectiveFrom: string;
  readonly publishedAt: string;
  readonly summary: string;
  readonly state: "in force" | "upcoming" | "superseded";
  readonly dueBy: string;
}

export interface StatusCounts {
  total: number;
  acknowledged: number;
  outstanding: number;
  overdue: number;
  undeliverable: number;
}

export interface AcknowledgementSummary extends StatusCounts {
  readonly version: string;
  /** Why those counted as undeliverable could not be reached. */
  readonly unreachableWhy: UnreachableCounts;
  readonly byDepartment: ({ department: string } & StatusCounts)[];
}

export interface AcknowledgementRow {
  readonly aadObjectId: string;
  readonly displayName: string;
  readonly email: string;
  readonly department: string;
  readonly status: AckStatus;
  readonly acknowledgedAt: string | null;
  readonly notifiedAt: string | null;
  readonly notDeliveredReason: string | null;
  readonly unreachableWhy: UnreachableWhy | null;
}

export interface RowQuery {
  /** One status, or several ("not yet acknowledged" = outstanding, overdue and undeliverable); [] = all. */
  readonly status?: AckStatus | readonly AckStatus[];
  readonly department?: string;
  readonly search?: string;
  readonly sort?: "name" | "department" | "status" | "acknowledgedAt" | "notifiedAt";
  readonly direction?: "asc" | "desc";
  readonly offset?: number;
  readonly limit?: number;
}

export async function listVersions(services: AcknowledgementServices): Promise<VersionListing[]> {
  const versions = await services.policyVersions.all();
  const day = services.policyVersions.today();
  return versions.map((v) => ({
    label: v.label,
    effectiveFrom: v.effectiveFrom,
    publishedAt: v.publishedAt,
    summary: v.summary,
    state: stateOf(v, versions, day),
    dueBy: acknowledgeBy(v, services.acknowledgements.graceDays, services.schoolTimeZone),
  }));
}

/*
 * The dashboard asks for a version's summary and its rows at once (two routes, one tab load):
 * callers that overlap share one read of the roster, the acknowledgements and the notices
 * instead of each reading them (on SharePoint every read spends the tenant's budget). Nothing is
 * kept once the read is done: a caller gets a read that began at most one read before it asked.
 */
const readsInFlight = new WeakMap<object, Map<string, Promise<unknown>>>();

/** One read of `key` for every caller that asks while it is under way. */
function sharedRead<T>(store: object, key: string, read: () => Promise<T>): Promise<T> {
  let reads = readsInFlight.get(store);
  if (!reads) readsInFlight.set(store, (reads = new Map()));
  const shared = reads.get(key);
  if (shared) return shared as Promise<T>;
  const started = read();
  reads.set(key, started);
  const done = () => {
    if (reads.get(key) === started) reads.delete(key);
  };
  started.then(done, done);
  return started;
}

/** Every roster member's row for a version, unfiltered. */
export function everyoneFor(
  services: AcknowledgementServices,
  version: PolicyVersion,
  detail: RowDetail = "status",
): Promise<AcknowledgementRow[]> {
  return readEveryone(services, version, detail);
}

/**
 * "status": what each person's status needs (the summary, reminders): of the notices only those
 * that failed, so a summary during a fan-out does not read the thousands being delivered.
 * "notified": also when each notice arrived, for the dashboard's rows.
 */
export type RowDetail = "status" | "notified";

async function readEveryone(
  services: AcknowledgementServices,
  version: PolicyVersion,
  detail: RowDetail,
): Promise<AcknowledgementRow[]> {
  const campaign = noticeCampaign(version.label);
  const store = services.store;
  // Each list read is shared by the summary and the rows asked for at once.
  const [people, acks, notices, failedReminders] = await Promise.all([
    services.directory.all(),
    sharedRead(store, `acks:${version.label}`, () =>
      findAll(store.collection(acknowledgementKind), { where: { version: version.label } }),
    ),
    detail === "notified"
      ? sharedRead(store, `notices:${campaign}`, () =>
          findAll(store.collection(outboxKind), { where: { campaign } }),
        )
      : sharedRead(store, `failedNotices:${campaign}`, () =>
          findAll(store.collection(outboxKind), {
            where: { campaign, status: ["undeliverable", "failed"] },
          }),
        ),
    // A reminder that could not be delivered means the person cannot be reached now, even if
    // the notice once reached them (they blocked the bot, or left): the rows say so.
    sharedRead(store, "failedReminders", () =>
      findAll(store.collection(outboxKind), {
        where: { purpose: "reminder", status: ["undeliverable", "failed"] },
      }),
    ),
  ]);
  const ofThisVersion = (campaign: string | null) =>
    campaign !== null &&
    (campaign.startsWith(`remind:${version.label}:`) ||
      campaign.startsWith(`autoremind:${version.label}:`));
  const ackBy = new Map<string, AcknowledgementRecord>(
    acks.map((a) => [a.data.aadObjectId, a.data]),
  );
  const noticeBy = new Map<string, NoticeProof>(
    notices.map((n) => [
      n.data.recipient,
      {
        deliveredAt: n.data.deliveredAt,
        undeliverable: n.data.status === "undeliverable" || n.data.status === "failed",
        reason: n.data.lastError,
      },
    ]),
  );
  const why = new Map<string, UnreachableWhy>(
    notices
      .filter((n) => n.data.status === "undeliverable" || n.data.status === "failed")
      .map((n) => [n.data.recipient, unreachableWhyOf(n.data)]),
  );
  for (const r of failedReminders.filter((m) => ofThisVersion(m.data.campaign))) {
    const notice = noticeBy.get(r.data.recipient);
    noticeBy.set(r.data.recipient, {
      deliveredAt: notice?.deliveredAt ?? null,
      undeliverable: true,
      reason: r.data.lastError,
    });
    why.set(r.data.recipient, unreachableWhyOf(r.data));
  }
  const due = acknowledgeBy(version, services.acknowledgements.graceDays, services.schoolTimeZone);
  const day = services.policyVersions.today();
  return people.map((p: Person) => {
    const ack = ackBy.get(p.aadObjectId);
    const notice = noticeBy.get(p.aadObjectId);
    const status = statusOf(ack, notice, due, day);
    return {
      aadObjectId: p.aadObjectId,
      displayName: p.displayName,
      email: p.email,
      department: p.department,
      status,
      acknowledgedAt: ack?.acknowledgedAt ?? null,
      notifiedAt: notice?.deliveredAt ?? null,
      notDeliveredReason: status === "undeliverable" ? (notice?.reason ?? null) : null,
      unreachableWhy: status === "undeliverable" ? (why.get(p.aadObjectId) ?? "notAccepted") : null,
    };
  });
}

function emptyCounts(): StatusCounts {
  return { total: 0, acknowledged: 0, outstanding: 0, overdue: 0, undeliverable: 0 };
}

export async function acknowledgementSummary(
  services: AcknowledgementServices,
  label: string,
): Promise<AcknowledgementSummary | undefined> {
  const version = await services.policyVersions.get(label);
  if (!version) return undefined;
  const rows = await everyoneFor(services, version);
  const totals = emptyCounts();
  const departments = new Map<string, StatusCounts>();
  for (const row of rows) {
    const d = departments.get(row.department) ?? emptyCounts();
    for (const counts of [totals, d]) {
      counts.total++;
      counts[row.status]++;
    }
    departments.set(row.department, d);
  }
  return {
    version: label,
    ...totals,
    unreachableWhy: countUnreachable(
      rows.flatMap((r) => (r.unreachableWhy ? [r.unreachableWhy] : [])),
    ),
    byDepartment: [...departments.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([department, c]) => ({ department, ...c })),
  };
}

const SORTS: Record<NonNullable<RowQuery["sort"]>, (r: AcknowledgementRow) => string> = {
  name: (r) => r.displayName.toLowerCase(),
  department: (r) => `${r.department.toLowerCase()}\u0000${r.displayName.toLowerCase()}`,
  status: (r) => `${r.status}\u0000${r.displayName.toLowerCase()}`,
  acknowledgedAt: (r) => r.acknowledgedAt ?? "",
  notifiedAt: (r) => r.notifiedAt ?? "",
};

export async function acknowledgementRows(
  services: AcknowledgementServices,
  label: string,
  query: RowQuery,
): Promise<{ total: number; rows: AcknowledgementRow[] } | undefined> {
  const version = await services.policyVersions.get(label);
  if (!version) return undefined;
  const search = query.search?.trim().toLowerCase();
  const wanted: readonly AckStatus[] =
    query.status === undefined
      ? []
      : typeof query.status === "string"
        ? [query.status]
        : query.status;
  // An empty list filters nothing out, like no status at all.
  const statuses = wanted.length > 0 ? new Set(wanted) : undefined;
  const filtered = (await everyoneFor(services, version, "notified")).filter(
    (r) =>
      (!statuses || statuses.has(r.status)) &&
      (!query.department || r.department === query.department) &&
      (!search ||
        r.displayName.toLowerCase().includes(search) ||
        r.email.toLowerCase().includes(search)),
  );
  const key = SORTS[query.sort ?? "name"];
  const sign = query.direction === "desc" ? -1 : 1;
  filtered.sort((a, b) => sign * key(a).localeCompare(key(b)));
  const offset = Math.max(0, query.offset ?? 0);
  const limit = Math.min(5000, Math.max(1, query.limit ?? 50));
  return { total: filtered.length, rows: filtered.slice(offset, offset + limit) };
}
