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
  type BadgeProps,
} from "@fluentui/react-components";
import {
  QUESTION_REASON_LABELS,
  type QuestionReason,
  type UnansweredQuestionRow,
} from "../../http/tabApiContract";
import { formatDateTime } from "../format";
import type { PanelViewProps } from "../panels";
import { usePanelPages } from "../usePanelPages";
import { PanelPager } from "./PanelPager";

/*
 * Staff questions the policy did not settle: sent to the policy owner and not yet answered, or
 * answered in a way the asker marked not helpful. Newest first. The asker is named only where
 * the API names them (they sent it to the policy owner themselves). Text is rendered as text.
 */

const REASON_COLOURS: Record<QuestionReason, BadgeProps["color"]> = {
  waitingForPolicyOwner: "warning",
  notHelpful: "informative",
};

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  wrap: { overflowX: "auto" },
  question: { minWidth: "280px", whiteSpace: "pre-wrap", overflowWrap: "anywhere" },
  when: { whiteSpace: "nowrap" },
  muted: { color: tokens.colorNeutralForeground3 },
  reason: { whiteSpace: "normal", height: "auto", textAlign: "start" },
});

const questionKey = (q: UnansweredQuestionRow) => q.questionId;

export function UnansweredQuestionsPanel({ api, panel, timeZone }: PanelViewProps) {
  const styles = useStyles();
  const pages = usePanelPages(api, panel.path, questionKey);
  return (
    <div className={styles.root}>
      {pages.items.length > 0 ? (
        <div className={styles.wrap}>
          <Table aria-label={panel.title} size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Question</TableHeaderCell>
                <TableHeaderCell>Asked</TableHeaderCell>
                <TableHeaderCell>Why it is listed</TableHeaderCell>
                <TableHeaderCell>Asked by</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {pages.items.map((q) => (
                <TableRow key={q.questionId} data-testid="unanswered-question">
                  <TableCell className={styles.question}>{q.question}</TableCell>
                  <TableCell className={styles.when}>
                    {formatDateTime(q.askedAt, timeZone)}
                  </TableCell>
                  <TableCell>
                    <Badge
                      appearance="tint"
                      color={REASON_COLOURS[q.reason]}
                      className={styles.reason}
                    >
                      {QUESTION_REASON_LABELS[q.reason]}
                    </Badge>
                  </TableCell>
                  <TableCell>
                    {q.askedBy ?? <Text className={styles.muted}>Not shared</Text>}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      ) : null}
      <PanelPager
        pages={pages}
        noun="questions"
        emptyText="No questions are waiting: every question asked has been answered."
        testId="unanswered-count"
      />
    </div>
  );
}
