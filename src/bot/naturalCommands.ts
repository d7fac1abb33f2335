import { z } from "zod";
import {
  answerFromPolicy,
  answerFromPolicySection,
  policyForAnswers,
} from "../app/qa/policyInForce";
import type { AppServices } from "../app/services";
import { MAX_QUESTION_LENGTH } from "../domain/qa/askedQuestion";
import { MAX_WHAT_WAS_SEEN } from "../domain/reports/misuseReport";
import {
  COMMAND_INTENTS,
  type CommandIntent,
  type RecognisesIntents,
} from "../domain/intents/recogniseIntent";
import type { Person } from "../domain/people/person";
import type { AsksQuestion } from "../features/feature";
import type { CardMessage } from "../ports";
import { defineAction, type ActionHandler, type ActionOutcome } from "./actions";
import type { CommandHandler, CommandRequest, Reply } from "./commands";

/*
 * Commands in the sender's own words. The recogniser (pure, in the domain) says what a message
 * is for; this module turns that into replies: run the command, ask first when unsure ("Do you
 * want to report something?"), or answer the question with a button that starts the command.
 * A question about reporting or a media enquiry is answered from the policy without being
 * recorded, so it never reaches the policy owner or the dashboard: it may name a colleague.
 */
export const INTENT_VERBS = {
  start: "intentStart",
  askInstead: "intentAskInstead",
  /** "Did you mean…" under an unrecorded answer: that section's answer, worked out again. */
  openSection: "intentOpenSection",
} as const;

/** What the bot makes of a message that matched no command word. */
export type Understood =
  /** `told`: the person's words, when they tell more than a request (its form starts from them). */
  | { readonly kind: "command"; readonly handler: CommandHandler; readonly told?: string }
  | { readonly kind: "replies"; readonly replies: readonly Reply[] }
  | { readonly kind: "question" };

const CONFIRM_TITLES: Record<CommandIntent, string> = {
  report: "Do you want to report something?",
  mediaEnquiry: "Do you want to pass on a media enquiry to the Headteacher?",
  proposePost: "Do you want to propose a post for the school's accounts?",
  showPolicy: "Do you want to see the policy and where you stand?",
  myPosts: "Do you want to see the posts you proposed?",
  waitingForYou: "Do you want to see what is waiting for you?",
  askPermission: "Do you want to ask for written permission?",
  myPermissions: "Do you want to see the written permissions you asked for?",
  suggest: "Do you want to suggest an addition to the policy?",
  deputy: "Do you want to name a deputy to confirm posts in your place?",
  recordTraining: "Do you want to record training someone completed?",
  help: "Do you want to see what I can do?",
  thanks: "",
};

/** Said with a thank-you: a word back, never "Hello!" and nothing recorded. */
export const THANKS_REPLY =
  "You're welcome. Ask me anything else about the policy, or type help to see what I can do.";

/** Asked about reporting or the media: the answer stays between the person and the bot. */
const NOT_YOUR_COMMAND = "That is not something your role can do. Type help to see what you can.";

/*
 * A message of this many words or more tells something ("a blogger messaged me on insta wanting
 * to write about our new uniform, can you send this to the head"), so the form it opens starts
 * from those words, for the person to edit; a shorter one ("i'd like to make a suggestion") only
 * asks for the form, which opens empty.
 */
const TOLD_MIN_WORDS = 8;
/** The longest told text kept (a Teams message may be far longer): the longest form field. */
const MAX_TOLD = MAX_WHAT_WAS_SEEN;

/** What the person told, if their words tell more than a request. */
function toldIn(text: string): string | undefined {
  const said = text.replace(/\s+/g, " ").trim();
  return said.split(" ").length >= TOLD_MIN_WORDS ? said.slice(0, MAX_TOLD) : undefined;
}

/** The words as the engine reads them (and keys its remembered answers by). */
const asAsked = (text: string) => text.replace(/\s+/g, " ").trim();

const UNRECORDED: ReadonlySet<CommandIntent> = new Set(["report", "mediaEnquiry"]);

export class NaturalCommands {
  constructor(
    private readonly services: AppServices,
    private readonly recogniser: RecognisesIntents,
    private readonly commands: () => readonly CommandHandler[],
    /** The Q&A feature's: a question about posting, or "ask instead", is recorded as one. */
    private readonly ask: AsksQuestion,
  ) {}

  /** The command a person may use for this intent (none: the message stays a question). */
  private handlerFor(intent: CommandIntent, person: Person): CommandHandler | undefined {
    return this.commands().find((c) => c.intent === intent && c.visibleTo(person));
  }

  async understand(request: CommandRequest): Promise<Understood> {
    const allowed = new Set(
      this.commands()
        .filter((c) => c.intent !== undefined && c.visibleTo(request.person))
        .map((c) => c.intent!),
    );
    allowed.add("thanks");
    const recognised = this.recogniser.recognise(request.text, allowed);
    // What messages turn out to be, for operators tuning the bank; never the words themselves.
    this.services.logger.info(
      {
        kind: recognised.kind,
        intent: "intent" in recognised ? recognised.intent : (recognised.offer ?? null),
      },
      "message understood",
    );
    const personal = request.scope === "personal";
    if (recognised.kind === "command" && recognised.intent === "thanks") {
      return { kind: "replies", replies: [{ text: THANKS_REPLY }] };
    }
    const told = toldIn(request.text);
    const run = (handler: CommandHandler): Understood => ({
      kind: "command",
      handler,
      ...(told ? { told } : {}),
    });
    if (recognised.kind === "command") {
      const handler = this.handlerFor(recognised.intent, request.person);
      return handler ? run(handler) : { kind: "question" };
    }
    if (recognised.kind === "confirm") {
      const handler = this.handlerFor(recognised.intent, request.person);
      // A possible report in a shared chat is never talked over there: its form goes privately.
      if (handler && !personal && UNRECORDED.has(recognised.intent)) return run(handler);
      // Otherwise a question back in a group chat would be noise for everyone: a question.
      if (!handler || !personal || recognised.intent === "thanks") return { kind: "question" };
      return {
        kind: "replies",
        replies: [{ card: this.confirmCard(recognised.intent, handler, request.text, told) }],
      };
    }
    const offered = recognised.offer && this.handlerFor(recognised.offer, request.person);
    if (!recognised.offer || !offered) return { kind: "question" };
    if (!UNRECORDED.has(recognised.offer)) {
      // A question about posting is an ordinary policy question (feedback, the policy owner),
      // with the form one click away.
      const asked = await this.ask(request.person, request.text);
      const answer: Reply = asked.ok ? { card: asked.value.card } : { text: asked.reason };
      // "Do we get a day off for the coronation?": the policy does not say, and a post form
      // beside that, read from a word the classifier leans on, is noise. Named, it stays.
      if (asked.ok && !asked.value.covered && !recognised.offerNamed)
        return { kind: "replies", replies: [answer] };
      return {
        kind: "replies",
        replies: [answer, { card: this.startCard(recognised.offer, offered) }],
      };
    }
    return {
      kind: "replies",
      replies: [{ card: await this.answerWithStart(recognised.offer, offered, request.text) }],
    };
  }

  private confirmCard(
    intent: CommandIntent,
    handler: CommandHandler,
    text: string,
    told: string | undefined,
  ): CardMessage {
    return {
      template: "commandOffer",
      data: {
        title: CONFIRM_TITLES[intent],
        question: "",
        citations: [],
        message: `If you meant a question about the policy, choose "No, it's a question" and I will answer it.`,
        suggestions: [],
        intent,
        startTitle: handler.startTitle ?? handler.name,
        canAskInstead: text.length <= MAX_QUESTION_LENGTH,
        rawQuestion: text.slice(0, MAX_QUESTION_LENGTH),
        told: told ?? "",
        verbs: INTENT_VERBS,
      },
    };
  }

  private startCard(intent: CommandIntent, handler: CommandHandler): CardMessage {
    return {
      template: "commandOffer",
      data: {
        title: handler.description,
        question: "",
        citations: [],
        message: "",
        suggestions: [],
        intent,
        startTitle: handler.startTitle ?? handler.name,
        canAskInstead: false,
        rawQuestion: "",
        told: "",
        verbs: INTENT_VERBS,
      },
    };
  }

  private async answerWithStart(
    intent: CommandIntent,
    handler: CommandHandler,
    text: string,
  ): Promise<CardMessage> {
    const answer = answerFromPolicy(
      await policyForAnswers(this.services),
      asAsked(text),
      this.services.questionModel,
    );
    return this.unrecordedAnswer(intent, handler, text, {
      answered: answer.answered,
      citations: answer.citations,
      suggestions: answer.suggestions,
    });
  }

  /*
   * The answer beside a report's or a media enquiry's button. Nothing is recorded, so the card
   * carries the question itself (the asker's words, shown on it anyway) for its "Did you mean…"
   * buttons, and a choice is checked against the engine's suggestions for those words again.
   */
  private unrecordedAnswer(
    intent: CommandIntent,
    handler: CommandHandler,
    text: string,
    answer: {
      answered: boolean;
      citations: readonly { heading: string; quote: string; leadIn?: string }[];
      suggestions: readonly { sectionId: string; heading: string }[];
    },
  ): CardMessage {
    const quoted = (c: { quote: string; leadIn?: string }) =>
      c.leadIn ? `“${c.leadIn} … ${c.quote}”` : `“${c.quote}”`;
    const question = text.slice(0, MAX_QUESTION_LENGTH);
    return {
      template: "commandOffer",
      data: {
        title: answer.answered ? "What the policy says" : "The policy does not say more about this",
        question,
        citations: answer.answered
          ? answer.citations.map((c) => ({ heading: c.heading, quote: quoted(c) }))
          : [],
        suggestions: answer.suggestions.map((s) => ({
          heading: s.heading,
          sectionId: s.sectionId,
        })),
        message: `${handler.description} Your question was not recorded or passed on to anyone.`,
        intent,
        startTitle: handler.startTitle ?? handler.name,
        canAskInstead: false,
        rawQuestion: question,
        // A question is not an account of what happened: the form it starts opens empty.
        told: "",
        verbs: INTENT_VERBS,
      },
    };
  }

  /** A "Did you mean…" section chosen under an unrecorded answer, if the engine offered it. */
  private async openSection(
    person: Person,
    data: { intent: CommandIntent; rawQuestion: string; sectionId: string },
  ): Promise<ActionOutcome> {
    const handler = this.handlerFor(data.intent, person);
    if (!handler) return { kind: "message", text: NOT_YOUR_COMMAND };
    const policy = await policyForAnswers(this.services);
    const question = asAsked(data.rawQuestion);
    const model = this.services.questionModel;
    const offered = answerFromPolicy(policy, question, model).suggestions;
    if (!offered.some((s) => s.sectionId === data.sectionId))
      return {
        kind: "message",
        text: "That part of the policy was not offered for this question.",
      };
    const chosen = answerFromPolicySection(policy, question, data.sectionId, model);
    if (!chosen || chosen.citations.length === 0)
      return { kind: "message", text: "That part of the policy is not in the version in force." };
    return {
      kind: "card",
      card: this.unrecordedAnswer(data.intent, handler, data.rawQuestion, {
        answered: true,
        citations: chosen.citations,
        suggestions: offered.filter((s) => s.sectionId !== data.sectionId),
      }),
    };
  }

  /** The card verbs behind the buttons: start the command, or answer the message as a question. */
  actions(): ActionHandler[] {
    return [
      defineAction({
        verb: INTENT_VERBS.start,
        schema: z.object({
          intent: z.enum(COMMAND_INTENTS),
          // Asked back ("Do you want to report something?"), the words they told come along.
          told: z.string().trim().max(MAX_TOLD).default(""),
        }),
        // Its button sits beside answers in group chats too; a private command started there
        // still answers only in the person's own chat (see TeamsBot.settle).
        sharedConversations: true,
        handle: async ({ person, data }): Promise<ActionOutcome> => {
          const handler = this.handlerFor(data.intent, person);
          if (!handler) return { kind: "message", text: NOT_YOUR_COMMAND };
          // The bot runs it where the card was clicked: a private one from a group goes private.
          return { kind: "command", handler, ...(data.told ? { told: data.told } : {}) };
        },
      }),
      defineAction({
        verb: INTENT_VERBS.openSection,
        schema: z.object({
          intent: z.enum(COMMAND_INTENTS),
          rawQuestion: z.string().trim().min(1).max(MAX_QUESTION_LENGTH),
          sectionId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,199}$/, "is not a section id"),
        }),
        // Beside an answer in a group chat too, like the button that starts the command.
        sharedConversations: true,
        handle: async ({ person, data }) => this.openSection(person, data),
      }),
      defineAction({
        verb: INTENT_VERBS.askInstead,
        schema: z.object({ rawQuestion: z.string().trim().min(1).max(MAX_QUESTION_LENGTH) }),
        handle: async ({ person, data }) => {
          const asked = await this.ask(person, data.rawQuestion);
          return asked.ok
            ? { kind: "card", card: asked.value.card }
            : { kind: "message", text: asked.reason };
        },
      }),
    ];
  }
}
