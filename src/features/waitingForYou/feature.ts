import { z } from "zod";
import { remindOutstanding } from "../acknowledgements/remindOutstanding";
import { defineAction } from "../../bot/actions";
import type { Feature } from "../feature";
import { WAITING_VERBS } from "./cards/waitingVerbs";
import { hasWaitingWork, waitingFor } from "./waitingForYou";

/**
 * "What is waiting for me?" in chat: posts to approve or to put online, open cases, staff
 * questions, who has not acknowledged (with the reminder one click away), drafts for the
 * governors. It keeps no records of its own: it reads those of the capabilities it sums up.
 */
export const waitingForYouFeature: Feature = {
  name: "waitingForYou",
  recordKinds: [],
  verbs: WAITING_VERBS,
  bot: (services) => ({
    commands: [
      {
        name: "Waiting for you",
        example: "waiting",
        description:
          "See what is waiting for you: posts to approve or put online, open reports, staff questions, who has not acknowledged the policy.",
        triggers: [
          /^(?:waiting|waiting for me|what'?s waiting(?: for me)?|to ?do|to-do|my to-?do(?: list)?|my tasks|my work)[.!?]*$/i,
        ],
        intent: "waitingForYou",
        private: true,
        visibleTo: hasWaitingWork,
        handle: async ({ person }) => [
          {
            card: services.waitingCards.waitingForYou(await waitingFor(services, person), {
              timeZone: services.schoolTimeZone,
              dashboardUrl: services.dashboardUrlFor(person),
            }),
          },
        ],
      },
    ],
    actions: [
      defineAction({
        verb: WAITING_VERBS.remind,
        schema: z.object({
          version: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, "is not a version label"),
        }),
        async handle({ person, data }) {
          const sent = await remindOutstanding(services, person, data.version);
          if (!sent.ok) return { kind: "message", text: sent.reason };
          const { queued, notReminded } = sent.value;
          return {
            kind: "card",
            card: services.waitingCards.remindersQueued({
              version: data.version,
              queued,
              notReminded,
              dashboardUrl: services.dashboardUrlFor(person),
            }),
          };
        },
      }),
    ],
  }),
  personalData: {
    exported: [],
    collect: async () => ({}),
  },
  retention: [],
};
