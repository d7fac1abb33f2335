import { z } from "zod";
import { accept } from "../../domain/result";
import { answerEscalation } from "./answerEscalation";
import { askQuestion } from "./askQuestion";
import { escalateQuestion } from "./escalateQuestion";
import { openSavedAnswer } from "./openSavedAnswer";
import { openSuggestedSection } from "./openSuggestion";
import { QA_VERBS } from "./cards/qaVerbs";
import { recordFeedback } from "./recordFeedback";
import { CURATED_ANSWER_ID, QUESTION_ID } from "../../app/qa/records";
import type { AppServices } from "../../app/services";
import { cardOrRefusal, defineAction } from "../../bot/actions";
import type { CommandHandler, Reply } from "../../bot/commands";
import { THANKS_REPLY } from "../../bot/naturalCommands";
import type { FeatureBot } from "../feature";

/*
 * Policy questions in chat: any message that is no command is a question (and `ask ...` says
 * so explicitly). Card verbs carry the question id only; who may rate, escalate or answer is
 * decided again against the stored question.
 */
const questionId = z.string().regex(QUESTION_ID, "is not a question reference");
const idOnly = z.object({ questionId });
/** A "Did you mean…" choice: which question, which section (ids as the policy writes them). */
const sectionChoice = z.object({
  questionId,
  sectionId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,199}$/, "is not a section id"),
});
/** A saved answer offered on the card: which question, which saved answer (see answerEscalation.ts). */
const savedChoice = z.object({
  questionId,
  savedAnswerId: z.string().regex(CURATED_ANSWER_ID, "is not a saved answer reference"),
});
const answerSchema = z.object({
  questionId,
  // The length rules are the use case's, so a too-long answer gets a readable message.
  answer: z.string().max(20_000, "is far too long"),
  saveForSimilar: z.preprocess((v) => v === true || v === "true", z.boolean()).optional(),
});

/**
 * Greetings and thanks are not questions: a friendly word back, nothing recorded. (The intent
 * recogniser catches most of them first; this is for a bot built without it.)
 */
const THANKS = /^(?:thanks?(?: you)?|thank you(?: very much)?|cheers|ta)[\s!.,]*$/i;
const SMALL_TALK =
  /^(?:hi|hiya|hello|hey|good (?:morning|afternoon|evening)|ok(?:ay)?|great|bye|goodbye)[\s!.,]*$/i;

/** Goodbyes are answered as goodbyes; only a greeting gets "Hello!" (thanks: THANKS_REPLY). */
function smallTalkReply(said: string): string {
  const offer =
    "Ask me anything about the Staff Social Media Policy, or type help to see what else I can do.";
  if (/^(?:thanks?|thank you|cheers)/i.test(said))
    return "You're welcome. If anything else comes up, just ask.";
  if (/^(?:bye|goodbye)/i.test(said)) return "Goodbye. I'm here whenever you need me.";
  if (/^(?:ok(?:ay)?|great)/i.test(said)) return `Glad that helped. ${offer}`;
  return `Hello! ${offer}`;
}

const toOutcome = cardOrRefusal;

export function qaBot(services: AppServices): FeatureBot {
  const answer: CommandHandler["handle"] = async ({ person, argument }): Promise<Reply[]> => {
    if (THANKS.test(argument.trim())) return [{ text: THANKS_REPLY }];
    if (SMALL_TALK.test(argument.trim())) return [{ text: smallTalkReply(argument.trim()) }];
    const result = await askQuestion(services, person, argument);
    return result.ok ? [{ card: result.value.card }] : [{ text: result.reason }];
  };

  const ask: CommandHandler = {
    name: "Ask about the policy",
    example: "Can I post photos of pupils on my own Instagram?",
    description:
      "Get the policy's own words on a question, or ask the policy owner. Any message that is not a command is a question too.",
    triggers: [/^ask\s+([\s\S]+)$/i, /^ask$/i],
    visibleTo: () => true,
    handle: answer,
  };

  const fallback: CommandHandler = { ...ask, name: "Policy question", triggers: [] };

  const actions = [
    defineAction({
      verb: QA_VERBS.helpful,
      schema: idOnly,
      // Questions may be asked in a group chat, and so rated and passed on there.
      sharedConversations: true,
      handle: async ({ person, data }) =>
        toOutcome(await recordFeedback(services, person, data.questionId, "helpful")),
    }),
    defineAction({
      verb: QA_VERBS.notHelpful,
      schema: idOnly,
      // Questions may be asked in a group chat, and so rated and passed on there.
      sharedConversations: true,
      handle: async ({ person, data }) =>
        toOutcome(await recordFeedback(services, person, data.questionId, "notHelpful")),
    }),
    defineAction({
      verb: QA_VERBS.openSection,
      schema: sectionChoice,
      handle: async ({ person, data }) =>
        toOutcome(await openSuggestedSection(services, person, data.questionId, data.sectionId)),
    }),
    defineAction({
      verb: QA_VERBS.openSaved,
      schema: savedChoice,
      handle: async ({ person, data }) =>
        toOutcome(await openSavedAnswer(services, person, data.questionId, data.savedAnswerId)),
    }),
    defineAction({
      verb: QA_VERBS.askOwner,
      schema: idOnly,
      // Questions may be asked in a group chat, and so rated and passed on there.
      sharedConversations: true,
      handle: async ({ person, data }) =>
        toOutcome(await escalateQuestion(services, person, data.questionId)),
    }),
    defineAction({
      verb: QA_VERBS.answer,
      schema: answerSchema,
      handle: async ({ person, data }) =>
        toOutcome(
          await answerEscalation(
            services,
            person,
            data.questionId,
            data.answer,
            data.saveForSimilar ?? false,
          ),
        ),
    }),
  ];
  return {
    commands: [ask],
    actions,
    fallback,
    ask: async (person, text) => {
      const asked = await askQuestion(services, person, text);
      return asked.ok
        ? accept({ card: asked.value.card, covered: asked.value.question.source !== "none" })
        : asked;
    },
  };
}
