import { pagedPanel } from "../../http/pagedPanel";
import { PANEL_IDS, type PendingPostRow } from "../../http/tabApiContract";
import { findAll } from "../../store/findAll";
import { anyKind, type Feature } from "../feature";
import { DEPUTY_VERBS } from "./approverDeputies";
import { mayViewPendingPosts, pendingPosts } from "./pendingPosts";
import { postFeature } from "./postHandlers";
import { POST_VERBS } from "./cards/postVerbs";
import { approverDeputyKind, postAuditKind, postProposalKind } from "./postRecords";
import { postJobs } from "./postSchedule";

/**
 * Posts for the school's accounts, approved in Teams as the Staff Protocol asks: proposed,
 * confirmed by the AHT (publicity) and the Headteacher (or their deputies), then marked posted.
 */
export const postApprovalsFeature: Feature = {
  name: "postApprovals",
  recordKinds: [anyKind(postProposalKind), anyKind(postAuditKind), anyKind(approverDeputyKind)],
  verbs: {
    ...POST_VERBS,
    nameDeputy: DEPUTY_VERBS.name,
    endDeputy: DEPUTY_VERBS.end,
  },
  bot: (services) => postFeature(services, services.posts),
  jobs: (services) => postJobs(services, services.posts),
  panels: [
    pagedPanel({
      info: {
        id: PANEL_IDS.pendingPosts,
        title: "Posts waiting for approval",
        path: "/posts/pending",
      },
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
    }),
  ],
  personalData: {
    exported: [anyKind(postProposalKind), anyKind(postAuditKind), anyKind(approverDeputyKind)],
    async collect(services, personId) {
      const { store } = services;
      // Posts are few: read them all once for the person's own proposals and their decisions on others'.
      const posts = (await findAll(store.collection(postProposalKind))).map((r) => r.data);
      const proposedPosts = posts
        .filter((p) => p.authorId === personId)
        .map((p) => ({
          id: p.id,
          text: p.text,
          previousText: p.previousText,
          accounts: p.accounts,
          intendedDate: p.intendedDate,
          imageLinks: p.imageLinks,
          checklist: p.checklist,
          flags: p.flags,
          status: p.status,
          submittedAt: p.submittedAt,
          postedAt: p.postedAt,
          postedLink: p.postedLink,
          // Who decided is given by role, as the Staff Protocol names it, not by their id.
          decisions: p.decisions.map((d) => ({
            role: d.key,
            decision: d.decision,
            comment: d.comment,
            revision: d.revision,
            at: d.at,
          })),
        }));
      const decisionsOnPosts = posts.flatMap((p) =>
        p.decisions
          .filter((d) => d.by === personId)
          .map((d) => ({
            postId: p.id,
            role: d.key,
            decision: d.decision,
            comment: d.comment,
            revision: d.revision,
            at: d.at,
          })),
      );
      const postsPublished = posts
        .filter((p) => p.postedBy === personId)
        .map((p) => ({ postId: p.id, postedAt: p.postedAt, postedLink: p.postedLink }));
      const postActions = (await findAll(store.collection(postAuditKind)))
        .filter(({ data: a }) => a.by === personId)
        .map(({ data: a }) => ({ postId: a.postId, at: a.at, action: a.action }));
      // Deputies they named or stood as: the other person by role only.
      const deputyArrangements = (await findAll(store.collection(approverDeputyKind)))
        .filter(({ data: d }) => d.approverId === personId || d.deputyId === personId)
        .map(({ data: d }) => ({
          role: d.approverId === personId ? "approver" : "deputy",
          key: d.key,
          from: d.from,
          until: d.until,
          reason: d.reason,
          namedAt: d.namedAt,
          endedAt: d.endedAt,
        }));
      return { proposedPosts, decisionsOnPosts, postsPublished, postActions, deputyArrangements };
    },
  },
  retention: [
    {
      kind: anyKind(postProposalKind),
      rule: "Kept as the school's record of what was approved and posted; no job purges it.",
    },
    { kind: anyKind(postAuditKind), rule: "Kept with the posts it records." },
    {
      kind: anyKind(approverDeputyKind),
      rule: "Kept after the period ends (as the record of who could confirm); no job purges it.",
    },
  ],
};
