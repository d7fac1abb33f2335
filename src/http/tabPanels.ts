import { unansweredQuestions } from "../app/qa/unansweredQuestions";
import { mayViewUnansweredQuestions } from "../domain/people/permissions";
import type { TabPanel } from "./tabApi";
import { pagedPanel } from "./pagedPanel";
import { PANEL_IDS, type UnansweredQuestionRow } from "./tabApiContract";
import { FEATURES } from "../features";

/*
 * The dashboard panels not yet in a capability module (staff questions still waiting for an
 * answer), then every module's own (src/features/<name>/feature.ts). Each route reads through
 * its use case, which refuses anyone the policy does not let see the list (403 here); the
 * session lists a panel only to those it lets.
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

/** Every panel this API serves, in the order the dashboard shows them. */
export const TAB_PANELS: readonly TabPanel[] = [
  unansweredQuestionsPanel,
  ...FEATURES.flatMap((f) => f.panels ?? []),
];
