import type { Feature } from "./feature";
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
 * One line per capability. (Q&A predates this list and is still wired by hand in
 * bot/registry.ts, bot/verbs.ts, src/recordKinds.ts, composition.ts, http/tabPanels.ts and
 * cli/personalData.ts.)
 */
export const FEATURES: readonly Feature[] = [
  acknowledgementsFeature,
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
