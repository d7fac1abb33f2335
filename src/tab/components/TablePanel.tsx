import {
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from "@fluentui/react-components";
import type { PanelColumn, TableRow as Row } from "../../http/tabApiContract";
import { formatCalendarDate, formatDateTime } from "../format";
import type { PanelViewProps } from "../panels";
import { usePanelPages } from "../usePanelPages";
import { PanelPager } from "./PanelPager";

/*
 * A capability module's panel, drawn from the columns its server side declares: the module
 * adds no tab code. Every cell is rendered as text.
 */
const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  wrap: { overflowX: "auto" },
  cell: { whiteSpace: "pre-wrap", overflowWrap: "anywhere" },
});

function cell(value: string | null | undefined, column: PanelColumn, timeZone: string): string {
  if (value === null || value === undefined || value === "") return "—";
  if (column.format === "date") return formatCalendarDate(value);
  if (column.format === "dateTime") return formatDateTime(value, timeZone);
  return value;
}

export function TablePanel({ api, panel, timeZone }: PanelViewProps) {
  const styles = useStyles();
  const table = panel.table!;
  const pages = usePanelPages<Row>(api, panel.path, keyFor(table.rowKey));
  return (
    <div className={styles.root}>
      {pages.items.length > 0 ? (
        <div className={styles.wrap}>
          <Table aria-label={panel.title} size="small">
            <TableHeader>
              <TableRow>
                {table.columns.map((c) => (
                  <TableHeaderCell key={c.key}>{c.title}</TableHeaderCell>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {pages.items.map((row) => (
                <TableRow key={row[table.rowKey] ?? ""} data-testid={`${panel.id}-row`}>
                  {table.columns.map((c) => (
                    <TableCell key={c.key} className={styles.cell}>
                      {cell(row[c.key], c, timeZone)}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      ) : null}
      <PanelPager
        pages={pages}
        noun={table.noun}
        emptyText={table.emptyText}
        testId={`${panel.id}-count`}
      />
    </div>
  );
}

/** One key function per column name, so the loader's dependency stays stable across renders. */
const keyFns = new Map<string, (row: Row) => string>();
function keyFor(rowKey: string): (row: Row) => string {
  let fn = keyFns.get(rowKey);
  if (!fn) {
    fn = (row: Row) => row[rowKey] ?? "";
    keyFns.set(rowKey, fn);
  }
  return fn;
}
