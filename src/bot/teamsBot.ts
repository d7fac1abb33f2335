import {
  ActivityHandler,
  CardFactory,
  MessageFactory,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
} from "botbuilder";
import type { AppServices } from "../app/services";
import { mayViewAcknowledgementFigures } from "../domain/people/permissions";
import type { Person } from "../domain/people/person";
import type { CardMessage } from "../ports";
import type { ActionHandler } from "./actions";
import { renderCard } from "./cards/renderCard";
import { matchCommand, type CommandHandler, type FileHandler, type Reply } from "./commands";
import { ConversationReferences } from "./conversationReferences";
import { commandsFor, firstName } from "./handlers/helpCommand";

const NOT_ON_ROSTER =
  "Sorry, I can only help members of staff on the school's roster. If you think you should be on it, please ask the school office.";

export interface BotHandlers {
  readonly commands: readonly CommandHandler[];
  readonly actions: readonly ActionHandler[];
  /** What a message that is no command becomes (a policy question, once Q&A is wired). */
  readonly fallback: CommandHandler;
  /** Files sent in personal chat (the Word master of a new version). */
  readonly files?: readonly FileHandler[];
}

/** What Teams attaches when a person sends a bot a file in personal chat. */
const FILE_DOWNLOAD_INFO = "application/vnd.microsoft.teams.file.download.info";
/** A policy document is a few hundred KB; refuse anything far larger before reading it. */
const MAX_FILE_BYTES = 10 * 1024 * 1024;

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
      if (person) {
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
        dashboardUrl: mayViewAcknowledgementFigures(person) ? `${this.services.publicUrl}/tab/` : "",
      },
    };
  }

  private cardActivity(card: CardMessage) {
    return MessageFactory.attachment(CardFactory.adaptiveCard(renderCard(card)));
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
    const file = (context.activity.attachments ?? []).find((a) => a.contentType === FILE_DOWNLOAD_INFO);
    if (file) {
      await this.sendReplies(context, await this.receiveFile(context, person, file));
      return;
    }
    const text = TurnContext.removeRecipientMention(context.activity)?.trim() ?? "";
    if (!text) return;
    const matched = matchCommand(this.botHandlers.commands, text);
    const handler = matched?.handler ?? this.botHandlers.fallback;
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

  /**
   * A file sent in personal chat arrives as a download link Teams made for it (pre-authorised,
   * short-lived, on the tenant's SharePoint). It is read only for a handler that accepts it,
   * only over https (or loopback, in tests), and only up to MAX_FILE_BYTES.
   */
  private async receiveFile(context: TurnContext, person: Person, attachment: { name?: string; content?: unknown }): Promise<Reply[]> {
    if (scopeOf(context) !== "personal") return [{ text: "Please send files to me in our personal chat." }];
    const info = (attachment.content ?? {}) as { downloadUrl?: unknown; fileType?: unknown };
    const name = attachment.name ?? "file";
    const fileType = typeof info.fileType === "string" ? info.fileType.toLowerCase() : (name.split(".").pop() ?? "").toLowerCase();
    const handler = (this.botHandlers.files ?? []).find((h) => h.accepts({ name, fileType }));
    if (!handler) return [{ text: "I can only read a Word document (.docx) of the policy, sent by the policy owner." }];
    let url: URL;
    try {
      url = new URL(String(info.downloadUrl));
    } catch {
      return [{ text: "Teams did not send a link to the file. Please try sending it again." }];
    }
    const loopback = ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
    if (url.protocol !== "https:" && !(loopback && url.protocol === "http:")) return [{ text: "Teams did not send a link to the file. Please try sending it again." }];
    const response = await fetch(url, { redirect: "error", signal: AbortSignal.timeout(30_000) });
    const length = Number(response.headers.get("content-length") ?? 0);
    if (!response.ok || length > MAX_FILE_BYTES) return [{ text: response.ok ? "That file is too large for a policy document." : "The file could not be downloaded from Teams. Please send it again." }];
    const content = Buffer.from(await response.arrayBuffer());
    if (content.length > MAX_FILE_BYTES) return [{ text: "That file is too large for a policy document." }];
    return [...(await handler.handle({ person, file: { name, fileType, content } }))];
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
    return {
      statusCode: 200,
      type: "application/vnd.microsoft.card.adaptive",
      value: renderCard(outcome.card) as unknown as AdaptiveCardInvokeResponse["value"],
    };
  }
}

function messageResponse(text: string): AdaptiveCardInvokeResponse {
  return {
    statusCode: 200,
    type: "application/vnd.microsoft.activity.message",
    value: text as unknown as AdaptiveCardInvokeResponse["value"],
  };
}

function scopeOf(context: TurnContext): string {
  return context.activity.conversation?.conversationType ?? "personal";
}
