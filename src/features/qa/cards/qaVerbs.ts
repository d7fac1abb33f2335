/** The Q&A cards' Action.Execute verbs: shared by the templates' data and the handlers. */
export const QA_VERBS = {
  helpful: "qaHelpful",
  notHelpful: "qaNotHelpful",
  askOwner: "qaAskPolicyOwner",
  answer: "qaAnswerQuestion",
  openSection: "qaOpenSection",
  openSaved: "qaOpenSavedAnswer",
} as const;
