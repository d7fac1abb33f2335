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
import { readableDate } from "../app/ukDates";
import { mayViewAcknowledgementFigures } from "../domain/people/permissions";
import { holdersOf, type Person } from "../domain/people/person";
import type { CardMessage } from "../ports";
import type { ActionHandler, ActionOutcome } from "./actions";
import { isTooLargeForTeams, renderCard } from "./cards/renderCard";
import { tooLargeNoteActivity } from "./tooLargeNote";
import {
  matchCommand,
  type CommandHandler,
  type CommandRequest,
  type FileHandler,
  type Reply,
} from "./commands";
import { ConversationReferences } from "./conversationReferences";
import { commandsFor, firstName } from "./handlers/helpCommand";
import type { Understood } from "./naturalCommands";

const PRIVATE_ONLY =
  "This is confidential, so it is only done in your private chat with me: open a chat with me and use the card there.";

/**
 * Said plainly to someone not on the roster: who keeps the list, and that people the policy
 * covers who are not employees (agency, supply, volunteers, contractors, governors) can be added.
 */
export function notOnRosterMessage(people: readonly Person[]): string {
  const keepers = holdersOf(people, "resources-manager").map((p) => p.displayName);
  const who = keepers.length
    ? `the school office (the Resources Manager, ${keepers.join(" or ")}, keeps the list)`
    : "the school office";
  return `You are not on this app's list of people the Staff Social Media Policy covers, so I cannot help you yet. Please ask ${who} to add you. Agency and supply staff, volunteers, contractors and governors can be added as well as employees.`;
}

export interface BotHandlers {
  readonly commands: readonly CommandHandler[];
  readonly actions: readonly ActionHandler[];
  /** What a message that is no command becomes (a policy question, once Q&A is wired). */
  readonly fallback: CommandHandler;
  /** Files sent in personal chat (the Word master of a new version). */
  readonly files?: readonly FileHandler[];
  /** Commands in the person's own words; without it only the command words work. */
  understand?(request: CommandRequest): Promise<Understood>;
}

/** What Teams attaches when a person sends a bot a file in personal chat. */
const FILE_DOWNLOAD_INFO = "application/vnd.microsoft.teams.file.download.info";
/** A policy document is a few hundred KB; refuse anything far larger before reading it. */
const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** Said in a group chat, a private command's replies go to the person's own chat with the bot. */
export const SENT_PRIVATELY = "I've sent you a private message.";
const WILL_SEND_PRIVATELY =
  "I'll send you a private message as soon as you open a chat with me (find the app under Apps in Teams).";

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
        await this.sendCardReply(context, this.introductionCard());
      } else if (person) {
        await this.remember(context);
        await this.sendCardReply(context, this.welcomeCard(person));
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
    if (arrived && scopeOf(context) === "personal")
      await this.services.outbox.requeueFor(aadObjectId);
  }

  private welcomeCard(person: Person): CardMessage {
    const policy = this.services.bundledPolicy.meta;
    return {
      template: "welcome",
      data: {
        firstName: firstName(person),
        schoolPolicyTitle: policy.title,
        policyVersion: policy.version,
        // The same UK date format as the cards ("1 December 2026").
        effectiveFrom: readableDate(policy.effectiveFrom, this.services.schoolTimeZone),
        // What each does, then what to type: "ask Can I post…" read as one command.
        commands: commandsFor(person, this.botHandlers.commands).map((c) => ({
          title: c.title,
          description: c.description,
          example: c.example,
        })),
        dashboardUrl: mayViewAcknowledgementFigures(person)
          ? this.services.dashboardUrlFor(person)
          : "",
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

  /**
   * A card reply, or the note with a link when the card is over Teams' limit: before sending
   * (our own estimate) or when Teams refuses it (413, or 400 saying so). True when it was a note.
   */
  private async sendCardReply(
    context: TurnContext,
    card: CardMessage,
  ): Promise<{ id?: string; note: boolean }> {
    const recipient = context.activity.from?.aadObjectId;
    try {
      const activity = MessageFactory.attachment(CardFactory.adaptiveCard(renderCard(card)));
      return { id: (await context.sendActivity(activity))?.id, note: false };
    } catch (error) {
      if (!isTooLargeForTeams(error)) throw error;
      this.services.logger.warn(
        { template: card.template },
        "reply card too large for Teams; sent a note instead",
      );
      const note = await tooLargeNoteActivity(this.services, recipient, card);
      return { id: (await context.sendActivity(note))?.id, note: true };
    }
  }

  private async sendReplies(context: TurnContext, replies: readonly Reply[]): Promise<void> {
    for (const reply of replies) {
      if (!("card" in reply)) {
        await context.sendActivity(MessageFactory.text(reply.text));
        continue;
      }
      const sent = await this.sendCardReply(context, reply.card);
      const recipient = context.activity.from?.aadObjectId;
      // A note is not the card: nothing may later update it as if it were.
      if (reply.keep && !sent.note && sent.id && recipient) {
        await this.services.outbox.recordDelivered(
          { ...reply.keep, recipient, card: reply.card },
          sent.id,
        );
      }
    }
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    // Action.Submit fallback (older clients): the card's data arrives as the message value.
    const value = context.activity.value as { verb?: unknown } | undefined;
    const submitted = Boolean(value && typeof value.verb === "string");
    const scope = scopeOf(context);
    // In a group chat or channel the bot answers only when @mentioned, as Teams delivers it;
    // anything else there is people talking to each other (even people not on the roster).
    if (!submitted && scope !== "personal" && !mentionsBot(context)) return;
    const person = await this.identify(context);
    if (!person) {
      await context.sendActivity(notOnRosterMessage(await this.services.directory.all()));
      return;
    }
    await this.remember(context);
    if (value && typeof value.verb === "string") {
      const outcome = await this.settle(
        context,
        person,
        await this.runAction(person, value.verb, value, scope),
      );
      if (outcome.kind === "card") await this.sendCardReply(context, outcome.card);
      else await context.sendActivity(MessageFactory.text(outcome.text));
      return;
    }
    const file = (context.activity.attachments ?? []).find(
      (a) => a.contentType === FILE_DOWNLOAD_INFO,
    );
    if (file) {
      await this.sendReplies(context, await this.receiveFile(context, person, file));
      return;
    }
    const text = TurnContext.removeRecipientMention(context.activity)?.trim() ?? "";
    if (!text) return;
    const matched = matchCommand(this.botHandlers.commands, text);
    if (matched && !matched.handler.visibleTo(person)) {
      await context.sendActivity(
        `Sorry, "${matched.handler.example}" is not something your role can do. Type help to see what you can.`,
      );
      return;
    }
    const request: CommandRequest = { person, argument: text, text, scope };
    if (matched) {
      await this.runCommand(context, matched.handler, { ...request, argument: matched.argument });
      return;
    }
    const understood = this.botHandlers.understand
      ? await this.botHandlers.understand(request)
      : { kind: "question" as const };
    // Read from the person's own words, a command has no argument ("i'd like to make a
    // suggestion" is not the suggestion itself); words that tell more start its form.
    if (understood.kind === "command") {
      await this.runCommand(context, understood.handler, {
        ...request,
        argument: "",
        ...(understood.told ? { told: understood.told } : {}),
      });
    } else if (understood.kind === "replies") await this.sendReplies(context, understood.replies);
    else await this.sendReplies(context, await this.botHandlers.fallback.handle(request));
  }

  /**
   * A file sent in personal chat arrives as a download link Teams made for it (pre-authorised,
   * short-lived, on the tenant's SharePoint). It is read only for a handler that accepts it,
   * only over https (or loopback, in tests), and only up to MAX_FILE_BYTES.
   */
  private async receiveFile(
    context: TurnContext,
    person: Person,
    attachment: { name?: string; content?: unknown },
  ): Promise<Reply[]> {
    if (scopeOf(context) !== "personal")
      return [{ text: "Please send files to me in our personal chat." }];
    const info = (attachment.content ?? {}) as { downloadUrl?: unknown; fileType?: unknown };
    const name = attachment.name ?? "file";
    const fileType =
      typeof info.fileType === "string"
        ? info.fileType.toLowerCase()
        : (name.split(".").pop() ?? "").toLowerCase();
    const handler = (this.botHandlers.files ?? []).find((h) => h.accepts({ name, fileType }));
    if (!handler)
      return [
        {
          text: "I can only read a Word document (.docx) of the policy, sent by the policy owner.",
        },
      ];
    let url: URL;
    try {
      url = new URL(String(info.downloadUrl));
    } catch {
      return [{ text: "Teams did not send a link to the file. Please try sending it again." }];
    }
    const loopback = ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
    if (url.protocol !== "https:" && !(loopback && url.protocol === "http:"))
      return [{ text: "Teams did not send a link to the file. Please try sending it again." }];
    const response = await fetch(url, { redirect: "error", signal: AbortSignal.timeout(30_000) });
    const length = Number(response.headers.get("content-length") ?? 0);
    if (!response.ok || length > MAX_FILE_BYTES)
      return [
        {
          text: response.ok
            ? "That file is too large for a policy document."
            : "The file could not be downloaded from Teams. Please send it again.",
        },
      ];
    const content = Buffer.from(await response.arrayBuffer());
    if (content.length > MAX_FILE_BYTES)
      return [{ text: "That file is too large for a policy document." }];
    return [...(await handler.handle({ person, file: { name, fileType, content } }))];
  }

  /** Runs a command; a private one asked for in a group chat answers in the person's own chat. */
  private async runCommand(
    context: TurnContext,
    handler: CommandHandler,
    request: CommandRequest,
  ): Promise<void> {
    if (handler.private && request.scope !== "personal") {
      const replies = await handler.handle({ ...request, scope: "personal" });
      await context.sendActivity(await this.deliverPrivately(context, request.person, replies));
      return;
    }
    // Everyone in a team or group chat sees the reply: a command whose replies are about the
    // person (help's role commands, a form) gets the neutral introduction there instead.
    if (request.scope !== "personal" && !handler.shared) {
      await this.sendCardReply(context, this.introductionCard());
      return;
    }
    await this.sendReplies(context, await handler.handle(request));
  }

  /** Queues the replies for the person's personal chat (the outbox delivers them) and says so. */
  private async deliverPrivately(
    context: TurnContext,
    person: Person,
    replies: readonly Reply[],
  ): Promise<string> {
    const turn = context.activity.id ?? this.services.ids.newId();
    let i = 0;
    for (const reply of replies) {
      const card: CardMessage =
        "card" in reply
          ? reply.card
          : { template: "notice", data: { title: "", message: reply.text, tone: "" } };
      // A card kept for later updates (a status card) keeps its key, so those updates find it.
      const keep = "card" in reply && reply.keep ? reply.keep : undefined;
      await this.services.outbox.enqueue({
        key: keep?.key ?? `privateReply:${person.aadObjectId}:${turn}:${i}`,
        recipient: person.aadObjectId,
        purpose: keep?.purpose ?? "privateReply",
        card,
      });
      i++;
    }
    return (await this.references.personal(person.aadObjectId))
      ? SENT_PRIVATELY
      : WILL_SEND_PRIVATELY;
  }

  /** A card action's outcome; a command it starts answers with its first card, the rest follow. */
  private async settle(
    context: TurnContext,
    person: Person,
    outcome: ActionOutcome,
  ): Promise<Exclude<ActionOutcome, { kind: "command" }>> {
    if (outcome.kind !== "command") return outcome;
    const scope = scopeOf(context);
    const request: CommandRequest = {
      person,
      argument: "",
      text: "",
      scope,
      ...(outcome.told ? { told: outcome.told } : {}),
    };
    if (outcome.handler.private && scope !== "personal") {
      return {
        kind: "message",
        text: await this.deliverPrivately(
          context,
          person,
          await outcome.handler.handle({ ...request, scope: "personal" }),
        ),
      };
    }
    const replies = await outcome.handler.handle(request);
    const first = replies[0];
    if (!first) return { kind: "message", text: "Done." };
    await this.sendReplies(context, replies.slice(1));
    return "card" in first
      ? { kind: "card", card: first.card }
      : { kind: "message", text: first.text };
  }

  private async runAction(
    person: Person,
    verb: string,
    data: unknown,
    scope: string,
  ): Promise<ActionOutcome> {
    const handler = this.actionsByVerb.get(verb);
    if (!handler) {
      return {
        kind: "message" as const,
        text: "This card is out of date or not recognised. Type help to start again.",
      };
    }
    // Reports, cases, posts and notices are private: nothing about them is done or shown in a group.
    if (scope !== "personal" && !handler.sharedConversations) {
      return { kind: "message" as const, text: PRIVATE_ONLY };
    }
    const parsed = handler.schema.safeParse(data);
    if (!parsed.success) {
      // A sentence of our own (it starts with a capital) is said as written; a limit is said with
      // its figure (the form's label says it too); otherwise the field is named.
      const said = parsed.error.issues.map((i) =>
        /^[A-Z][a-z]/.test(i.message) && !/^(Invalid|Too (big|small)|Expected)\b/.test(i.message)
          ? i.message
          : i.code === "too_big" && (i.origin === "string" || i.origin === "array")
            ? `An answer is over its limit of ${Number(i.maximum).toLocaleString("en-GB")}${i.origin === "string" ? " characters" : ""}, as its label says. Nothing was sent: shorten it and send it again.`
            : `${i.path.join(".") || "data"} is not valid.`,
      );
      return {
        kind: "message" as const,
        text: `Please check the form: ${[...new Set(said)].join(" ")}`,
      };
    }
    return handler.handle({ person, data: parsed.data, scope });
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
    const matches = await findColleagues(
      this.services.directory,
      invokeValue.queryText.slice(0, 100),
      {
        skip: Number(invokeValue.queryOptions?.skip) || 0,
        top: Number(invokeValue.queryOptions?.top) || 15,
      },
    );
    return searchResponse(matches.map((m) => ({ title: m.label, value: m.aadObjectId })));
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const person = await this.identify(context);
    if (!person) return messageResponse(notOnRosterMessage(await this.services.directory.all()));
    await this.remember(context);
    const verb = invokeValue?.action?.verb;
    if (typeof verb !== "string") return messageResponse("This card action is not recognised.");
    const outcome = await this.settle(
      context,
      person,
      await this.runAction(person, verb, invokeValue.action.data ?? {}, scopeOf(context)),
    );
    if (outcome.kind === "message") return messageResponse(outcome.text);
    let card: Record<string, unknown>;
    try {
      card = renderCard(outcome.card);
    } catch (error) {
      if (!isTooLargeForTeams(error)) throw error;
      return messageResponse(
        String((await tooLargeNoteActivity(this.services, person.aadObjectId, outcome.card)).text),
      );
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

function mentionsBot(context: TurnContext): boolean {
  // Teams writes the bot as "28:<app id>"; some clients leave the prefix off one side.
  const bare = (id: string | undefined) => (id ?? "").replace(/^28:/, "");
  const botId = bare(context.activity.recipient?.id);
  return (
    Boolean(botId) &&
    TurnContext.getMentions(context.activity).some((m) => bare(m.mentioned?.id) === botId)
  );
}

/** Teams always names the conversation type; the Agents Playground leaves it out of personal chats. */
function scopeOf(context: TurnContext): string {
  const conversation = context.activity.conversation;
  return conversation?.conversationType ?? (conversation?.isGroup ? "groupChat" : "personal");
}
