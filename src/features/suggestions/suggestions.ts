import type { ListPage, PageRequest } from "../../app/listPage";
import { readListPage } from "../../app/listPage";
import type { AppServices } from "../../app/services";
import { holdersOf, type Person } from "../../domain/people/person";
import { accept, refuse, type Decision } from "../../domain/result";
import {
  answerSuggestion,
  answerWords,
  checkSuggestion,
  mayAnswerSuggestions,
  type Suggestion,
  type SuggestionOutcome,
} from "../../domain/suggestions/suggestion";
import type { CardMessage, RecordKind } from "../../ports";
import { createWithEffects, decideWithEffects, messageEffect } from "../../app/decisions";
import { outboxKind } from "../../outbox/outboxMessage";
import { findAll } from "../../store/findAll";
import { suggestionKind } from "./suggestionRecords";
import { suggestionView } from "./suggestionViews";

/*
 * Suggestions for the annual review: recorded for the policy owner (who gets a card to answer
 * it), listed on the dashboard for the review, each answered once, and the suggester told.
 * Its cards are the SuggestionCards port's (services.suggestionCards). A suggestion and its
 * answer are each written with their messages in one step (app/decisions.ts).
 */

/** What a suggestion or its answer writes besides it: messages. */
export const SUGGESTION_EFFECT_KINDS = [outboxKind] as unknown as readonly RecordKind<unknown>[];

export async function makeSuggestion(
  services: AppServices,
  person: Person,
  text: string,
): Promise<Decision<{ suggestion: Suggestion; card: CardMessage }>> {
  const checked = checkSuggestion(person, text);
  if (!checked.ok) return checked;
  const current = await services.policyVersions.inForce();
  const suggestion: Suggestion = {
    id: `S-${services.ids.newId().slice(0, 8)}`,
    suggesterId: person.aadObjectId,
    text: checked.value,
    policyVersion: current?.label ?? services.bundledPolicy.meta.version,
    submittedAt: services.clock.now().toISOString(),
    status: "open",
    answer: null,
  };
  await createWithEffects(
    services,
    suggestionKind,
    suggestion.id,
    suggestion,
    holdersOf(await services.directory.all(), "aht-digital").map((owner) =>
      messageEffect(services.outbox, {
        key: `suggestion:${suggestion.id}:${owner.aadObjectId}`,
        recipient: owner.aadObjectId,
        purpose: "suggestion",
        card: services.suggestionCards.suggestionCard(
          suggestionView(suggestion, person.displayName, owner),
        ),
      }),
    ),
    SUGGESTION_EFFECT_KINDS,
  );
  return accept({
    suggestion,
    card: services.suggestionCards.suggestionNews({ kind: "recorded", suggestion }),
  });
}

export async function answer(
  services: AppServices,
  person: Person,
  id: string,
  input: { outcome: SuggestionOutcome; reason: string; version: string },
): Promise<Decision<CardMessage>> {
  const done = await decideWithEffects(
    services,
    suggestionKind,
    id,
    async (record) => {
      const next = answerSuggestion(record.data, person, input, services.clock.now().toISOString());
      if (!next.ok) return next;
      const s = next.value;
      return accept({
        next: s,
        effects: [
          messageEffect(services.outbox, {
            key: `suggestionAnswered:${s.id}`,
            recipient: s.suggesterId,
            purpose: "suggestionAnswer",
            card: services.suggestionCards.suggestionNews({
              kind: "answered",
              suggestion: s,
              answeredBy: person.displayName,
            }),
          }),
        ],
        result: undefined,
      });
    },
    {
      notFound: refuse("SUGGESTION.NOT_FOUND", "That suggestion does not exist."),
      busy: refuse("SUGGESTION.BUSY", "The suggestion changed meanwhile; please try again."),
    },
    SUGGESTION_EFFECT_KINDS,
  );
  if (!done.ok) return done;
  const s = done.value.saved.data;
  const suggester = await services.directory.find(s.suggesterId);
  return accept(
    services.suggestionCards.suggestionCard(
      suggestionView(s, suggester?.displayName ?? "former staff", person),
    ),
  );
}

export interface SuggestionRow {
  readonly suggestionId: string;
  readonly text: string;
  readonly suggester: string;
  readonly submittedAt: string;
  readonly policyVersion: string;
  readonly outcome: string;
}

/** For the review: newest first, each with its outcome so far. */
export async function suggestionsForReview(
  services: AppServices,
  person: Person,
  page: PageRequest,
): Promise<Decision<ListPage<SuggestionRow>>> {
  if (!mayAnswerSuggestions(person))
    return refuse(
      "SUGGESTION.ROLE",
      "Suggestions are listed for the policy owner and the Headteacher.",
    );
  const found = await readListPage(
    services.store.collection(suggestionKind),
    { orderBy: { field: "submittedAt", direction: "desc" } },
    page,
  );
  const names = new Map(
    (await services.directory.all()).map((p) => [p.aadObjectId, p.displayName]),
  );
  return accept({
    ...found,
    items: found.items.map(({ data: s }) => ({
      suggestionId: s.id,
      text: s.text,
      suggester: names.get(s.suggesterId) ?? "former staff",
      submittedAt: s.submittedAt,
      policyVersion: s.policyVersion,
      outcome: answerWords(s),
    })),
  });
}

export async function mySuggestions(
  services: Pick<AppServices, "store">,
  personId: string,
): Promise<Suggestion[]> {
  return (
    await findAll(services.store.collection(suggestionKind), { where: { suggesterId: personId } })
  ).map((r) => r.data);
}

/** Answered suggestions are kept two years after the answer (two annual reviews), then purged. */
export const ANSWERED_RETENTION_DAYS = 730;

export async function purgeAnsweredSuggestions(services: AppServices): Promise<number> {
  const cutoff = new Date(
    services.clock.now().getTime() - ANSWERED_RETENTION_DAYS * 86_400_000,
  ).toISOString();
  const suggestions = services.store.collection(suggestionKind);
  let purged = 0;
  for (const r of await findAll(suggestions, {
    where: { status: ["considered", "adopted", "notAdopted"] },
  })) {
    if (r.data.answer && r.data.answer.at < cutoff && (await suggestions.delete(r.id))) purged++;
  }
  return purged;
}
