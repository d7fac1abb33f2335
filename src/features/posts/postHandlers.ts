import { z } from "zod";
import {
  DEPUTY_VERBS,
  deputyFormCard,
  endApproverDeputy,
  nameApproverDeputy,
} from "./approverDeputies";
import {
  decidePost,
  editForm,
  markPostPosted,
  overrideConsentCheck,
  proposePost,
  refreshPost,
  resubmitPost,
  type PostSettings,
} from "./postApprovals";
import { POST_VERBS } from "./cards/postVerbs";
import { myPosts } from "./myPosts";
import type { PostServices } from "./postServices";
import { mayApprovePostAs, mayProposePost } from "../../domain/people/permissions";
import { CHECKLIST, type ChecklistItem, type PostContent } from "../../domain/posts/postProposal";
import { cardOrRefusal, commaList, defineAction } from "../../bot/actions";
import type { CommandHandler } from "../../bot/commands";
import type { FeatureBot } from "../feature";

/*
 * Post approvals in chat: `new post` opens the proposal card; approvers decide on theirs; the
 * author edits when asked; the Resources Manager marks it posted. Card data carries the post id
 * and revision only: the role, the state and the author are checked against the stored post.
 */
const postId = z.string().regex(/^P-[0-9a-f]{8}$/, "is not a post id");
const bool = z.preprocess((v) => v === true || v === "true", z.boolean());
const contentSchema = z.object({
  // Transport bound only: the domain refuses a text over MAX_POST_TEXT with a sentence saying so.
  text: z.string().max(20_000),
  accounts: commaList(z.string().max(50), 10),
  intendedDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date"),
  imageLinks: z
    .string()
    .max(2000)
    .optional()
    .transform((v) => (v ?? "").split(/\s+/).filter(Boolean))
    .pipe(z.array(z.url({ protocol: /^https$/ }).max(500)).max(10)),
  ...Object.fromEntries(Object.keys(CHECKLIST).map((k) => [k, bool.optional()])),
  sendAnyway: bool.optional(),
  sendAnywayReason: z.string().max(1000).optional(),
});

/** null = show the author the flags first; a string = they chose "Send anyway" with this reason. */
const sendAnyway = (d: { sendAnyway?: boolean; sendAnywayReason?: string }): string | null =>
  d.sendAnyway ? (d.sendAnywayReason ?? "") : null;

function toContent(d: z.infer<typeof contentSchema>): PostContent {
  const raw = d as unknown as Record<string, unknown>;
  const checklist = Object.fromEntries(
    Object.keys(CHECKLIST).map((k) => [k, raw[k] === true]),
  ) as Record<ChecklistItem, boolean>;
  return {
    text: d.text,
    accounts: d.accounts,
    intendedDate: d.intendedDate,
    imageLinks: d.imageLinks,
    checklist,
  };
}

const toOutcome = cardOrRefusal;
// Each show-card has its own input id (Adaptive Cards needs unique ids); either is the comment.
// "decideAs", not "key": the Agents Playground's renderer silently drops an action whose data has a "key".
const decisionSchema = z.object({
  postId,
  revision: z.coerce.number().int().min(1).max(1000),
  decideAs: z.enum(["aht-publicity", "headteacher"]),
  comment: z.string().max(1000).optional(),
  changesComment: z.string().max(1000).optional(),
  rejectReason: z.string().max(1000).optional(),
});
export function postFeature(services: PostServices, settings: PostSettings): FeatureBot {
  const commands: CommandHandler[] = [
    {
      name: "Propose a post",
      example: "new post",
      description: "Propose a post for the school's social media accounts, for approval.",
      triggers: [/^(?:new post|propose a post|propose post|post for approval)$/i],
      intent: "proposePost",
      private: true,
      startTitle: "Propose a post",
      visibleTo: mayProposePost,
      handle: async () => [{ card: services.postCards.postForm({ accounts: settings.accounts }) }],
    },
    {
      name: "Name a deputy",
      example: "deputy",
      description: "Name someone to confirm posts in your place for a period (absence, illness).",
      triggers: [/^(?:deputy|name a deputy|deputies|my deputy)$/i],
      intent: "deputy",
      visibleTo: (p) => mayApprovePostAs(p).length > 0,
      async handle({ person }) {
        const r = await deputyFormCard(services, person);
        return [r.ok ? { card: r.value } : { text: r.reason }];
      },
    },
    {
      name: "My posts",
      example: "my posts",
      description: "See the posts you proposed and where each one is.",
      triggers: [/^my posts$/i],
      intent: "myPosts",
      private: true,
      startTitle: "Show my posts",
      visibleTo: mayProposePost,
      async handle({ person }) {
        const cards = await myPosts(services, person);
        if (cards.length === 0)
          return [{ text: "You have not proposed any posts yet. Type new post to start one." }];
        return cards.map((card) => ({ card }));
      },
    },
  ];

  const decision = (verb: string, kind: "approve" | "reject" | "changes") =>
    defineAction({
      verb,
      schema: decisionSchema,
      handle: async ({ person, data }) => {
        const comment =
          (kind === "reject"
            ? data.rejectReason
            : kind === "changes"
              ? data.changesComment
              : undefined) ??
          data.comment ??
          "";
        return toOutcome(
          await decidePost(
            services,
            person,
            data.postId,
            data.decideAs,
            kind,
            comment,
            data.revision,
            verb,
          ),
        );
      },
    });

  const actions = [
    defineAction({
      verb: POST_VERBS.submit,
      schema: contentSchema,
      async handle({ person, data }) {
        const r = await proposePost(services, settings, person, toContent(data), sendAnyway(data));
        return r.ok ? { kind: "card", card: r.value.card } : { kind: "message", text: r.reason };
      },
    }),
    decision(POST_VERBS.approve, "approve"),
    decision(POST_VERBS.reject, "reject"),
    decision(POST_VERBS.changes, "changes"),
    defineAction({
      verb: POST_VERBS.resubmit,
      schema: z.union([
        z.object({ postId, openForm: z.literal(true) }),
        contentSchema.extend({ postId }),
      ]),
      async handle({ person, data }) {
        if ("openForm" in data)
          return toOutcome(await editForm(services, settings, person, data.postId));
        return toOutcome(
          await resubmitPost(
            services,
            settings,
            person,
            data.postId,
            toContent(data),
            sendAnyway(data),
          ),
        );
      },
    }),
    defineAction({
      verb: POST_VERBS.markPosted,
      schema: z.object({ postId, link: z.string().trim().max(500) }),
      handle: async ({ person, data }) =>
        toOutcome(await markPostPosted(services, person, data.postId, data.link)),
    }),
    defineAction({
      verb: POST_VERBS.overrideConsent,
      schema: z.object({
        postId,
        revision: z.coerce.number().int().min(1).max(1000),
        overrideReason: z.string().max(1000).default(""),
      }),
      handle: async ({ person, data }) =>
        toOutcome(
          await overrideConsentCheck(
            services,
            person,
            data.postId,
            data.overrideReason,
            data.revision,
          ),
        ),
    }),
    defineAction({
      verb: DEPUTY_VERBS.name,
      schema: z.object({
        key: z.enum(["aht-publicity", "headteacher"]),
        deputyId: z.string().min(1, "choose the deputy").max(100),
        from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "choose the first day"),
        until: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "choose the last day"),
        reason: z.string().max(300, "must be at most 300 characters").default(""),
      }),
      handle: async ({ person, data }) =>
        toOutcome(await nameApproverDeputy(services, person, data)),
    }),
    defineAction({
      verb: DEPUTY_VERBS.end,
      schema: z.object({ deputyRecordId: z.string().min(1).max(100) }),
      handle: async ({ person, data }) =>
        toOutcome(await endApproverDeputy(services, person, data.deputyRecordId)),
    }),
    defineAction({
      verb: POST_VERBS.refresh,
      schema: z.object({ postId }),
      handle: async ({ person, data }) =>
        toOutcome(await refreshPost(services, person, data.postId)),
    }),
  ];
  return { commands, actions };
}
