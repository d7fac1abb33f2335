import type { Feature } from "./feature";
import { writtenPermissionsFeature } from "./permissions/feature";
import { trainingFeature } from "./training/feature";
import { governorsApprovalFeature } from "./governorsApproval/feature";
import { suggestionsFeature } from "./suggestions/feature";
import { waitingForYouFeature } from "./waitingForYou/feature";

/*
 * The capabilities built as feature modules, in the order help and the dashboard list them.
 * One line per capability. (Acknowledgements, posts, reports and Q&A predate this list and are
 * still wired by hand in bot/registry.ts, store/recordKinds.ts and composition.ts.)
 */
export const FEATURES: readonly Feature[] = [
  writtenPermissionsFeature,
  governorsApprovalFeature,
  suggestionsFeature,
  trainingFeature,
  waitingForYouFeature,
];
