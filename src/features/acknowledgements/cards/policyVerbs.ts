/** The card verbs of policy versions and acknowledgements: shared by the templates' data and the handlers. */
export const POLICY_VERBS = {
  acknowledgePolicy: "acknowledgePolicy",
  publishPolicy: "publishPolicy",
} as const;
