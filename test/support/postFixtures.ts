import type { PostProposal } from "../../src/domain/posts/postProposal";

/** The Staff Protocol checklist on a post proposal card, every box ticked (as Teams submits it). */
export const STAFF_PROTOCOL_TICKED = {
  parentalPermission: "true",
  noIdentifyingInformation: "true",
  positiveAndRelevant: "true",
  approvedDevice: "true",
  deletedFromPersonalDevice: "true",
};

/** The Staff Protocol checklist as the domain holds it, every box ticked. */
export const ALL_TICKED = {
  parentalPermission: true,
  noIdentifyingInformation: true,
  positiveAndRelevant: true,
  approvedDevice: true,
  deletedFromPersonalDevice: true,
};

/** What an author writes on the post form. */
export const POST_CONTENT = {
  text: "Well done Year 5 on the science fair!",
  accounts: ["Facebook"],
  intendedDate: "2026-12-01",
  imageLinks: [],
  checklist: ALL_TICKED,
};

/** A first revision, just sent for approval by "author", nothing decided. */
export const AWAITING_POST: PostProposal = {
  ...POST_CONTENT,
  id: "P-1",
  authorId: "author",
  revision: 1,
  previousText: null,
  flags: [],
  sentAnywayReason: null,
  consentOverride: null,
  escalatedTo: [],
  status: "awaitingApproval",
  decisions: [],
  submittedAt: "t",
  postedLink: null,
  postedAt: null,
  postedBy: null,
};
