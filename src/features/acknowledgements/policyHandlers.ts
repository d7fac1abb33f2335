import { z } from "zod";
import { acknowledge, acknowledgementCardFor } from "./acknowledge";
import { POLICY_VERBS, readableDate } from "./noticeMessages";
import {
  acknowledgementCardKeep,
  policyStandingOf,
  policyStatusCard,
  policyStatusKeep,
} from "./policyStatus";
import { recordReview } from "./recordReview";
import { draftVersion, draftViewFor } from "../governorsApproval/policyDrafts";
import type { AppServices } from "../../app/services";
import { earliestEffectiveDate } from "../../domain/policy/noticeRule";
import { mayPublishPolicyVersion, mayRecordPolicyReview } from "../../domain/people/permissions";
import type { Person } from "../../domain/people/person";
import { markdownToDocument, PolicyImportError } from "../../policy/importPolicy";
import { defineAction, type ActionOutcome } from "../../bot/actions";
import type { CommandHandler, Reply } from "../../bot/commands";
import type { FeatureBot } from "../feature";

/*
 * The policy in chat: `policy` shows where the person stands (with the card to acknowledge
 * anything outstanding); the owner publishes new versions and records reviews.
 */
async function statusReplies(services: AppServices, person: Person): Promise<Reply[]> {
  // Each acknowledgement is read once, for the status card and the cards to acknowledge alike.
  const standing = await policyStandingOf(services, person);
  // The status card is kept as sent, so acknowledging later updates it in place (through the outbox).
  const replies: Reply[] = [
    {
      card: await policyStatusCard(services, person, standing),
      keep: policyStatusKeep(services, person),
    },
  ];
  for (const v of [standing.current, standing.upcoming]) {
    if (!v || standing.acknowledgedAt.has(v.label)) continue;
    const card = await acknowledgementCardFor(services, person, v.label, {
      acknowledgedAt: undefined,
    });
    if (card) replies.push({ card, keep: acknowledgementCardKeep(services, person, v.label) });
  }
  return replies;
}

async function publishForm(services: AppServices): Promise<Reply[]> {
  const current = await services.policyVersions.inForce();
  return [
    {
      card: {
        template: "publishPolicy",
        data: {
          earliest: earliestEffectiveDate(services.clock.now(), services.schoolTimeZone),
          currentLabel: current?.label ?? "none",
          verb: POLICY_VERBS.publishPolicy,
        },
      },
    },
  ];
}

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
      handle: ({ person }) => statusReplies(services, person),
    },
    {
      name: "Publish a new version",
      example: "publish policy",
      description:
        "Prepare a new version of the policy: the governors approve it, then all staff are notified (with a month's notice).",
      triggers: [/^publish(?: a)?(?: new)? (?:policy|version)$/i],
      visibleTo: mayPublishPolicyVersion,
      handle: () => publishForm(services),
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
        if ("offer" in result && result.offer) {
          return {
            kind: "card",
            card: { ...result.offer, data: { ...result.offer.data, note: result.reason } },
          };
        }
        return { kind: "message", text: result.reason };
      },
    }),
    defineAction({
      verb: POLICY_VERBS.publishPolicy,
      schema: publishSchema,
      async handle({ person, data }): Promise<ActionOutcome> {
        if (!mayPublishPolicyVersion(person)) {
          return {
            kind: "message",
            text: "Only the policy owner or the Headteacher can publish a new version.",
          };
        }
        const current = await services.policyVersions.inForce();
        let document;
        try {
          document = markdownToDocument(
            data.text,
            { label: data.label, effectiveFrom: data.effectiveFrom, summary: data.summary },
            current?.document ?? services.bundledPolicy,
          );
        } catch (error) {
          if (error instanceof PolicyImportError)
            return {
              kind: "message",
              text: `The text could not be read as a policy, so nothing was published:\n${error.message}`,
            };
          throw error;
        }
        // The governors approve every amendment before it takes effect: this makes a draft for them.
        const result = await draftVersion(services, person, {
          label: data.label,
          effectiveFrom: data.effectiveFrom,
          summary: data.summary,
          document,
          source: "card",
        });
        if (!result.ok) return { kind: "message", text: `Not sent: ${result.reason}` };
        return { kind: "card", card: await draftViewFor(services, result.value.draft, person) };
      },
    }),
  ];
  return { commands, actions };
}
