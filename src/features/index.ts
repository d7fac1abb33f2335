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

/** The card side of post approvals: composition hands it to the use cases as services.postCards. */
export { teamsPostCards } from "./posts/cards/postCards";
/** The card sides of acknowledgements and the governors' approval (services.acknowledgementCards, .draftCards). */
export { teamsAcknowledgementCards } from "./acknowledgements/cards/acknowledgementCards";
export { teamsDraftCards } from "./governorsApproval/cards/draftCards";
/** The card sides of Q&A, suggestions and training: services.qaCards, suggestionCards, trainingCards. */
export { teamsQaCards } from "./qa/cards/qaCards";
export { teamsSuggestionCards } from "./suggestions/cards/suggestionCards";
export { teamsTrainingCards } from "./training/cards/trainingCards";
/** The card side of misuse reports and media enquiries: services.reportCards. */
export { teamsReportCards } from "./reports/cards/reportCards";
/** Likewise services.permissionCards and services.waitingCards. */
export { teamsPermissionCards } from "./permissions/cards/permissionCards";
export { teamsWaitingCards } from "./waitingForYou/cards/waitingCards";
