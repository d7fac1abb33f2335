import {
  Badge,
  Button,
  Field,
  makeStyles,
  SearchBox,
  Select,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
  type BadgeProps,
} from "@fluentui/react-components";
import { useEffect, useState } from "react";
import {
  STAFF_STATUSES,
  STATUS_LABELS,
  type RowSort,
  type RowsPage,
  type StaffStatus,
} from "../../http/tabApiContract";
import type { DashboardApi, RowQuery } from "../api";
import { formatCount, formatDateTime } from "../format";

/*
 * The staff list for one version: filtered, searched, sorted and paged by the server, so 5,000
 * staff cost the browser one page at a time. Export downloads the same filter as CSV.
 */

const PAGE_SIZE = 50;
const SEARCH_DELAY_MS = 300;

const BADGE_COLOURS: Record<StaffStatus, BadgeProps["color"]> = {
  acknowledged: "success",
  outstanding: "warning",
  overdue: "danger",
  undeliverable: "informative",
};

const COLUMNS: { sort: RowSort; label: string }[] = [
  { sort: "name", label: "Name" },
  { sort: "department", label: "Department" },
  { sort: "status", label: "Status" },
  { sort: "acknowledgedAt", label: "Acknowledged" },
  { sort: "notifiedAt", label: "Notified" },
];

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  filters: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalL, alignItems: "end" },
  wrap: { overflowX: "auto", minHeight: "120px" },
  pager: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalM,
    flexWrap: "wrap",
  },
  grow: { flexGrow: 1 },
});

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export interface StaffTableProps {
  readonly api: DashboardApi;
  readonly version: string;
  readonly timeZone: string;
  /** Bumped after reminders are sent, so notification times refresh. */
  readonly refreshKey: number;
}

export function StaffTable({ api, version, timeZone, refreshKey }: StaffTableProps) {
  const styles = useStyles();
  const [status, setStatus] = useState<StaffStatus | "">("");
  const [department, setDepartment] = useState("");
  const [searchText, setSearchText] = useState("");
  const search = useDebounced(searchText, SEARCH_DELAY_MS);
  const [sort, setSort] = useState<RowSort>("name");
  const [order, setOrder] = useState<"asc" | "desc">("asc");
  const [page, setPage] = useState(1);
  const [data, setData] = useState<RowsPage | undefined>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | undefined>();
  const [exporting, setExporting] = useState(false);

  const query: RowQuery = {
    status,
    department,
    search,
    sort,
    order,
  };
  const queryKey = JSON.stringify(query);

  // A new filter starts again at page 1.
  useEffect(() => setPage(1), [queryKey, version]);

  useEffect(() => {
    let current = true;
    setLoading(true);
    api
      .rows(version, JSON.parse(queryKey) as RowQuery, page, PAGE_SIZE)
      .then((result) => {
        if (!current) return;
        setData(result);
        setError(undefined);
      })
      .catch((e: Error) => current && setError(e.message))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [api, version, queryKey, page, refreshKey]);

  function sortBy(column: RowSort) {
    if (column === sort) setOrder(order === "asc" ? "desc" : "asc");
    else {
      setSort(column);
      setOrder("asc");
    }
  }

  async function exportCsv() {
    setExporting(true);
    try {
      await api.exportCsv(version, query);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setExporting(false);
    }
  }

  const total = data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const first = total === 0 ? 0 : (page - 1) * PAGE_SIZE + 1;
  const last = Math.min(total, page * PAGE_SIZE);

  return (
    <div className={styles.root}>
      <div className={styles.filters} role="search" aria-label="Filter staff">
        <Field label="Status">
          <Select value={status} onChange={(_e, d) => setStatus(d.value as StaffStatus | "")}>
            <option value="">All statuses</option>
            {STAFF_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Department">
          <Select value={department} onChange={(_e, d) => setDepartment(d.value)}>
            <option value="">All departments</option>
            {(data?.departments ?? []).map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Search by name">
          <SearchBox
            value={searchText}
            onChange={(_e, d) => setSearchText(d.value)}
            placeholder="Name"
          />
        </Field>
        <span className={styles.grow} />
        <Button onClick={() => void exportCsv()} disabled={exporting || total === 0}>
          {exporting ? "Exporting…" : "Export CSV"}
        </Button>
      </div>
      {error ? (
        <Text role="alert" style={{ color: tokens.colorPaletteRedForeground1 }}>
          {error}
        </Text>
      ) : null}
      <div className={styles.wrap} aria-busy={loading}>
        <Table sortable aria-label="Staff acknowledgements" size="small">
          <TableHeader>
            <TableRow>
              {COLUMNS.map((c) => (
                <TableHeaderCell
                  key={c.sort}
                  sortDirection={
                    c.sort === sort ? (order === "asc" ? "ascending" : "descending") : undefined
                  }
                  onClick={() => sortBy(c.sort)}
                >
                  {c.label}
                </TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {(data?.rows ?? []).map((row) => (
              <TableRow key={row.aadObjectId} data-testid="staff-row">
                <TableCell>{row.displayName}</TableCell>
                <TableCell>{row.department}</TableCell>
                <TableCell>
                  {row.status === "undeliverable" ? (
                    // Both facts: not acknowledged, and why the policy could not reach them.
                    <>
                      <Badge appearance="tint" color="warning">
                        Not acknowledged
                      </Badge>{" "}
                      <Text size={200}>
                        Could not be reached: {row.unreachableWhy ?? "not delivered"}
                      </Text>
                    </>
                  ) : (
                    <Badge appearance="tint" color={BADGE_COLOURS[row.status]}>
                      {STATUS_LABELS[row.status]}
                    </Badge>
                  )}
                </TableCell>
                <TableCell>{formatDateTime(row.acknowledgedAt, timeZone)}</TableCell>
                <TableCell>{formatDateTime(row.notifiedAt, timeZone)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        {loading && !data ? <Spinner label="Loading staff…" /> : null}
        {data && total === 0 ? <Text>No staff match these filters.</Text> : null}
      </div>
      <nav className={styles.pager} aria-label="Pages">
        <Text aria-live="polite" data-testid="row-count">
          {total === 0
            ? "0 staff"
            : `${formatCount(first)}–${formatCount(last)} of ${formatCount(total)} staff`}
        </Text>
        <Button onClick={() => setPage(page - 1)} disabled={page <= 1 || loading}>
          Previous
        </Button>
        <Text>
          Page {formatCount(page)} of {formatCount(pages)}
        </Text>
        <Button onClick={() => setPage(page + 1)} disabled={page >= pages || loading}>
          Next
        </Button>
      </nav>
    </div>
  );
}
