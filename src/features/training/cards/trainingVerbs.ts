/** The training form's Action.Execute verb: shared by the template's data and the handler. */
export const TRAINING_VERBS = { record: "trainingRecord" } as const;
