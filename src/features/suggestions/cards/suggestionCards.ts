import {
  answerWords,
  OUTCOME_WORDS,
  type SuggestionOutcome,
} from "../../../domain/suggestions/suggestion";
import type { CardMessage } from "../../../ports";
import type {
  SuggestionCards,
  SuggestionFormView,
  SuggestionNews,
  SuggestionView,
} from "../suggestionViews";
import { SUGGESTION_VERBS } from "./suggestionVerbs";

/*
 * The Teams side of the SuggestionCards port: the form (suggestionForm.json), the card the
 * policy owner answers on (suggestionCard.json), and the suggester's notices.
 */

function suggestionCard({ suggestion: s, suggesterName, mayAnswer }: SuggestionView): CardMessage {
  return {
    template: "suggestionCard",
    data: {
      suggestionId: s.id,
      suggester: suggesterName,
      text: s.text,
      policyVersion: s.policyVersion,
      status: answerWords(s),
      canAnswer: mayAnswer,
      verb: SUGGESTION_VERBS.answer,
    },
  };
}

function suggestionForm({ text }: SuggestionFormView): CardMessage {
  return { template: "suggestionForm", data: { text, verb: SUGGESTION_VERBS.submit } };
}

function suggestionNews(news: SuggestionNews): CardMessage {
  const s = news.suggestion;
  switch (news.kind) {
    case "recorded":
      return {
        template: "notice",
        data: {
          title: "Suggestion recorded for the review",
          message: `The policy owner (Assistant Headteacher, Digital Technology and Innovation) will consider it at the next review of the policy, and you will be told the outcome. You said: "${s.text}"`,
          tone: "good",
        },
      };
    case "answered":
      return {
        template: "notice",
        data: {
          title: `Your suggestion was ${OUTCOME_WORDS[s.status as SuggestionOutcome]}`,
          message: `"${s.text}": ${answerWords(s)} (${news.answeredBy}).`,
          tone: s.status === "notAdopted" ? "attention" : "good",
        },
      };
  }
}

/** The suggestions' cards as Teams shows them: Adaptive Card templates with typed data. */
export const teamsSuggestionCards: SuggestionCards = {
  suggestionCard,
  suggestionForm,
  suggestionNews,
};
