import { z } from "zod";
import { defineAction } from "../../bot/actions";
import type { FeatureBot } from "../feature";
import { DRAFT_VERBS } from "./cards/draftVerbs";
import type { DraftServices } from "./draftServices";
import { draftCardFor, publishApprovedDraft, recordGovernorsApproval } from "./policyDrafts";

/*
 * The governors' approval in chat: the Chair records it on the draft's card; the author
 * publishes an approved draft on a new date if the one proposed no longer gives a month's notice.
 */
const label = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, "is not a version label");
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date");
const approveSchema = z.object({
  label,
  revision: z.coerce.number().int().min(1),
  approvalBody: z.string().trim().min(1, "name the governors' body").max(200),
  approvalMeeting: z.string().trim().min(1, "name the meeting").max(300),
  approvalDate: day,
});
const publishSchema = z.object({ label, effectiveFrom: day });

export function draftBot(services: DraftServices): FeatureBot {
  return {
    actions: [
      defineAction({
        verb: DRAFT_VERBS.governorsApprove,
        schema: approveSchema,
        async handle({ person, data }) {
          const result = await recordGovernorsApproval(services, person, data.label, {
            body: data.approvalBody,
            meeting: data.approvalMeeting,
            date: data.approvalDate,
            revision: data.revision,
          });
          if (!result.ok) return { kind: "message", text: result.reason };
          const card = await draftCardFor(services, person, data.label);
          if (!card.ok) return { kind: "message", text: card.reason };
          return { kind: "card", card: card.value };
        },
      }),
      defineAction({
        verb: DRAFT_VERBS.publishApproved,
        schema: publishSchema,
        async handle({ person, data }) {
          const result = await publishApprovedDraft(
            services,
            person,
            data.label,
            data.effectiveFrom,
          );
          if (!result.ok) return { kind: "message", text: `Not published: ${result.reason}` };
          return {
            kind: "card",
            card: services.draftCards.published({
              draft: result.value.draft,
              notified: result.value.notified,
              publicUrl: services.publicUrl,
              timeZone: services.schoolTimeZone,
            }),
          };
        },
      }),
    ],
  };
}
