import { pendingPosts, mayViewPendingPosts } from "../app/posts/pendingPosts";
import { unansweredQuestions } from "../app/qa/unansweredQuestions";
import { mayViewUnansweredQuestions } from "../domain/people/permissions";
import type { TabPanel } from "./tabApi";
import { pagedPanel } from "./pagedPanel";
import { PANEL_IDS, type PendingPostRow, type UnansweredQuestionRow } from "./tabApiContract";
import { FEATURES } from "../features";

/*
 * The dashboard panels of other capabilities: staff questions still waiting for an answer, and
 * posts waiting for approval. Each route reads through its use case, which refuses anyone the
 * policy does not let see the list (403 here); the session lists a panel only to those it lets.
 */

export const unansweredQuestionsPanel = pagedPanel({
  info: {
    id: PANEL_IDS.unansweredQuestions,
    title: "Questions waiting for an answer",
    path: "/questions/unanswered",
  },
  visibleTo: mayViewUnansweredQuestions,
  read: unansweredQuestions,
  // Only what the panel shows: the answer the bot gave stays in chat.
  row: (q): UnansweredQuestionRow => ({
    questionId: q.questionId,
    question: q.question,
    askedAt: q.askedAt,
    reason: q.reason,
    askedBy: q.askedBy,
    escalatedAt: q.escalatedAt,
    policyVersion: q.policyVersion,
  }),
});

export const pendingPostsPanel = pagedPanel({
  info: { id: PANEL_IDS.pendingPosts, title: "Posts waiting for approval", path: "/posts/pending" },
  visibleTo: mayViewPendingPosts,
  read: pendingPosts,
  row: (p): PendingPostRow => ({
    postId: p.postId,
    authorName: p.authorName,
    excerpt: p.excerpt,
    truncated: p.truncated,
    accounts: p.accounts,
    intendedDate: p.intendedDate,
    status: p.status,
    statusWords: p.statusWords,
    approvalsMissing: p.approvalsMissing,
    flagCount: p.flagCount,
    submittedAt: p.submittedAt,
  }),
});

/** Every panel this API serves, in the order the dashboard shows them. */
export const TAB_PANELS: readonly TabPanel[] = [
  unansweredQuestionsPanel,
  pendingPostsPanel,
  ...FEATURES.flatMap((f) => f.panels ?? []),
];
