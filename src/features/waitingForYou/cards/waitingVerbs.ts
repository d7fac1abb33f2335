/** The waiting card's Action.Execute verbs: shared by the template's data and the handler. */
export const WAITING_VERBS = { remind: "waitingRemind" } as const;
