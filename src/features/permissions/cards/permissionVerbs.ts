/** The permission cards' Action.Execute verbs: shared by the templates' data and the handlers. */
export const PERMISSION_VERBS = {
  request: "permissionRequest",
  approve: "permissionApprove",
  refuse: "permissionRefuse",
  withdraw: "permissionWithdraw",
  confirmDeletion: "permissionConfirmDeletion",
} as const;
