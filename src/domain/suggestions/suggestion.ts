import { hasRole, type Person } from "../people/person";
import { accept, refuse, type Decision } from "../result";

/*
 * "If Staff have any questions about this policy or suggestions for additions that they would
 * like to be considered on review, they may do so by emailing the Assistant Headteacher Digital
 * Technology and Innovation in the first instance." A suggestion is recorded for the policy
 * owner, considered at the review, and answered: considered, adopted in a version, or not
 * adopted with a reason. The suggester is told.
 */
export const OUTCOMES = ["considered", "adopted", "notAdopted"] as const;
export type SuggestionOutcome = (typeof OUTCOMES)[number];
export const OUTCOME_WORDS: Record<SuggestionOutcome | "open", string> = {
  open: "waiting for the review",
  considered: "considered",
  adopted: "adopted",
  notAdopted: "not adopted",
};

export interface Suggestion {
  readonly id: string;
  readonly suggesterId: string;
  readonly text: string;
  /** The version in force when it was made. */
  readonly policyVersion: string;
  readonly submittedAt: string;
  readonly status: "open" | SuggestionOutcome;
  readonly answer: {
    readonly reason: string;
    readonly version: string | null;
    readonly by: string;
    readonly at: string;
  } | null;
}

export const MAX_SUGGESTION = 2000;

/** The policy owner answers; the Headteacher reviews the policy with them. */
export function mayAnswerSuggestions(person: Person): boolean {
  return hasRole(person, "aht-digital") || hasRole(person, "headteacher");
}

export function checkSuggestion(person: Person, text: string): Decision<string> {
  if (!hasRole(person, "staff"))
    return refuse("SUGGESTION.ROLE", "Only staff on the roster can make suggestions.");
  const t = text.trim();
  if (!t)
    return refuse(
      "SUGGESTION.EMPTY",
      "Write the suggestion: what should the policy add or change?",
    );
  if (t.length > MAX_SUGGESTION)
    return refuse(
      "SUGGESTION.TOO_LONG",
      `A suggestion can be at most ${MAX_SUGGESTION} characters.`,
    );
  return accept(t);
}

export function answerSuggestion(
  s: Suggestion,
  person: Person,
  input: { outcome: SuggestionOutcome; reason: string; version: string },
  at: string,
): Decision<Suggestion> {
  if (!mayAnswerSuggestions(person))
    return refuse(
      "SUGGESTION.ROLE",
      "Only the policy owner or the Headteacher answers suggestions.",
    );
  if (s.status !== "open")
    return refuse("SUGGESTION.ANSWERED", "This suggestion has already been answered.");
  const reason = input.reason.trim();
  const version = input.version.trim();
  if (input.outcome === "adopted" && !version)
    return refuse("SUGGESTION.VERSION", "Say which version adopts it.");
  if (input.outcome === "notAdopted" && !reason)
    return refuse("SUGGESTION.REASON", "Give the reason it is not adopted.");
  return accept({
    ...s,
    status: input.outcome,
    answer: {
      reason,
      version: input.outcome === "adopted" ? version : null,
      by: person.aadObjectId,
      at,
    },
  });
}

export function answerWords(s: Suggestion): string {
  if (!s.answer) return OUTCOME_WORDS.open;
  const base =
    s.status === "adopted" ? `adopted in version ${s.answer.version}` : OUTCOME_WORDS[s.status];
  return s.answer.reason ? `${base}: ${s.answer.reason}` : base;
}
