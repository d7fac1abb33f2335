/*
 * The messages a question sends through the outbox, by key: one escalation card per owner per
 * question (and its answered copy), one answer per question, one reminder per owner per period.
 * What the cards say is the QaCards port's (./cards/qaCards.ts).
 */
export const qaKeys = {
  escalation: (questionId: string, ownerId: string) => `qaEscalation:${questionId}:${ownerId}`,
  escalationAnswered: (questionId: string, ownerId: string) =>
    `qaEscalation:${questionId}:${ownerId}:answered`,
  answer: (questionId: string) => `qaAnswer:${questionId}`,
  reminder: (questionId: string, ownerId: string, period: number) =>
    `qaReminder:${questionId}:${ownerId}:${period}`,
};
