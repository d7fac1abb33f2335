import { pendingPosts, mayViewPendingPosts } from "../app/posts/pendingPosts";
import { unansweredQuestions } from "../app/qa/unansweredQuestions";
import { mayViewUnansweredQuestions } from "../domain/people/permissions";
import { StoreUsageError } from "../store/recordRules";
import { valid, type TabPanel } from "./tabApi";
import type { ListPage } from "../app/listPage";
import type { AppServices } from "../app/services";
import type { Person } from "../domain/people/person";
import type { Decision } from "../domain/result";
import {
  PANEL_IDS,
  TAB_API,
  type PanelInfo,
  type PanelPage,
  type PendingPostRow,
  type UnansweredQuestionRow,
} from "./tabApiContract";
import { parsePanelPage, type PanelPageRequest } from "./tabQuery";
import { TabHttpError } from "./tabSession";
import { FEATURES } from "../features";

/*
 * The dashboard panels of other capabilities: staff questions still waiting for an answer, and
 * posts waiting for approval. Each route reads through its use case, which refuses anyone the
 * policy does not let see the list (403 here); the session lists a panel only to those it lets.
 */

/** A page read with the caller's cursor; a cursor the store did not issue is their mistake, a 400. */
async function withCursor<T>(request: PanelPageRequest, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (request.cursor !== undefined && error instanceof StoreUsageError) {
      throw new TabHttpError(
        400,
        "TAB.BAD_REQUEST",
        "Bad query: cursor is not one this list gave out. Start again from the first page.",
      );
    }
    throw error;
  }
}

function refused(decision: { code: string; reason: string }): TabHttpError {
  return new TabHttpError(403, decision.code, decision.reason);
}

/** One list panel: its route signs the caller in, checks the query, asks the use case, trims the rows. */
export function pagedPanel<T, Row>(spec: {
  readonly info: PanelInfo;
  readonly visibleTo: TabPanel["visibleTo"];
  readonly read: (
    services: AppServices,
    person: Person,
    page: PanelPageRequest,
  ) => Promise<Decision<ListPage<T>>>;
  readonly row: (item: T) => Row;
}): TabPanel {
  return {
    info: spec.info,
    visibleTo: spec.visibleTo,
    register(server, { services, route }) {
      server.get(
        `${TAB_API}${spec.info.path}`,
        route(async (req, res, person) => {
          const request = valid(parsePanelPage(req.query));
          const decision = await withCursor(request, () => spec.read(services, person, request));
          if (!decision.ok) throw refused(decision);
          const { items, nextCursor, total } = decision.value;
          const body: PanelPage<Row> = {
            items: items.map(spec.row),
            ...(nextCursor ? { nextCursor } : {}),
            total,
          };
          res.send(200, body);
        }),
      );
    },
  };
}

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
