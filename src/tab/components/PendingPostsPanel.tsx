import {
  Badge,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from "@fluentui/react-components";
import type { PendingPostRow } from "../../http/tabApiContract";
import { formatCalendarDate, formatCount } from "../format";
import type { PanelViewProps } from "../panels";
import { usePanelPages } from "../usePanelPages";
import { PanelPager } from "./PanelPager";

/*
 * Posts for the school's accounts that are waiting on someone: approvals still missing, or
 * approved and not yet posted. Oldest first. Deciding stays on the card in chat, where the
 * approver's role is checked and recorded; this is the overview.
 */

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  wrap: { overflowX: "auto" },
  text: { minWidth: "240px", whiteSpace: "pre-wrap", overflowWrap: "anywhere" },
  nowrap: { whiteSpace: "nowrap" },
  muted: { color: tokens.colorNeutralForeground3 },
  badge: { whiteSpace: "normal", height: "auto", textAlign: "start" },
});

const postKey = (p: PendingPostRow) => p.postId;

function flagWords(count: number): string {
  return `${formatCount(count)} ${count === 1 ? "flag" : "flags"} to check`;
}

export function PendingPostsPanel({ api, panel }: PanelViewProps) {
  const styles = useStyles();
  const pages = usePanelPages(api, panel.path, postKey);
  return (
    <div className={styles.root}>
      {pages.items.length > 0 ? (
        <div className={styles.wrap}>
          <Table aria-label={panel.title} size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Proposed by</TableHeaderCell>
                <TableHeaderCell>Post</TableHeaderCell>
                <TableHeaderCell>Accounts</TableHeaderCell>
                <TableHeaderCell>Intended date</TableHeaderCell>
                <TableHeaderCell>Status</TableHeaderCell>
                <TableHeaderCell>Still to approve</TableHeaderCell>
                <TableHeaderCell>Safeguarding</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {pages.items.map((p) => (
                <TableRow key={p.postId} data-testid="pending-post">
                  <TableCell>{p.authorName}</TableCell>
                  <TableCell className={styles.text}>{p.excerpt}</TableCell>
                  <TableCell>{p.accounts.join(", ")}</TableCell>
                  <TableCell className={styles.nowrap}>
                    {formatCalendarDate(p.intendedDate)}
                  </TableCell>
                  <TableCell>
                    <Badge
                      appearance="tint"
                      color={p.status === "readyToPost" ? "success" : "warning"}
                      className={styles.badge}
                    >
                      {p.statusWords}
                    </Badge>
                  </TableCell>
                  <TableCell>
                    {p.approvalsMissing.length > 0 ? (
                      p.approvalsMissing.join(" and ")
                    ) : (
                      <Text className={styles.muted}>Both approvals given</Text>
                    )}
                  </TableCell>
                  <TableCell>
                    {p.flagCount > 0 ? (
                      <Badge appearance="tint" color="danger" className={styles.badge}>
                        {flagWords(p.flagCount)}
                      </Badge>
                    ) : (
                      <Text className={styles.muted}>None</Text>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      ) : null}
      <PanelPager
        pages={pages}
        noun="posts"
        emptyText="No posts are waiting for approval or to be posted."
        testId="pending-posts-count"
      />
    </div>
  );
}
