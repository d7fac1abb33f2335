import { makeStyles, Text, tokens } from "@fluentui/react-components";
import { useId } from "react";
import {
  STAFF_STATUSES,
  STATUS_LABELS,
  type Figures,
  type StaffStatus,
} from "../../http/tabApiContract";
import { formatCount, percent } from "../format";

/*
 * Completion as one stacked bar (SVG, no chart library) with the figures beside it as text:
 * the bar is a picture of the figures, and its accessible name says the same in words.
 */

export const STATUS_COLOURS: Record<StaffStatus, string> = {
  acknowledged: tokens.colorPaletteGreenBackground3,
  outstanding: tokens.colorPaletteMarigoldBackground3,
  overdue: tokens.colorPaletteRedBackground3,
  undeliverable: tokens.colorNeutralForeground3,
};

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  headline: { display: "flex", alignItems: "baseline", gap: tokens.spacingHorizontalS },
  rate: {
    fontSize: tokens.fontSizeHero800,
    lineHeight: tokens.lineHeightHero800,
    fontWeight: tokens.fontWeightSemibold,
  },
  bar: {
    width: "100%",
    height: "28px",
    borderRadius: tokens.borderRadiusMedium,
    outline: `1px solid ${tokens.colorNeutralStroke1}`,
    display: "block",
    // High contrast would paint every segment one system colour: keep them apart with patterns of
    // system colours and a visible outline instead.
    "@media (forced-colors: active)": {
      forcedColorAdjust: "none",
      outline: "1px solid CanvasText",
    },
  },
  legend: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(170px, 1fr))",
    gap: tokens.spacingHorizontalM,
    margin: 0,
  },
  item: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, margin: 0 },
  segment: {
    "@media (forced-colors: active)": { stroke: "Canvas", strokeWidth: "0.6px" },
  },
  swatch: {
    width: "14px",
    height: "14px",
    borderRadius: tokens.borderRadiusSmall,
    flexShrink: 0,
    outline: `1px solid ${tokens.colorNeutralStroke1}`,
    "@media (forced-colors: active)": {
      forcedColorAdjust: "none",
      outline: "1px solid CanvasText",
    },
  },
  figure: {
    fontSize: tokens.fontSizeBase500,
    fontWeight: tokens.fontWeightSemibold,
    margin: 0,
    paddingLeft: "22px",
  },
});

export function describeFigures(figures: Figures): string {
  return STAFF_STATUSES.map((s) => `${STATUS_LABELS[s]}: ${formatCount(figures[s])}`).join(", ");
}

export function CompletionChart({ figures }: { figures: Figures }) {
  const styles = useStyles();
  const titleId = useId();
  const rate = percent(figures.acknowledged, figures.total);
  let x = 0;
  const segments = STAFF_STATUSES.map((status) => {
    const width = figures.total === 0 ? 0 : (figures[status] / figures.total) * 100;
    const segment = { status, x, width };
    x += width;
    return segment;
  });
  return (
    <div className={styles.root}>
      <div className={styles.headline}>
        <Text className={styles.rate} data-testid="completion-rate">
          {rate}%
        </Text>
        <Text>
          acknowledged ({formatCount(figures.acknowledged)} of {formatCount(figures.total)} staff)
        </Text>
      </div>
      <svg
        className={styles.bar}
        role="img"
        aria-labelledby={titleId}
        viewBox="0 0 100 10"
        preserveAspectRatio="none"
      >
        <title id={titleId}>{`${rate}% acknowledged. ${describeFigures(figures)}.`}</title>
        {segments
          .filter((s) => s.width > 0)
          .map((s) => (
            <rect
              key={s.status}
              x={s.x}
              y={0}
              width={s.width}
              height={10}
              fill={STATUS_COLOURS[s.status]}
              className={styles.segment}
              vectorEffect="non-scaling-stroke"
            />
          ))}
      </svg>
      <dl className={styles.legend}>
        {STAFF_STATUSES.map((status) => (
          <div key={status}>
            <dt className={styles.item}>
              <span
                className={styles.swatch}
                style={{ background: STATUS_COLOURS[status] }}
                aria-hidden="true"
              />
              <Text>{STATUS_LABELS[status]}</Text>
            </dt>
            <dd className={styles.figure} data-testid={`figure-${status}`}>
              {formatCount(figures[status])}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
