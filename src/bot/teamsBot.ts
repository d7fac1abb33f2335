import {
  ActivityHandler,
  CardFactory,
  MessageFactory,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type SearchInvokeResponse,
  type SearchInvokeValue,
} from "botbuilder";
import { findColleagues } from "../app/people/findColleagues";
import type { AppServices } from "../app/services";
import { mayViewAcknowledgementFigures } from "../domain/people/permissions";
import type { Person } from "../domain/people/person";
import type { CardMessage } from "../ports";
import type { ActionHandler } from "./actions";
import { isTooLargeForTeams, renderCard, TOO_LARGE_TEXT } from "./cards/renderCard";
import { matchCommand, type CommandHandler, type Reply } from "./commands";
import { ConversationReferences } from "./conversationReferences";
import { commandsFor, firstName } from "./handlers/helpCommand";

const NOT_ON_ROSTER =
  "Sorry, I can only help members of staff on the school's roster. If you think you should be on it, please ask the school office.";

export interface BotHandlers {
  readonly commands: readonly CommandHandler[];
  readonly actions: readonly ActionHandler[];
  /** What a message that is no command becomes (a policy question, once Q&A is wired). */
  readonly fallback: CommandHandler;
}

/**
 * The only class that speaks botbuilder's activity language: it identifies the person, keeps
 * their conversation reference, and routes to command and action handlers.
 */
export class TeamsBot extends ActivityHandler {
  private readonly references: ConversationReferences;
  private readonly actionsByVerb: Map<string, ActionHandler>;

  constructor(
    private readonly services: AppServices,
    private readonly botHandlers: BotHandlers,
  ) {
    super();
    this.references = new ConversationReferences(services.store);
    this.actionsByVerb = new Map(botHandlers.actions.map((a) => [a.verb, a]));

    this.onInstallationUpdateAdd(async (context, next) => {
      const person = await this.identify(context);
      if (!isPersonal(context)) {
        // Added to a team or a group chat: everyone there sees it, so nothing about the person
        // who added the app (no name, no role commands).
        await context.sendActivity(this.cardActivity(this.introductionCard()));
      } else if (person) {
        await this.remember(context);
        await context.sendActivity(this.cardActivity(this.welcomeCard(person)));
      }
      await next();
    });

    this.onConversationUpdate(async (context, next) => {
      // Only remember people we know; a stranger added to a team leaves no trace.
      if (await this.identify(context)) await this.remember(context);
      await next();
    });

    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
  }

  private async identify(context: TurnContext): Promise<Person | undefined> {
    const id = context.activity.from?.aadObjectId;
    return id ? this.services.directory.find(id) : undefined;
  }

  private async remember(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const aadObjectId = activity.from?.aadObjectId;
    if (!aadObjectId || !activity.conversation?.id || !activity.serviceUrl) return;
    const reference = TurnContext.getConversationReference(activity);
    const arrived = await this.references.save({
      aadObjectId,
      scope: scopeOf(context),
      conversationId: activity.conversation.id,
      serviceUrl: activity.serviceUrl,
      updatedAt: this.services.clock.now().toISOString(),
      reference: JSON.parse(JSON.stringify(reference)) as Record<string, unknown>,
    });
    // Messages that waited for this person (they had not installed the app) can go now.
    if (arrived && scopeOf(context) === "personal") await this.services.outbox.requeueFor(aadObjectId);
  }

  private welcomeCard(person: Person): CardMessage {
    const policy = this.services.bundledPolicy.meta;
    return {
      template: "welcome",
      data: {
        firstName: firstName(person),
        schoolPolicyTitle: policy.title,
        policyVersion: policy.version,
        effectiveFrom: policy.effectiveFrom,
        commands: commandsFor(person, this.botHandlers.commands).map((c) => ({
          title: c.example,
          description: c.description,
        })),
        dashboardUrl: mayViewAcknowledgementFigures(person) ? this.services.dashboardUrlFor(person) : "",
      },
    };
  }

  private introductionCard(): CardMessage {
    const policy = this.services.bundledPolicy.meta;
    return {
      template: "introduction",
      data: {
        schoolPolicyTitle: policy.title,
        policyVersion: policy.version,
        effectiveFrom: policy.effectiveFrom,
      },
    };
  }

  private cardActivity(card: CardMessage) {
    try {
      return MessageFactory.attachment(CardFactory.adaptiveCard(renderCard(card)));
    } catch (error) {
      if (!isTooLargeForTeams(error)) throw error;
      return MessageFactory.text(TOO_LARGE_TEXT);
    }
  }

  private async sendReplies(context: TurnContext, replies: readonly Reply[]): Promise<void> {
    for (const reply of replies) {
      await context.sendActivity("card" in reply ? this.cardActivity(reply.card) : MessageFactory.text(reply.text));
    }
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const person = await this.identify(context);
    if (!person) {
      await context.sendActivity(NOT_ON_ROSTER);
      return;
    }
    await this.remember(context);
    // Action.Submit fallback (older clients): the card's data arrives as the message value.
    const value = context.activity.value as { verb?: unknown } | undefined;
    if (value && typeof value.verb === "string") {
      const outcome = await this.runAction(person, value.verb, value);
      await context.sendActivity(
        outcome.kind === "card" ? this.cardActivity(outcome.card) : MessageFactory.text(outcome.text),
      );
      return;
    }
    const text = TurnContext.removeRecipientMention(context.activity)?.trim() ?? "";
    if (!text) return;
    const matched = matchCommand(this.botHandlers.commands, text);
    const handler = matched?.handler ?? this.botHandlers.fallback;
    if (!isPersonal(context) && !handler.shared) {
      await context.sendActivity(this.cardActivity(this.introductionCard()));
      return;
    }
    if (matched && !matched.handler.visibleTo(person)) {
      await context.sendActivity(`Sorry, "${matched.handler.example}" is not something your role can do. Type help to see what you can.`);
      return;
    }
    const replies = await handler.handle({
      person,
      argument: matched ? matched.argument : text,
      text,
      scope: scopeOf(context),
    });
    await this.sendReplies(context, replies);
  }

  private async runAction(person: Person, verb: string, data: unknown) {
    const handler = this.actionsByVerb.get(verb);
    if (!handler) {
      return { kind: "message" as const, text: "This card is out of date or not recognised. Type help to start again." };
    }
    const parsed = handler.schema.safeParse(data);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => i.path.join(".") || "data").join(", ");
      return { kind: "message" as const, text: `Please check the form: ${fields} ${parsed.error.issues.length > 1 ? "are" : "is"} not valid.` };
    }
    return handler.handle({ person, data: parsed.data });
  }

  /** Search-as-you-type for a people picker (Input.ChoiceSet with Data.Query): roster members only. */
  protected override async onSearchInvoke(
    context: TurnContext,
    invokeValue: SearchInvokeValue,
  ): Promise<SearchInvokeResponse> {
    const person = await this.identify(context);
    const dataset = (invokeValue as SearchInvokeValue & { dataset?: unknown }).dataset;
    if (!person || dataset !== STAFF_DATASET || typeof invokeValue.queryText !== "string") {
      return searchResponse([]);
    }
    const matches = await findColleagues(this.services.directory, invokeValue.queryText.slice(0, 100), {
      skip: Number(invokeValue.queryOptions?.skip) || 0,
      top: Number(invokeValue.queryOptions?.top) || 15,
    });
    return searchResponse(matches.map((m) => ({ title: m.label, value: m.aadObjectId })));
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const person = await this.identify(context);
    if (!person) return messageResponse(NOT_ON_ROSTER);
    await this.remember(context);
    const verb = invokeValue?.action?.verb;
    if (typeof verb !== "string") return messageResponse("This card action is not recognised.");
    const outcome = await this.runAction(person, verb, invokeValue.action.data ?? {});
    if (outcome.kind === "message") return messageResponse(outcome.text);
    let card: Record<string, unknown>;
    try {
      card = renderCard(outcome.card);
    } catch (error) {
      if (!isTooLargeForTeams(error)) throw error;
      return messageResponse(TOO_LARGE_TEXT);
    }
    return {
      statusCode: 200,
      type: "application/vnd.microsoft.card.adaptive",
      value: card as unknown as AdaptiveCardInvokeResponse["value"],
    };
  }
}

/** The datasets people pickers on cards search ("choices.data": Data.Query with this dataset). */
export const STAFF_DATASET = "staff";

function searchResponse(results: Array<{ title: string; value: string }>): SearchInvokeResponse {
  return {
    statusCode: 200,
    type: "application/vnd.microsoft.search.searchResponse",
    value: { results } as unknown as SearchInvokeResponse["value"],
  };
}

function messageResponse(text: string): AdaptiveCardInvokeResponse {
  return {
    statusCode: 200,
    type: "application/vnd.microsoft.activity.message",
    value: text as unknown as AdaptiveCardInvokeResponse["value"],
  };
}

function isPersonal(context: TurnContext): boolean {
  return scopeOf(context) === "personal";
}

function scopeOf(context: TurnContext): string {
  return context.activity.conversation?.conversationType ?? "personal";
}
