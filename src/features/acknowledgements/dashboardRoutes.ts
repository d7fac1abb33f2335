import { DateTime } from "luxon";
import type restify from "restify";
import {
  countUnreachable,
  describeUnreachable,
  UNREACHABLE_FIX,
  UNREACHABLE_WORDS,
} from "../../domain/acknowledgements/unreachable";
import { departmentsForGovernors } from "../../domain/acknowledgements/figuresForGovernors";
import { mayRemindOutstanding } from "../../domain/people/permissions";
import { toCsv } from "../../http/csvCells";
import { EXPORT_PATH } from "../../http/exportLinks";
import {
  dashboardAccess,
  requireAccess,
  requireNames,
  valid,
  type TabRouteContext,
} from "../../http/tabApi";
import {
  STATUS_LABELS,
  TAB_API,
  type ExportLink,
  type ReminderProgress,
  type ReminderStarted,
  type RowsPage,
  type StaffRow,
  type VersionInfo,
  type VersionSummary,
} from "../../http/tabApiContract";
import {
  parseCampaignQuery,
  parseRowFilter,
  parseRowsRequest,
  parseVersionParam,
  remindBodySchema,
  type RowFilter,
} from "../../http/tabQuery";
import { sendTabError, setPersonalDataHeaders, TabHttpError } from "../../http/tabSession";
import {
  acknowledgementRows,
  acknowledgementSummary,
  listVersions,
  type AcknowledgementRow,
} from "./acknowledgementQueries";
import { remindOutstanding } from "./remindOutstanding";
import { unreachableWhyOf } from "./unreachable";

/*
 * The acknowledgements dashboard's JSON: each version's figures, the staff list, its CSV export
 * (by the signed-in route or a short-lived link) and the reminders. Every route signs the caller
 * in and asks the permission functions what they may see: the Chair of Governors gets figures,
 * never names.
 */

/** The largest page the acknowledgement queries hand out; an export pages through at this size. */
const EXPORT_PAGE = 5000;

function versionFrom(req: restify.Request): string {
  return valid(parseVersionParam(req.params?.version));
}

function unknownVersion(version: string): TabHttpError {
  return new TabHttpError(404, "TAB.UNKNOWN_VERSION", `There is no policy version ${version}.`);
}

function staffRow(row: AcknowledgementRow): StaffRow {
  return {
    aadObjectId: row.aadObjectId,
    displayName: row.displayName,
    department: row.department,
    status: row.status,
    acknowledgedAt: row.acknowledgedAt,
    notifiedAt: row.notifiedAt,
    unreachableWhy: row.unreachableWhy ? UNREACHABLE_WORDS[row.unreachableWhy] : null,
  };
}

/** A filter as the query parameters that parse back to it (what an export link carries). */
function filterParams(filter: RowFilter): Record<string, string> {
  const params: Record<string, string> = { sort: filter.sort, order: filter.order };
  if (filter.status) params.status = filter.status;
  if (filter.department) params.department = filter.department;
  if (filter.search) params.q = filter.search;
  return params;
}

function rowQuery(filter: RowFilter) {
  return {
    status: filter.status,
    department: filter.department,
    search: filter.search,
    sort: filter.sort,
    direction: filter.order,
  };
}

/** Registered by the tab API (the feature's `tabRoutes`). */
export function acknowledgementsDashboard(
  server: restify.Server,
  { services, route, exportLinks, logger }: TabRouteContext,
): void {
  const schoolTime = (iso: string | null) =>
    iso ? DateTime.fromISO(iso).setZone(services.schoolTimeZone).toFormat("yyyy-MM-dd HH:mm") : "";

  /** Every department on the roster (whom the rows are drawn from), for the tab's filter. */
  async function departments(): Promise<string[]> {
    const people = await services.directory.all();
    return [...new Set(people.map((p) => p.department))].sort((a, b) => a.localeCompare(b));
  }

  /** Every row the filter selects, as the CSV the school opens in a spreadsheet. */
  async function acknowledgementsCsv(
    version: string,
    filter: RowFilter,
  ): Promise<{ csv: string; filename: string; rows: number; version: string }> {
    const rows: AcknowledgementRow[] = [];
    for (;;) {
      const found = await acknowledgementRows(services, version, {
        ...rowQuery(filter),
        offset: rows.length,
        limit: EXPORT_PAGE,
      });
      if (!found) throw unknownVersion(version);
      rows.push(...found.rows);
      if (found.rows.length === 0 || rows.length >= found.total) break;
    }
    const zone = services.schoolTimeZone;
    const csv = toCsv(
      ["Name", "Email", "Department", "Status", `Acknowledged (${zone})`, `Notified (${zone})`],
      rows.map((r) => [
        r.displayName,
        r.email,
        r.department,
        STATUS_LABELS[r.status],
        schoolTime(r.acknowledgedAt),
        schoolTime(r.notifiedAt),
      ]),
    );
    const day = DateTime.fromJSDate(services.clock.now()).setZone(zone).toISODate();
    const filename = `acknowledgements-${version}-${filter.status ?? "all"}-${day}.csv`;
    return { csv, filename, rows: rows.length, version };
  }

  function sendCsv(
    res: restify.Response,
    file: { csv: string; filename: string; rows: number; version: string },
    requestId: string,
  ): void {
    // Who exported what is worth an operator's note; the names in it are not.
    logger.info({ requestId, version: file.version, rows: file.rows }, "acknowledgements exported");
    res.setHeader("Content-Type", "text/csv; charset=utf-8");
    res.setHeader("Content-Disposition", `attachment; filename="${file.filename}"`);
    res.writeHead(200);
    res.end(file.csv);
  }

  // The version in force and the upcoming one; superseded versions are history, not work.
  server.get(
    `${TAB_API}/versions`,
    route(async (_req, res, person) => {
      requireAccess(person);
      const versions: VersionInfo[] = (await listVersions(services))
        .filter((v) => v.state !== "superseded")
        .sort((a, b) => (a.state === b.state ? 0 : a.state === "in force" ? -1 : 1))
        .map((v) => ({
          version: v.label,
          title: v.label,
          state: v.state === "in force" ? "in-force" : "upcoming",
          effectiveFrom: v.effectiveFrom,
          dueBy: v.dueBy,
        }));
      res.send(200, { versions });
    }),
  );

  server.get(
    `${TAB_API}/versions/:version/summary`,
    route(async (req, res, person) => {
      const access = requireAccess(person);
      const version = versionFrom(req);
      const summary = await acknowledgementSummary(services, version);
      if (!summary) throw unknownVersion(version);
      const { total, acknowledged, outstanding, overdue, undeliverable } = summary;
      const body: VersionSummary = {
        version,
        figures: { total, acknowledged, outstanding, overdue, undeliverable },
        unreachable: { why: describeUnreachable(summary.unreachableWhy), fix: UNREACHABLE_FIX },
        byDepartment:
          access === "names" ? summary.byDepartment : departmentsForGovernors(summary.byDepartment),
      };
      res.send(200, body);
    }),
  );

  server.get(
    `${TAB_API}/versions/:version/rows`,
    route(async (req, res, person) => {
      requireNames(person);
      const version = versionFrom(req);
      const request = valid(parseRowsRequest(req.query));
      const found = await acknowledgementRows(services, version, {
        ...rowQuery(request),
        offset: (request.page - 1) * request.pageSize,
        limit: request.pageSize,
      });
      if (!found) throw unknownVersion(version);
      const body: RowsPage = {
        rows: found.rows.map(staffRow),
        total: found.total,
        page: request.page,
        pageSize: request.pageSize,
        departments: await departments(),
      };
      res.send(200, body);
    }),
  );

  // The CSV itself for API clients that send the sign-in header; the tab uses a link (below).
  server.get(
    `${TAB_API}/versions/:version/rows.csv`,
    route(async (req, res, person) => {
      requireNames(person);
      const version = versionFrom(req);
      const filter = valid(parseRowFilter(req.query));
      sendCsv(res, await acknowledgementsCsv(version, filter), req.id());
    }),
  );

  // A link the host can download without the tab's sign-in header (new Teams, mobile).
  server.post(
    `${TAB_API}/versions/:version/rows.csv/link`,
    route(async (req, res, person) => {
      requireNames(person);
      const version = versionFrom(req);
      const filter = valid(parseRowFilter(req.query));
      const body = remindBodySchema.safeParse(req.body ?? {});
      if (!body.success)
        throw new TabHttpError(400, "TAB.BAD_REQUEST", "Bad request: the body must be empty.");
      if (!(await listVersions(services)).some((v) => v.label === version))
        throw unknownVersion(version);
      const link = await exportLinks.issue({
        kind: "acknowledgements",
        userId: person.aadObjectId,
        access: "names",
        params: { version, ...filterParams(filter) },
      });
      const answer: ExportLink = link;
      res.send(200, answer);
    }),
  );

  server.get(`${EXPORT_PATH}/:file`, async (req, res) => {
    setPersonalDataHeaders(res);
    // The token is in the address: nothing this answer links to may be told it.
    res.setHeader("Referrer-Policy", "no-referrer");
    const refuse = (status: number, code: string, message: string) => {
      logger.info({ requestId: req.id(), code }, "export link refused");
      sendTabError(res, status, code, message);
    };
    try {
      const file = /^([a-z]+)\.csv$/.exec(String(req.params?.file ?? ""));
      if (!file) return refuse(404, "EXPORT.UNKNOWN", "There is no such export.");
      const token = typeof req.query?.token === "string" ? req.query.token : undefined;
      const check = await exportLinks.check(token, file[1]!);
      if (!check.ok) return refuse(check.status, check.code, check.message);
      // The role is checked again now: a link outlives nothing it was issued for.
      const person = await services.directory.find(check.grant.userId);
      if (!person || dashboardAccess(person) !== "names" || check.grant.access !== "names")
        return refuse(
          403,
          "EXPORT.ROLE",
          "Your role no longer includes the staff list, so this export is not available to you.",
        );
      const { version, ...query } = check.grant.params;
      const parsedVersion = parseVersionParam(version);
      const filter = parseRowFilter(query);
      if (!parsedVersion.ok || !filter.ok)
        return refuse(401, "EXPORT.BAD_TOKEN", "This download link is not valid. Export again.");
      sendCsv(res, await acknowledgementsCsv(parsedVersion.value, filter.value), req.id());
    } catch (error) {
      if (error instanceof TabHttpError) return refuse(error.status, error.code, error.message);
      logger.error({ requestId: req.id(), err: (error as Error).message }, "export failed");
      if (!res.headersSent)
        sendTabError(res, 500, "TAB.INTERNAL", "Something went wrong on the server. Try again.");
    }
    return undefined;
  });

  server.post(
    `${TAB_API}/versions/:version/reminders`,
    route(async (req, res, person) => {
      requireNames(person);
      const version = versionFrom(req);
      const body = remindBodySchema.safeParse(req.body ?? {});
      if (!body.success)
        throw new TabHttpError(400, "TAB.BAD_REQUEST", "Bad request: the body must be empty.");
      const decision = await remindOutstanding(services, person, version);
      if (!decision.ok) {
        const status = {
          "REMIND.ROLE": 403,
          "REMIND.UNKNOWN_VERSION": 404,
          "REMIND.SUPERSEDED": 409,
        }[decision.code];
        throw new TabHttpError(status, decision.code, decision.reason);
      }
      const started: ReminderStarted = {
        campaign: decision.value.campaign,
        recipients: decision.value.queued,
        notReminded: decision.value.notReminded,
        notRemindedWhy: describeUnreachable(decision.value.notRemindedWhy),
      };
      res.send(202, started);
    }),
  );

  server.get(
    `${TAB_API}/reminders/progress`,
    route(async (req, res, person) => {
      requireAccess(person);
      if (!mayRemindOutstanding(person)) {
        throw new TabHttpError(
          403,
          "TAB.NO_REMINDERS",
          "Only the Headteacher and the policy owner send reminders.",
        );
      }
      const campaign = valid(parseCampaignQuery(req.query));
      const progress = await services.outbox.progress(campaign);
      const undelivered =
        progress.undeliverable + progress.failed > 0
          ? (await services.outbox.campaignMessages(campaign)).filter(
              (m) => m.status === "undeliverable" || m.status === "failed",
            )
          : [];
      const body: ReminderProgress = {
        campaign,
        ...progress,
        done: progress.pending === 0,
        unreachable: {
          why: describeUnreachable(countUnreachable(undelivered.map(unreachableWhyOf))),
          fix: UNREACHABLE_FIX,
        },
      };
      res.send(200, body);
    }),
  );
}
