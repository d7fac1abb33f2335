import { mayApprovePostAs, mayPublishPost } from "../../domain/people/permissions";
import { ROLE_TITLES, type Person } from "../../domain/people/person";
import { approvalsNeeded, type PostProposal } from "../../domain/posts/postProposal";
import { accept, refuse, type Decision } from "../../domain/result";
import { displayNames } from "../../app/displayNames";
import { readListPage, type ListPage, type PageRequest } from "../../app/listPage";
import type { PostServices } from "./postServices";
import { POST_STATUS_WORDS } from "./postMessages";
import { postProposalKind } from "./postRecords";

/*
 * The dashboard's "posts waiting for approval" panel: posts an approver still has to confirm and
 * posts both approvers confirmed that nobody has posted yet. Oldest first: the post that has
 * waited longest is the one to chase. A page at a time, like the unanswered questions.
 */
export const PENDING_POST_STATUSES = ["awaitingApproval", "readyToPost"] as const;
export type PendingPostStatus = (typeof PENDING_POST_STATUSES)[number];

/** Long posts are cut here: the panel is a to-do list; the full text is on the card in chat. */
export const POST_EXCERPT_LENGTH = 200;

/** Those who act on a pending post: the approvers (the Headteacher among them) and the publishers. */
export function mayViewPendingPosts(person: Person): boolean {
  return mayApprovePostAs(person).length > 0 || mayPublishPost(person);
}

export interface PendingPost {
  readonly postId: string;
  readonly revision: number;
  readonly authorName: string;
  /** The text, cut at POST_EXCERPT_LENGTH characters. */
  readonly excerpt: string;
  readonly truncated: boolean;
  readonly accounts: readonly string[];
  readonly intendedDate: string;
  readonly status: PendingPostStatus;
  readonly statusWords: string;
  /** Role titles whose confirmation the current text still lacks (none once ready to post). */
  readonly approvalsMissing: readonly string[];
  readonly flagCount: number;
  readonly submittedAt: string;
}

export type PendingPostsPage = ListPage<PendingPost>;

/** Cut by code point, so an emoji is never split in half. */
export function excerptOf(
  text: string,
  max = POST_EXCERPT_LENGTH,
): { text: string; truncated: boolean } {
  const chars = Array.from(text);
  if (chars.length <= max) return { text, truncated: false };
  return {
    text: `${chars
      .slice(0, max - 1)
      .join("")
      .trimEnd()}…`,
    truncated: true,
  };
}

function pending(p: PostProposal, authorName: string): PendingPost {
  const excerpt = excerptOf(p.text);
  return {
    postId: p.id,
    revision: p.revision,
    authorName,
    excerpt: excerpt.text,
    truncated: excerpt.truncated,
    accounts: p.accounts,
    intendedDate: p.intendedDate,
    // The query asks for these two statuses only.
    status: p.status as PendingPostStatus,
    statusWords: POST_STATUS_WORDS[p.status],
    approvalsMissing:
      p.status === "awaitingApproval" ? approvalsNeeded(p).map((k) => ROLE_TITLES[k]) : [],
    flagCount: p.flags.length,
    submittedAt: p.submittedAt,
  };
}

export async function pendingPosts(
  services: PostServices,
  viewer: Person,
  page: PageRequest = {},
): Promise<Decision<PendingPostsPage, "POST.NOT_ALLOWED">> {
  if (!mayViewPendingPosts(viewer))
    return refuse(
      "POST.NOT_ALLOWED",
      "Only the approvers, the Headteacher and the Assistant Headteacher (Parents, Publicity & Promotion), and the Resources Manager see posts waiting for approval.",
    );
  const found = await readListPage(
    services.store.collection(postProposalKind),
    {
      where: { status: PENDING_POST_STATUSES },
      orderBy: { field: "submittedAt", direction: "asc" },
    },
    page,
  );
  const people = await displayNames(services);
  return accept({
    ...found,
    items: found.items.map(({ data }) =>
      pending(data, people.get(data.authorId) ?? "A former member of staff"),
    ),
  });
}
