/*
 * Every Action.Execute verb, in one place: card templates use these strings and handlers
 * register under them, and a test checks the two agree. Add a feature's verbs as a group.
 */
import { ACKNOWLEDGE_VERB } from "../app/acknowledgements/noticeMessages";
import { QA_VERBS } from "../app/qa/qaMessages";
import { FEATURES } from "../features";
import { INTENT_VERBS } from "./naturalCommands";

export const VERBS = {
  // Commands in natural language (the buttons that start one)
  ...INTENT_VERBS,
  // Policy versions and acknowledgements
  acknowledgePolicy: ACKNOWLEDGE_VERB,
  publishPolicy: "publishPolicy",
  // Policy questions
  ...QA_VERBS,
} as const;

/** The capability modules' verbs: each lives with its feature; the registry refuses duplicates. */
export const FEATURE_VERBS: readonly string[] = FEATURES.flatMap((f) => Object.values(f.verbs));
