import type { Person } from "../../domain/people/person";
import type { CardMessage } from "../../ports";
import { viewFor } from "./postApprovals";
import { postProposalKind } from "./postRecords";
import type { PostServices } from "./postServices";

/** "My posts" shows the latest few; each card says where that post is. */
export const MY_POSTS_SHOWN = 5;

/**
 * The posts a person proposed, newest first, each as its card looks to them (through the
 * PostCards port); none when they have proposed nothing yet.
 */
export async function myPosts(services: PostServices, author: Person): Promise<CardMessage[]> {
  const page = await services.store.collection(postProposalKind).find({
    where: { authorId: author.aadObjectId },
    orderBy: { field: "submittedAt", direction: "desc" },
    limit: MY_POSTS_SHOWN,
  });
  return Promise.all(page.items.map((r) => viewFor(services, r.data, author)));
}
