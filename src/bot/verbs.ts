/*
 * Every Action.Execute verb, in one place: card templates use these strings and handlers
 * register under them, and a test checks the two agree. Add a feature's verbs as a group.
 */
export const VERBS = {} as const;
