import { teamsAcknowledgementCards } from "./acknowledgements/cards/acknowledgementCards";
import { teamsDraftCards } from "./governorsApproval/cards/draftCards";
import { teamsPermissionCards } from "./permissions/cards/permissionCards";
import { teamsPostCards } from "./posts/cards/postCards";
import { teamsQaCards } from "./qa/cards/qaCards";
import { teamsReportCards } from "./reports/cards/reportCards";
import { teamsSuggestionCards } from "./suggestions/cards/suggestionCards";
import { teamsTrainingCards } from "./training/cards/trainingCards";
import { teamsWaitingCards } from "./waitingForYou/cards/waitingCards";
import type { Feature } from "./feature";
import { qaFeature } from "./qa/feature";
import { acknowledgementsFeature } from "./acknowledgements/feature";
import { postApprovalsFeature } from "./posts/feature";
import { reportsFeature } from "./reports/feature";
import { writtenPermissionsFeature } from "./permissions/feature";
import { trainingFeature } from "./training/feature";
import { governorsApprovalFeature } from "./governorsApproval/feature";
import { suggestionsFeature } from "./suggestions/feature";
import { waitingForYouFeature } from "./waitingForYou/feature";

/*
 * The capabilities built as feature modules, in the order help and the dashboard list them.
 * One line per capability. Acknowledgements first (its notices are the scheduler's first job), then
 * Q&A, whose panel heads the dashboard; the bot registry still matches Q&A's commands last, since
 * its fallback takes whatever no other command does.
 */
export const FEATURES: readonly Feature[] = [
  acknowledgementsFeature,
  qaFeature,
  reportsFeature,
  postApprovalsFeature,
  writtenPermissionsFeature,
  governorsApprovalFeature,
  suggestionsFeature,
  trainingFeature,
  waitingForYouFeature,
];

/**
 * Every feature's cards port as Teams shows it, under its name in AppServices: composition hands
 * them to the use cases (services.postCards, .reportCards, ...), and so do the use-case tests.
 */
export const TEAMS_CARDS = {
  postCards: teamsPostCards,
  reportCards: teamsReportCards,
  acknowledgementCards: teamsAcknowledgementCards,
  draftCards: teamsDraftCards,
  qaCards: teamsQaCards,
  suggestionCards: teamsSuggestionCards,
  trainingCards: teamsTrainingCards,
  permissionCards: teamsPermissionCards,
  waitingCards: teamsWaitingCards,
} as const;
