import { z } from "zod";
import { acknowledge } from "./acknowledge";
import { POLICY_VERBS } from "./cards/policyVerbs";
import { newVersionForm } from "./publishVersion";
import { recordReview } from "./recordReview";
import { showPolicyStatus } from "./showPolicy";
import { draftFromText } from "../governorsApproval/policyDrafts";
import type { AppServices } from "../../app/services";
import { readableDate } from "../../app/ukDates";
import { mayPublishPolicyVersion, mayRecordPolicyReview } from "../../domain/people/permissions";
import { defineAction, type ActionOutcome } from "../../bot/actions";
import type { CommandHandler } from "../../bot/commands";
import type { FeatureBot } from "../feature";

/*
 * The policy in chat: `policy` shows where the person stands (with the card to acknowledge
 * anything outstanding); the owner publishes new versions and records reviews. Each command and
 * verb calls one use case and says its refusal in words.
 */
const acknowledgeSchema = z.object({ version: z.string().min(1).max(40) });
const publishSchema = z.object({
  label: z.string().trim().min(1).max(40),
  effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date"),
  summary: z.string().trim().min(1).max(1000),
  text: z.string().min(1).max(30_000),
});

export function policyFeature(services: AppServices): FeatureBot {
  const commands: CommandHandler[] = [
    {
      name: "Policy",
      example: "policy",
      description: "See the version in force, any upcoming change, and acknowledge it.",
      triggers: [/^(?:policy|my status|status|acknowledge)$/i],
      intent: "showPolicy",
      // Where the person stands is theirs alone; the policy itself is no secret.
      private: true,
      startTitle: "Show the policy",
      visibleTo: () => true,
      handle: ({ person }) => showPolicyStatus(services, person),
    },
    {
      name: "Publish a new version",
      example: "publish policy",
      description:
        "Prepare a new version of the policy: the governors approve it, then all staff are notified (with a month's notice).",
      triggers: [/^publish(?: a)?(?: new)? (?:policy|version)$/i],
      visibleTo: mayPublishPolicyVersion,
      handle: async () => [{ card: await newVersionForm(services) }],
    },
    {
      name: "Record the annual review",
      example: "policy reviewed",
      description: "Record that this year's review found no changes (stops the review reminders).",
      triggers: [/^policy reviewed$/i],
      visibleTo: mayRecordPolicyReview,
      async handle({ person }) {
        const result = await recordReview(services, person);
        if (!result.ok) return [{ text: result.reason }];
        const { review } = result.value;
        const next = readableDate(review.nextReview, services.schoolTimeZone);
        return [
          {
            text: `Recorded: version ${review.version} was reviewed on ${readableDate(review.reviewedAt, services.schoolTimeZone)} with no changes. The next review is due on ${next}.`,
          },
        ];
      },
    },
  ];

  const actions = [
    defineAction({
      verb: POLICY_VERBS.acknowledgePolicy,
      schema: acknowledgeSchema,
      async handle({ person, data }): Promise<ActionOutcome> {
        const result = await acknowledge(services, person, data.version, "teams-card");
        if (result.ok) return { kind: "card", card: result.value.card };
        // A superseded version: the card of the one in force, saying why.
        if ("offer" in result && result.offer) return { kind: "card", card: result.offer };
        return { kind: "message", text: result.reason };
      },
    }),
    defineAction({
      verb: POLICY_VERBS.publishPolicy,
      schema: publishSchema,
      async handle({ person, data }): Promise<ActionOutcome> {
        // The governors approve every amendment before it takes effect: this makes a draft for them.
        const result = await draftFromText(services, person, { ...data, source: "card" });
        if (result.ok) return { kind: "card", card: result.value.card };
        switch (result.code) {
          case "DRAFT.ROLE":
            return {
              kind: "message",
              text: "Only the policy owner or the Headteacher can publish a new version.",
            };
          case "DRAFT.UNREADABLE":
            return {
              kind: "message",
              text: `The text could not be read as a policy, so nothing was published:\n${result.reason}`,
            };
          default:
            return { kind: "message", text: `Not sent: ${result.reason}` };
        }
      },
    }),
  ];
  return { commands, actions };
}
