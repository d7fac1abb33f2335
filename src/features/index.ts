import type { Feature } from "./feature";
import { postApprovalsFeature } from "./posts/feature";
import { reportsFeature } from "./reports/feature";
import { writtenPermissionsFeature } from "./permissions/feature";
import { trainingFeature } from "./training/feature";
import { governorsApprovalFeature } from "./governorsApproval/feature";
import { suggestionsFeature } from "./suggestions/feature";

/*
 * The capabilities built as feature modules, in the order help and the dashboard list them.
 * One line per capability. (Acknowledgements and Q&A predate this list and are still wired by
 * hand in bot/registry.ts, src/recordKinds.ts and composition.ts.)
 */
export const FEATURES: readonly Feature[] = [
  reportsFeature,
  postApprovalsFeature,
  writtenPermissionsFeature,
  governorsApprovalFeature,
  suggestionsFeature,
  trainingFeature,
];
