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
import type { DepartmentFigures } from "../../http/tabApiContract";
import { formatCount, percent } from "../format";
import { STATUS_COLOURS } from "./CompletionChart";

/** One row per department, with a small bar so the department that lags stands out. */

const useStyles = makeStyles({
  wrap: { overflowX: "auto" },
  number: { textAlign: "right", fontVariantNumeric: "tabular-nums" },
  numberHeader: { justifyContent: "flex-end", textAlign: "right" },
  rateCell: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS },
  track: {
    width: "80px",
    height: "8px",
    borderRadius: tokens.borderRadiusSmall,
    background: tokens.colorNeutralBackground5,
    outline: `1px solid ${tokens.colorNeutralStroke1}`,
    overflow: "hidden",
    flexShrink: 0,
    "@media (forced-colors: active)": { outline: "1px solid CanvasText", background: "Canvas" },
  },
  fill: {
    height: "100%",
    background: STATUS_COLOURS.acknowledged,
    // High contrast drops background colours: draw the filled part in the system's highlight.
    "@media (forced-colors: active)": { forcedColorAdjust: "none", background: "Highlight" },
  },
});

export function DepartmentBreakdown({
  departments,
}: {
  departments: readonly DepartmentFigures[];
}) {
  const styles = useStyles();
  return (
    <div className={styles.wrap}>
      <Table aria-label="Acknowledgements by department" size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Department</TableHeaderCell>
            <TableHeaderCell button={{ className: styles.numberHeader }}>Staff</TableHeaderCell>
            <TableHeaderCell button={{ className: styles.numberHeader }}>
              Acknowledged
            </TableHeaderCell>
            <TableHeaderCell button={{ className: styles.numberHeader }}>
              Outstanding
            </TableHeaderCell>
            <TableHeaderCell button={{ className: styles.numberHeader }}>Overdue</TableHeaderCell>
            <TableHeaderCell button={{ className: styles.numberHeader }}>
              Could not be reached
            </TableHeaderCell>
            <TableHeaderCell>Complete</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {departments.map((d) => {
            const rate = percent(d.acknowledged, d.total);
            return (
              <TableRow key={d.department} data-testid="department-row">
                <TableCell>{d.department}</TableCell>
                <TableCell className={styles.number}>{formatCount(d.total)}</TableCell>
                <TableCell className={styles.number}>{formatCount(d.acknowledged)}</TableCell>
                <TableCell className={styles.number}>{formatCount(d.outstanding)}</TableCell>
                <TableCell className={styles.number}>{formatCount(d.overdue)}</TableCell>
                <TableCell className={styles.number}>{formatCount(d.undeliverable)}</TableCell>
                <TableCell>
                  <span className={styles.rateCell}>
                    <span className={styles.track} aria-hidden="true">
                      <span
                        className={styles.fill}
                        style={{ width: `${rate}%`, display: "block" }}
                      />
                    </span>
                    {rate}%
                  </span>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
