/** The governors' approval's card verbs: shared by the templates' data and the handlers. */
export const DRAFT_VERBS = {
  governorsApprove: "policyGovernorsApprove",
  publishApproved: "policyPublishApproved",
} as const;

/** The Word master's preview: "Send to the governors". */
export const UPLOAD_VERBS = { send: "policyUploadSend" } as const;
