/** The case cards' Action.Execute verbs: shared by the templates' data and the handlers. */
export const CASE_VERBS = {
  submit: "submitReport",
  acknowledge: "caseAcknowledge",
  investigate: "caseInvestigate",
  ask: "caseAskReporter",
  removal: "caseRequestRemoval",
  close: "caseClose",
  share: "caseShare",
  reply: "caseReply",
  confirmRemoval: "caseConfirmRemoval",
} as const;

/** The media enquiry form's and card's verbs. */
export const MEDIA_VERBS = {
  submit: "mediaEnquirySubmit",
  approve: "mediaEnquiryApprove",
  decline: "mediaEnquiryDecline",
} as const;
