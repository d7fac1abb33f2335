/*
 * The Action.Execute verbs not declared by a capability module: the buttons that start a
 * command in natural language. Every other verb lives with
 * its feature (`verbs` in its feature.ts); test/unit/architecture/featureRegistry.test.ts fails
 * when one is declared in two places.
 */
import { FEATURES } from "../features";
import { INTENT_VERBS } from "./naturalCommands";

export const VERBS = {
  // Commands in natural language (the buttons that start one)
  ...INTENT_VERBS,
} as const;

/** The capability modules' verbs: each lives with its feature; the registry refuses duplicates. */
export const FEATURE_VERBS: readonly string[] = FEATURES.flatMap((f) => Object.values(f.verbs));
