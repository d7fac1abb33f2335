/** The post card's Action.Execute verbs: shared by the templates' data and the handlers. */
export const POST_VERBS = {
  submit: "postSubmit",
  approve: "postApprove",
  reject: "postReject",
  changes: "postRequestChanges",
  resubmit: "postResubmit",
  markPosted: "postMarkPosted",
  refresh: "postRefresh",
  overrideConsent: "postOverrideConsent",
} as const;
