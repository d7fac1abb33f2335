import { reconcilerJobs } from "../../app/decisions";
import { z } from "zod";
import { pagedPanel } from "../../http/pagedPanel";
import type { TableRow } from "../../http/tabApiContract";
import { defineAction } from "../../bot/actions";
import { hasRole } from "../../domain/people/person";
import {
  mayAnswerSuggestions,
  MAX_SUGGESTION,
  OUTCOMES,
  type SuggestionOutcome,
} from "../../domain/suggestions/suggestion";
import { findAll } from "../../store/findAll";
import { anyKind, type Feature } from "../feature";
import { suggestionKind } from "./suggestionRecords";
import {
  answer,
  makeSuggestion,
  mySuggestions,
  purgeAnsweredSuggestions,
  SUGGESTION_EFFECT_KINDS,
  suggestionsForReview,
} from "./suggestions";
import { SUGGESTION_VERBS } from "./cards/suggestionVerbs";

/** Staff suggestions for the annual review. */
export const suggestionsFeature: Feature = {
  name: "suggestions",
  recordKinds: [anyKind(suggestionKind)],
  verbs: SUGGESTION_VERBS,
  bot: (services) => ({
    commands: [
      {
        name: "Suggest an addition",
        example: "suggest <your suggestion>",
        description:
          "Suggest an addition to the policy for its yearly review; you are told the outcome.",
        // "suggestion - longer notice of changes": the dash or colon is not part of the suggestion.
        triggers: [
          /^suggest(?:ion)?(?:\s*[:\-\u2013\u2014]\s*|\s+)([\s\S]+)$/i,
          /^suggest(?:ion)?$/i,
        ],
        intent: "suggest",
        visibleTo: (p) => hasRole(p, "staff"),
        async handle({ person, argument, told }) {
          if (!argument)
            return [
              {
                card: services.suggestionCards.suggestionForm({
                  text: (told ?? "").slice(0, MAX_SUGGESTION),
                }),
              },
            ];
          const result = await makeSuggestion(services, person, argument);
          return [result.ok ? { card: result.value.card } : { text: result.reason }];
        },
      },
    ],
    actions: [
      // The button under every answer: opens the form.
      defineAction({
        verb: SUGGESTION_VERBS.open,
        schema: z.object({}).loose(),
        handle: async () => ({
          kind: "card",
          card: services.suggestionCards.suggestionForm({ text: "" }),
        }),
      }),
      defineAction({
        verb: SUGGESTION_VERBS.submit,
        schema: z.object({ text: z.string().max(2000) }),
        async handle({ person, data }) {
          const result = await makeSuggestion(services, person, data.text);
          return result.ok
            ? { kind: "card", card: result.value.card }
            : { kind: "message", text: result.reason };
        },
      }),
      defineAction({
        verb: SUGGESTION_VERBS.answer,
        schema: z.object({
          suggestionId: z.string().regex(/^S-[A-Za-z0-9-]{1,12}$/, "is not a suggestion id"),
          outcome: z.enum(OUTCOMES as unknown as [SuggestionOutcome, ...SuggestionOutcome[]]),
          reason: z.string().max(1000).optional().default(""),
          version: z.string().max(40).optional().default(""),
        }),
        async handle({ person, data }) {
          const result = await answer(services, person, data.suggestionId, data);
          return result.ok
            ? { kind: "card", card: result.value }
            : { kind: "message", text: result.reason };
        },
      }),
    ],
  }),
  jobs: (services) => [
    {
      name: "purgeAnsweredSuggestions",
      run: async () => void (await purgeAnsweredSuggestions(services)),
    },
    ...reconcilerJobs(
      services,
      "reconcileSuggestionEffects",
      suggestionKind,
      SUGGESTION_EFFECT_KINDS,
    ),
  ],
  panels: [
    pagedPanel({
      info: {
        id: "suggestions",
        title: "Suggestions for the review",
        path: "/suggestions",
        table: {
          rowKey: "suggestionId",
          noun: "suggestions",
          emptyText: "No suggestions yet.",
          columns: [
            { key: "text", title: "Suggestion" },
            { key: "suggester", title: "From" },
            { key: "submittedAt", title: "Sent", format: "dateTime" },
            { key: "policyVersion", title: "Version in force" },
            { key: "outcome", title: "Outcome" },
          ],
        },
      },
      visibleTo: mayAnswerSuggestions,
      read: suggestionsForReview,
      row: (r): TableRow => ({ ...r }),
    }),
  ],
  personalData: {
    exported: [anyKind(suggestionKind)],
    async collect(services, personId) {
      const answered = (await findAll(services.store.collection(suggestionKind))).filter(
        (r) => r.data.answer?.by === personId && r.data.suggesterId !== personId,
      );
      return {
        suggestionsMade: (await mySuggestions(services, personId)).map((s) => ({
          text: s.text,
          submittedAt: s.submittedAt,
          policyVersion: s.policyVersion,
          status: s.status,
          answer: s.answer
            ? { reason: s.answer.reason, version: s.answer.version, at: s.answer.at }
            : null,
        })),
        suggestionsAnswered: answered.map(({ data: s }) => ({
          suggestionId: s.id,
          status: s.status,
          at: s.answer!.at,
        })),
      };
    },
  },
  retention: [
    {
      kind: anyKind(suggestionKind),
      rule: "Kept while waiting for the review; purged two years (two reviews) after it was answered.",
    },
  ],
};
