import { ROLE_TITLES } from "../../domain/people/person";
import type { PostDecision, PostProposal } from "../../domain/posts/postProposal";

/*
 * Words about posts that are not card-specific: the tab's pending panel and the author's notices
 * use them as well as the card side (./cards/postCards.ts).
 */
export const POST_STATUS_WORDS: Record<PostProposal["status"], string> = {
  awaitingApproval: "Waiting for approval",
  changesRequested: "Changes requested",
  rejected: "Rejected",
  readyToPost: "Approved: ready to post",
  posted: "Posted",
};

/** "Helen Carter, Headteacher", or "Rachel Green, deputy for Helen Carter as Headteacher". */
export function whoDecided(d: PostDecision, names: ReadonlyMap<string, string>): string {
  const name = (id: string) => names.get(id) ?? "A former member of staff";
  return d.deputyFor
    ? `${name(d.by)}, deputy for ${name(d.deputyFor)} as ${ROLE_TITLES[d.key]}`
    : `${name(d.by)}, ${ROLE_TITLES[d.key]}`;
}
