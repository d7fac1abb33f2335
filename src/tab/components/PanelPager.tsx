import { Button, makeStyles, Spinner, Text, tokens } from "@fluentui/react-components";
import { formatCount } from "../format";
import type { PanelPages } from "../usePanelPages";

/** Below a panel's table: what is shown of how many, "Load more", and any failure as it is. */

const useStyles = makeStyles({
  footer: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalM,
    flexWrap: "wrap",
  },
  error: { color: tokens.colorPaletteRedForeground1 },
});

export interface PanelPagerProps {
  readonly pages: PanelPages<unknown>;
  /** Plural, e.g. "questions". */
  readonly noun: string;
  readonly emptyText: string;
  readonly testId: string;
}

export function PanelPager({ pages, noun, emptyText, testId }: PanelPagerProps) {
  const styles = useStyles();
  return (
    <>
      {pages.error ? (
        <Text role="alert" className={styles.error}>
          {pages.error}
        </Text>
      ) : null}
      {!pages.loaded && pages.loading ? <Spinner size="small" label={`Loading ${noun}…`} /> : null}
      {pages.loaded && pages.total === 0 ? <Text>{emptyText}</Text> : null}
      {pages.loaded && pages.total > 0 ? (
        <div className={styles.footer}>
          <Text aria-live="polite" data-testid={testId}>
            {`Showing ${formatCount(pages.items.length)} of ${formatCount(pages.total)} ${noun}`}
          </Text>
          {pages.hasMore ? (
            <Button onClick={pages.loadMore} disabled={pages.loading}>
              {pages.loading ? "Loading…" : `Load more ${noun}`}
            </Button>
          ) : null}
        </div>
      ) : null}
    </>
  );
}
