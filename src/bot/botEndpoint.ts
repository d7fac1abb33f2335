import {
  CallerIdConstants,
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  MessageFactory,
  type Activity,
  type ConversationReference,
  type TurnContext,
} from "botbuilder";
import {
  AuthenticationConstants,
  AuthenticationError,
  EmulatorValidation,
} from "botframework-connector";
import { AsyncLocalStorage } from "node:async_hooks";
import { z } from "zod";
import type { AppServices } from "../app/services";
import type { CardMessage, DeliveryResult, Logger, Messenger } from "../ports";
import { CardTooLargeError, isTooLargeForTeams, renderCard } from "./cards/renderCard";
import { tooLargeNoteActivity, type NoteServices } from "./tooLargeNote";
import { ConversationReferences } from "./conversationReferences";
import { reuseConnectorClients } from "./reusedConnectorClients";
import { TeamsBot, type BotHandlers } from "./teamsBot";

/*
 * botbuilder's front door. The HTTP layer hands it a request and a response and knows nothing
 * else; with credentials configured, CloudAdapter checks every inbound Bot Framework token.
 */
export interface BotCredentials {
  readonly appId?: string;
  readonly appPassword?: string;
  readonly appType: string;
  readonly tenantId?: string;
  readonly openIdMetadataUrl?: string;
  readonly tokenIssuer?: string;
  /** Set: activities from any other tenant are refused before anyone is identified. */
  readonly allowedTenantId?: string;
}

/** The minimal shapes botbuilder needs; restify's request and response satisfy them. */
export interface InboundRequest {
  body?: unknown;
  headers: Record<string, string | string[] | undefined>;
  method?: string;
}
export interface OutboundResponse {
  status(code: number): unknown;
  send(body?: unknown): unknown;
  end(...args: unknown[]): unknown;
  header(name: string, value: unknown): unknown;
}

export interface BotEndpoint {
  process(req: InboundRequest, res: OutboundResponse): Promise<void>;
  readonly messenger: Messenger;
}

/** The least an activity must carry before botbuilder sees it; anything else is a 400, not a 500. */
const activityEnvelope = z.looseObject({
  type: z.string().min(1).max(64),
  serviceUrl: z.string().max(2048).optional(),
  // Every reply and every conversation reference needs it; Teams always sends it.
  conversation: z.looseObject({ id: z.string().min(1).max(1024) }),
});

/** Why a token was refused, for the one log line: never the token, a claim or a key. */
class RefusedToken extends AuthenticationError {
  constructor(readonly code: string) {
    super("Unauthorized", 401);
  }
}

/** CloudAdapter's own `process` logs each refused token's stack and echoes errors to the caller. */
class PolicyBotAdapter extends CloudAdapter {
  handle(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>) {
    return this.processActivity(authHeader, activity, logic);
  }
}

/** The tenant an activity says it comes from (Teams sends both; either must match). */
function tenantOf(activity: Partial<Activity>): string | undefined {
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const fromChannel = channelData?.tenant?.id;
  const fromConversation = activity.conversation?.tenantId;
  if (
    typeof fromChannel === "string" &&
    fromConversation !== undefined &&
    fromConversation !== fromChannel
  )
    return undefined;
  return typeof fromChannel === "string" ? fromChannel : fromConversation;
}

export function createBotEndpoint(
  credentials: BotCredentials,
  services: AppServices,
  handlers: BotHandlers,
): BotEndpoint {
  const auth = new ConfigurationBotFrameworkAuthentication(
    credentials.openIdMetadataUrl
      ? {
          // Public-cloud values, with the inbound token source overridden (sovereign clouds, tests).
          ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
          ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
          OAuthUrl: AuthenticationConstants.OAuthUrl,
          ToBotFromEmulatorOpenIdMetadataUrl:
            AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
          CallerId: CallerIdConstants.PublicAzureChannel,
          ToBotFromChannelOpenIdMetadataUrl: credentials.openIdMetadataUrl,
          ToBotFromChannelTokenIssuer:
            credentials.tokenIssuer ?? AuthenticationConstants.ToBotFromChannelTokenIssuer,
        }
      : {},
    new ConfigurationServiceClientCredentialFactory({
      MicrosoftAppId: credentials.appId,
      MicrosoftAppPassword: credentials.appPassword,
      MicrosoftAppType: credentials.appType,
      MicrosoftAppTenantId: credentials.tenantId,
    }),
  );
  refuseForgedTokensWith401(auth);
  reuseConnectorClients(auth);
  const adapter = new PolicyBotAdapter(auth);
  const logger = services.logger.child({ component: "bot" });
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    // Last resort: log what an operator needs (no message text, no names), apologise on messages only.
    logger.error(
      {
        activityId: context.activity.id,
        type: context.activity.type,
        err: error.message,
        stack: error.stack,
      },
      "turn failed",
    );
    if (context.activity.type === "message") {
      await context.sendActivity(
        "Sorry, something went wrong on my side. Please try again in a moment.",
      );
    }
  };
  const bot = new TeamsBot(services, handlers);
  const messenger = new BotMessenger(
    adapter,
    credentials.appId ?? "",
    new ConversationReferences(services.store),
    logger,
    services,
  );
  return {
    messenger,
    async process(req, res) {
      const envelope = activityEnvelope.safeParse(req.body);
      if (!envelope.success) {
        res.status(400);
        res.send({ error: "The body is not a Bot Framework activity." });
        res.end();
        return;
      }
      const activity = req.body as Activity;
      // Local mode checks no tokens: one sent anyway would send botbuilder to Microsoft's keys.
      const authorization = credentials.appId ? req.headers.authorization : undefined;
      let otherTenant = false;
      try {
        const invokeResponse = await adapter.handle(
          typeof authorization === "string" ? authorization : "",
          activity,
          async (context) => {
            // After the token is checked (so the answer says nothing to a stranger), before anyone is identified.
            if (
              credentials.allowedTenantId &&
              tenantOf(context.activity) !== credentials.allowedTenantId
            ) {
              otherTenant = true;
              return;
            }
            await bot.run(context);
          },
        );
        if (otherTenant) {
          logger.info(
            { activityId: activity.id, type: activity.type },
            "activity from another organisation refused",
          );
          res.status(403);
          res.send({ error: "This bot serves one organisation only." });
        } else {
          res.status(invokeResponse?.status ?? 200);
          if (invokeResponse?.body !== undefined) res.send(invokeResponse.body);
        }
        res.end();
      } catch (error) {
        if (!(error instanceof AuthenticationError)) throw error;
        if (error.statusCode >= 500) {
          // Bot Framework's keys could not be fetched: an outage, not the caller's fault.
          logger.warn(
            { activityId: activity.id, status: error.statusCode },
            "bot tokens cannot be checked",
          );
          res.status(503);
          res.send({ error: "Sign-in cannot be checked just now; try again shortly." });
          res.end();
          return;
        }
        // One line per refusal: a code, never the token, its claims or a stack.
        logger.info(
          {
            activityId: activity.id,
            code: error instanceof RefusedToken ? error.code : "BOT.UNAUTHORIZED",
          },
          "bot token refused",
        );
        res.status(401);
        res.send({ error: "unauthorized" });
        res.end();
      }
    },
  };
}

/**
 * botbuilder answers 500 when a token's signature or claims fail jsonwebtoken's checks (only
 * missing keys and expiry are its own AuthenticationError). A forged token is the caller's
 * fault, not ours: make every token verification failure a 401.
 */
/**
 * botframework-connector writes each refused token to console.error: the error's stack, and
 * for a bad signature every public key it holds. Inside a token check those writes are dropped
 * (the async context tells them apart from everything else); the caller logs one line instead.
 */
const checkingToken = new AsyncLocalStorage<true>();
let consoleQuietened = false;
function quietenTokenChecks(): void {
  if (consoleQuietened) return;
  consoleQuietened = true;
  const write = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    if (!checkingToken.getStore()) write(...args);
  };
}

function refuseForgedTokensWith401(auth: ConfigurationBotFrameworkAuthentication): void {
  quietenTokenChecks();
  const check = auth.authenticateRequest.bind(auth);
  const authenticate = (...args: Parameters<typeof check>) =>
    checkingToken.run(true, () => check(...args));
  auth.authenticateRequest = async (activity, authHeader) => {
    // The Bot Framework Emulator's issuer is for a developer's desktop; botbuilder would fetch
    // its keys from the internet and fail with a 500. This service never accepts it.
    if (authHeader && EmulatorValidation.isTokenFromEmulator(authHeader))
      throw new RefusedToken("BOT.EMULATOR_TOKEN");
    try {
      return await authenticate(activity, authHeader);
    } catch (error) {
      const name = (error as Error).name;
      if (name === "TokenExpiredError") throw new RefusedToken("BOT.TOKEN_EXPIRED");
      if (name === "JsonWebTokenError" || name === "NotBeforeError")
        throw new RefusedToken("BOT.BAD_TOKEN");
      if (error instanceof AuthenticationError)
        throw new RefusedToken(authHeader ? "BOT.TOKEN_REFUSED" : "BOT.NO_TOKEN");
      throw error;
    }
  };
}

/** Proactive messages through stored conversation references: the outbox's way to reach people. */
class BotMessenger implements Messenger {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly references: ConversationReferences,
    private readonly logger: Logger,
    private readonly services: NoteServices,
  ) {}

  private async withConversation(
    recipient: string,
    logic: (context: TurnContext) => Promise<{ activityId?: string; tooLarge?: string }>,
  ): Promise<DeliveryResult> {
    const record = await this.references.personal(recipient);
    if (!record) return { ok: false, reason: "no-reference" };
    let outcome: { activityId?: string; tooLarge?: string } = {};
    // The adapter hands errors inside a turn to onTurnError; catch them here to classify them.
    let failure: unknown;
    try {
      await this.adapter.continueConversationAsync(
        this.appId,
        record.reference as Partial<ConversationReference>,
        async (context) => {
          try {
            outcome = await logic(context);
          } catch (error) {
            failure = error;
          }
        },
      );
      if (failure) throw failure;
      if (outcome.tooLarge)
        return {
          ok: false,
          reason: "too-large",
          activityId: outcome.activityId ?? "",
          detail: outcome.tooLarge,
        };
      return { ok: true, activityId: outcome.activityId ?? "" };
    } catch (error) {
      return classifyFailure(error, this.logger);
    }
  }

  private noteFor(recipient: string, card: CardMessage): Promise<Partial<Activity>> {
    return tooLargeNoteActivity(this.services, recipient, card);
  }

  sendCard(recipient: string, card: CardMessage): Promise<DeliveryResult> {
    return this.withConversation(recipient, async (context) => {
      try {
        return { activityId: (await context.sendActivity(cardAttachment(card)))?.id };
      } catch (error) {
        // Over our limit before sending, or refused by Teams (413 / 400 saying so): a short
        // note with a link instead, and the outbox records that the card itself failed.
        if (!isTooLargeForTeams(error)) throw error;
        const why = tooLargeWhy(error);
        this.logger.warn(
          { template: card.template, why },
          "card too large for Teams; sent a note instead",
        );
        const note = await context.sendActivity(await this.noteFor(recipient, card));
        return {
          activityId: note?.id,
          tooLarge: `${why}; a short note with a link was sent instead`,
        };
      }
    });
  }

  updateCard(recipient: string, activityId: string, card: CardMessage): Promise<DeliveryResult> {
    return this.withConversation(recipient, async (context) => {
      try {
        await context.updateActivity({ ...cardAttachment(card), id: activityId });
        return { activityId };
      } catch (error) {
        if (!isTooLargeForTeams(error)) throw error;
        const why = tooLargeWhy(error);
        this.logger.warn(
          { template: card.template, why },
          "card too large for Teams; updated with a note instead",
        );
        await context.updateActivity({ ...(await this.noteFor(recipient, card)), id: activityId });
        return {
          activityId,
          tooLarge: `${why}; the card was replaced by a short note with a link`,
        };
      }
    });
  }
}

/** For the outbox record and the log: which limit it was, never the card's content. */
function tooLargeWhy(error: unknown): string {
  if (error instanceof CardTooLargeError) return "over Teams' size limit before sending";
  const status = (error as { statusCode?: unknown })?.statusCode;
  return `Teams refused it as too large (HTTP ${String(status)})`;
}

function cardAttachment(card: CardMessage) {
  return MessageFactory.attachment(CardFactory.adaptiveCard(renderCard(card)));
}

function classifyFailure(error: unknown, logger: Logger): DeliveryResult {
  const e = error as {
    statusCode?: number;
    response?: { headers?: { get?(n: string): string | undefined } };
    message?: string;
  };
  const status = e.statusCode;
  if (status === 403)
    return { ok: false, reason: "blocked", detail: "the person blocked or removed the bot" };
  if (status === 429 || status === 503) {
    const retryAfter = Number(e.response?.headers?.get?.("retry-after"));
    return {
      ok: false,
      reason: "throttled",
      retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
    };
  }
  logger.warn({ status, err: e.message }, "proactive message failed");
  return {
    ok: false,
    reason: "failed",
    detail: status ? `HTTP ${status}` : (e.message ?? "unknown error"),
  };
}
