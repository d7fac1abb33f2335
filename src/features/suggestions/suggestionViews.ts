import type { Person } from "../../domain/people/person";
import { mayAnswerSuggestions, type Suggestion } from "../../domain/suggestions/suggestion";
import type { CardMessage } from "../../ports";

/*
 * What suggestions for the review show, in the policy's terms: the suggestion, its outcome so
 * far and whether the viewer may answer it. Use cases build these; the SuggestionCards port (the
 * card side, ./cards) turns them into Teams cards.
 */

/** A suggestion as one person sees it. */
export interface SuggestionView {
  readonly suggestion: Suggestion;
  readonly suggesterName: string;
  /** Still open, and the viewer answers suggestions (the policy owner or the Headteacher). */
  readonly mayAnswer: boolean;
}

export function suggestionView(
  s: Suggestion,
  suggesterName: string,
  viewer: Person,
): SuggestionView {
  return {
    suggestion: s,
    suggesterName,
    mayAnswer: s.status === "open" && mayAnswerSuggestions(viewer),
  };
}

/** The form to make a suggestion: empty, or with what the person typed. */
export interface SuggestionFormView {
  readonly text: string;
}

/** What happened to a suggestion, told to the person who made it. */
export type SuggestionNews =
  /** It is recorded for the review. */
  | { readonly kind: "recorded"; readonly suggestion: Suggestion }
  /** It was answered, by this person. */
  | { readonly kind: "answered"; readonly suggestion: Suggestion; readonly answeredBy: string };

/** The cards port of suggestions: one method per template, typed by the view it shows. */
export interface SuggestionCards {
  suggestionCard(view: SuggestionView): CardMessage;
  suggestionForm(view: SuggestionFormView): CardMessage;
  suggestionNews(news: SuggestionNews): CardMessage;
}
