/** The Staff Protocol checklist on a post proposal card, every box ticked (as Teams submits it). */
export const STAFF_PROTOCOL_TICKED = {
  parentalPermission: "true",
  noIdentifyingInformation: "true",
  positiveAndRelevant: "true",
  approvedDevice: "true",
  deletedFromPersonalDevice: "true",
};
