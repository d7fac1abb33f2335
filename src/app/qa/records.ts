import { z } from "zod";
import type { AskedQuestion, ShownCuratedAnswer } from "../../domain/qa/askedQuestion";
import type { CuratedAnswer } from "../../domain/qa/curatedAnswers";
import { accept, refuse, type Decision } from "../../domain/result";
import type { Clock, RecordKind, Store, Stored } from "../../ports";
import { updateWithRetry } from "../../store/updateWithRetry";
import { RecentlyRead } from "../../store/recentlyRead";
import { outboxKind } from "../../outbox/outboxMessage";
import {
  decideWithEffects,
  effectJournalFields,
  effectJournalIndex,
  type Effect,
} from "../decisions";
import type { AppServices } from "../services";

/*
 * What policy Q&A keeps: every question asked (with what the asker was shown, their feedback and
 * any escalation), and the policy owner's saved answers for similar questions. Both live in the
 * store, so every instance answers alike and nothing is lost on a restart.
 */
const citationSchema = z.object({
  sectionId: z.string(),
  heading: z.string(),
  quote: z.string(),
  leadIn: z.string().optional(),
});

const askedQuestionSchema = z.object({
  id: z.string(),
  askerId: z.string(),
  question: z.string(),
  askedAt: z.string(),
  policyVersion: z.string(),
  answered: z.boolean(),
  source: z.enum(["policy", "curated", "none"]),
  citedHeadings: z.array(z.string()),
  shown: z.object({
    citations: z.array(citationSchema),
    upcomingNote: z.string().nullable(),
    curated: z
      .object({
        id: z.string(),
        question: z.string(),
        answer: z.string(),
        answeredBy: z.string(),
        answeredOn: z.string(),
      })
      .nullable(),
    suggestions: z.array(z.object({ sectionId: z.string(), heading: z.string() })).optional(),
    savedOffers: z.array(z.object({ id: z.string(), question: z.string() })).optional(),
  }),
  feedback: z.enum(["helpful", "notHelpful"]).nullable(),
  feedbackAt: z.string().nullable(),
  escalation: z.enum(["none", "open", "answered"]),
  escalatedAt: z.string().nullable(),
  ownerAnswer: z.string().nullable(),
  answeredBy: z.string().nullable(),
  answeredByName: z.string().nullable(),
  answeredAt: z.string().nullable(),
  curatedAnswerId: z.string().nullable(),
  unanswered: z.boolean(),
  // An escalation's or an answer's messages, on stores without transactions (app/decisions.ts).
  ...effectJournalFields,
}) satisfies z.ZodType<AskedQuestion>;

export const askedQuestionKind: RecordKind<AskedQuestion> = {
  name: "policyQuestions",
  schema: askedQuestionSchema as z.ZodType<AskedQuestion>,
  indexes: {
    askerId: "text",
    askedAt: "text",
    source: "text",
    feedback: "text",
    escalation: "text",
    escalatedAt: "text",
    unanswered: "boolean",
    ...effectJournalIndex,
  },
};

export interface CuratedAnswerRecord extends CuratedAnswer {
  readonly id: string;
  /** aadObjectId of the policy owner who answered. */
  readonly answeredById: string;
  /** The asked question it was saved from. */
  readonly createdFrom: string;
  /** The version in force when it was saved. */
  readonly policyVersion: string;
  readonly createdAt: string;
}

const curatedAnswerSchema = z.object({
  id: z.string(),
  question: z.string(),
  answer: z.string(),
  answeredBy: z.string(),
  answeredById: z.string(),
  answeredOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  createdFrom: z.string(),
  policyVersion: z.string(),
  createdAt: z.string(),
}) satisfies z.ZodType<CuratedAnswerRecord>;

export const curatedAnswerKind: RecordKind<CuratedAnswerRecord> = {
  name: "curatedAnswers",
  schema: curatedAnswerSchema,
  indexes: { answeredOn: "text", createdFrom: "text" },
};

/** A saved answer as the asker is shown it (and as their question's record keeps it). */
export function shownCuratedAnswer(c: CuratedAnswerRecord): ShownCuratedAnswer {
  return {
    id: c.id,
    question: c.question,
    answer: c.answer,
    answeredBy: c.answeredBy,
    answeredOn: c.answeredOn,
  };
}

/** The policy owner's saved answers: every question consults them, so they are read every few seconds, not per question. */
export type SavedAnswers = RecentlyRead<CuratedAnswerRecord, CuratedAnswerRecord[]>;

/** Built once with the app's services (`services.savedAnswers`), so every use case shares it. */
export function savedAnswersView(store: Store, clock: Clock): SavedAnswers {
  return new RecentlyRead(store.collection(curatedAnswerKind), clock, {
    derive: (records) => records.map((r) => r.data),
  });
}

export function savedAnswers(services: Pick<AppServices, "savedAnswers">): SavedAnswers {
  return services.savedAnswers;
}

/** Question ids as the cards carry them: a prefix and the id service's value. */
export const QUESTION_ID = /^Q-[A-Za-z0-9-]{1,64}$/;
/** A saved answer's id: "C-" and the id of the question it was saved from (answerEscalation.ts). */
export const CURATED_ANSWER_ID = /^C-Q-[A-Za-z0-9-]{1,64}$/;

export function newQuestionId(services: AppServices): string {
  return `Q-${services.ids.newId()}`;
}

const NOT_FOUND = "That question could not be found. It may have come from an old or altered card.";

/**
 * Re-read, decide, save by compare-and-set; on a conflict re-read and decide again. `decide`
 * says whether anything changed, so a repeated click writes nothing.
 */
export async function changeQuestion<R>(
  services: AppServices,
  id: string,
  decide: (
    current: AskedQuestion,
  ) => Decision<{ question: AskedQuestion; changed: boolean; result: R }>,
): Promise<
  Decision<{ before: AskedQuestion; after: Stored<AskedQuestion>; changed: boolean; result: R }>
> {
  type Changed = Decision<{
    before: AskedQuestion;
    after: Stored<AskedQuestion>;
    changed: boolean;
    result: R;
  }>;
  const outcome = await updateWithRetry<AskedQuestion, Changed>(
    services.store.collection(askedQuestionKind),
    id,
    (record) => {
      if (!record) return { result: refuse("QA.NOT_FOUND", NOT_FOUND) };
      const decided = decide(record.data);
      if (!decided.ok) return { result: decided };
      const { question, changed, result } = decided.value;
      const value = { before: record.data, after: record, changed, result };
      // The record saved replaces `after` below; an unchanged question is not written at all.
      return changed ? { write: question, result: accept(value) } : { result: accept(value) };
    },
  );
  if (!outcome.ok)
    return refuse("QA.BUSY", "The question changed while you were updating it; please try again.");
  if (!outcome.result.ok || !outcome.record) return outcome.result;
  return accept({ ...outcome.result.value, after: outcome.record });
}

/** What a question's decisions write besides the question: messages and a saved answer. */
export const QUESTION_EFFECT_KINDS = [
  outboxKind,
  curatedAnswerKind,
] as unknown as readonly RecordKind<unknown>[];

/**
 * As changeQuestion, for a decision that sends (an escalation, the owner's answer): the question
 * and the records `effectsOf` names for it are written in one step (app/decisions.ts), so a
 * crash never leaves an answered question whose answer nobody was sent.
 */
export async function decideQuestion<R>(
  services: Pick<AppServices, "store" | "outbox">,
  id: string,
  decide: (
    current: AskedQuestion,
  ) => Decision<{ question: AskedQuestion; changed: boolean; result: R }>,
  effectsOf: (next: AskedQuestion) => Promise<readonly Effect[]>,
): Promise<Decision<{ after: AskedQuestion; result: R }>> {
  const done = await decideWithEffects(
    services,
    askedQuestionKind,
    id,
    async (record) => {
      const decided = decide(record.data);
      if (!decided.ok) return decided;
      const { question: next, changed, result } = decided.value;
      // A repeated click that changes nothing writes nothing (and sends nothing again).
      if (!changed) return accept({ next, effects: [], result, unchanged: true });
      return accept({ next, effects: await effectsOf(next), result });
    },
    {
      notFound: refuse("QA.NOT_FOUND", NOT_FOUND),
      busy: refuse("QA.BUSY", "The question changed while you were updating it; please try again."),
    },
    QUESTION_EFFECT_KINDS,
  );
  if (!done.ok) return done;
  return accept({ after: done.value.saved.data, result: done.value.result });
}
