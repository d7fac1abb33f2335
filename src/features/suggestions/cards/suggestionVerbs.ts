/** The suggestion cards' Action.Execute verbs: shared by the templates' data and the handlers. */
export const SUGGESTION_VERBS = {
  open: "suggestionOpen",
  submit: "suggestionSubmit",
  answer: "suggestionAnswer",
} as const;
