import {
  Client,
  GraphError,
  HTTPMessageHandler,
  RetryHandler,
  RetryHandlerOptions,
  type Context,
  type Middleware,
} from "@microsoft/microsoft-graph-client";
import type { Logger } from "../ports";
import { GraphThrottle, ruCost } from "./throttle";
import type { TokenProvider } from "./tokenProvider";

/*
 * One Microsoft Graph client for the service (SharePoint lists, Entra groups, Teams app
 * installs), built on @microsoft/microsoft-graph-client's middleware chain:
 *
 *   bearer token ─► RetryHandler (SDK: 429/503/504, honours Retry-After, bounded) ─► the
 *   instance's throttle (resource units, lanes, a 429 pauses everyone) ─► per-attempt timeout ─►
 *   fetch
 *
 * A request that times out or loses its connection becomes a 504 inside the chain, so the SDK's
 * RetryHandler retries it like any gateway timeout; every write the adapters send is safe to
 * replay (creates are unique on recordId, updates carry If-Match). GRAPH_BASE_URL is a setting,
 * so the same client talks to a real tenant or to the in-repo Graph test server.
 */
export interface GraphSettings {
  /** e.g. https://graph.microsoft.com/v1.0 */
  readonly baseUrl: string;
  /** Per attempt: a slow answer is abandoned and retried. */
  readonly timeoutMs: number;
  /** Retries after the first attempt (the SDK caps this at 10). */
  readonly maxRetries: number;
  /** RetryHandler's base delay (seconds) when an answer carries no Retry-After. */
  readonly retryDelaySeconds?: number;
  /** Wait (seconds) before retrying a request that got no answer at all. */
  readonly transportRetryAfterSeconds?: number;
  /** This instance's share of SharePoint's per-app budget (RU per minute); none when absent. */
  readonly ruPerMinute?: number;
  /** One throttle shared with other clients of this instance (default: a new one). */
  readonly throttle?: GraphThrottle;
}

export const DEFAULT_GRAPH_BASE_URL = "https://graph.microsoft.com/v1.0";

/** Thrown when Graph stays throttled or unreachable after the bounded retries. */
export class GraphUnavailableError extends Error {
  readonly code = "GRAPH.UNAVAILABLE";
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export function statusOf(error: unknown): number | undefined {
  return error instanceof GraphError ? error.statusCode : undefined;
}

/** Attaches the bearer token, and only to requests for the configured Graph origin. */
class BearerTokenHandler implements Middleware {
  private next?: Middleware;

  constructor(
    private readonly origin: string,
    private readonly tokens: TokenProvider,
  ) {}

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === "string" ? context.request : context.request.url;
    const headers = new Headers(
      context.options?.headers as ConstructorParameters<typeof Headers>[0],
    );
    if (new URL(url).origin === this.origin) {
      headers.set("Authorization", `Bearer ${await this.tokens.getToken()}`);
    } else {
      headers.delete("Authorization");
    }
    context.options = { ...context.options, headers: Object.fromEntries(headers.entries()) };
    await this.next?.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

/**
 * Gives each attempt its own deadline, body included (the body is read here, inside the
 * deadline); no answer, or half an answer, is reported as a retryable 504.
 */
class AttemptTimeoutHandler implements Middleware {
  private next?: Middleware;

  constructor(
    private readonly timeoutMs: number,
    private readonly retryAfterSeconds: number,
    private readonly logger?: Logger,
  ) {}

  async execute(context: Context): Promise<void> {
    context.options = { ...context.options, signal: AbortSignal.timeout(this.timeoutMs) };
    const started = Date.now();
    try {
      await this.next?.execute(context);
      const response = context.response;
      if (response?.body) {
        const body = await response.arrayBuffer();
        context.response = new Response(body, {
          status: response.status,
          statusText: response.statusText,
          headers: response.headers,
        });
      }
    } catch (error) {
      const reason = (error as Error).name === "TimeoutError" ? "timed out" : "connection failed";
      this.logger?.warn(
        { method: context.options?.method, path: pathOf(context), reason },
        "graph request got no answer",
      );
      context.response = new Response(
        JSON.stringify({ error: { code: "transportFailure", message: `The request ${reason}.` } }),
        {
          status: 504,
          headers: {
            "Content-Type": "application/json",
            "Retry-After": String(this.retryAfterSeconds),
          },
        },
      );
    }
    const status = context.response?.status ?? 0;
    if (status === 429 || status >= 500) {
      this.logger?.warn(
        {
          method: context.options?.method,
          path: pathOf(context),
          status,
          retryAfter: context.response?.headers.get("Retry-After"),
          ms: Date.now() - started,
        },
        "graph request throttled or failed",
      );
    } else {
      this.logger?.debug(
        {
          method: context.options?.method,
          path: pathOf(context),
          status,
          ms: Date.now() - started,
        },
        "graph request",
      );
    }
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

/**
 * Every attempt (the SDK's retries included) waits its turn at the shared throttle for the
 * resource units it costs; what Graph answers about throttling is fed back to it.
 */
class ThrottleHandler implements Middleware {
  private next?: Middleware;

  constructor(private readonly throttle: GraphThrottle) {}

  async execute(context: Context): Promise<void> {
    const method = (context.options?.method ?? "GET").toUpperCase();
    await this.throttle.acquire(costOf(method, context));
    await this.next?.execute(context);
    const response = context.response;
    if (!response) return;
    if (response.status === 429 || response.status === 503) {
      this.throttle.pause(retryAfterSeconds(response.headers.get("Retry-After")));
    }
    const remaining = Number(response.headers.get("RateLimit-Remaining") ?? NaN);
    if (Number.isFinite(remaining)) {
      this.throttle.remaining(
        remaining,
        retryAfterSeconds(response.headers.get("RateLimit-Reset")),
      );
    }
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

/** A request's units; a $batch costs what its parts cost. */
function costOf(method: string, context: Context): number {
  const url = typeof context.request === "string" ? context.request : context.request.url;
  const path = new URL(url).pathname;
  if (!path.endsWith("/$batch")) return ruCost(method, path);
  try {
    const body = JSON.parse(String(context.options?.body ?? "{}")) as {
      requests?: { method?: string; url?: string }[];
    };
    return (body.requests ?? []).reduce((n, r) => n + ruCost(r.method ?? "GET", r.url ?? ""), 0);
  } catch {
    return 0;
  }
}

/** Retry-After (or RateLimit-Reset) in seconds; 1 when absent or unreadable. */
export function retryAfterSeconds(header: string | null | undefined): number {
  const seconds = header === null || header === undefined ? NaN : Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds, 300) : 1;
}

/** The path without its query or a person's id: who was looked up stays out of the logs. */
function pathOf(context: Context): string {
  const url = typeof context.request === "string" ? context.request : context.request.url;
  return new URL(url).pathname.replace(/\/users\/[^/]+/, "/users/{id}");
}

export interface GraphResponse<T> {
  readonly body: T;
}

/**
 * Thin calls over the SDK client with paths relative to the version root (e.g. "/sites/x/lists"),
 * query strings already encoded with `graphQuery`.
 */
export class GraphApi {
  readonly client: Client;
  readonly baseUrl: string;
  /** How many times a throttled request is retried: also bounds retries of batch parts. */
  readonly maxRetries: number;
  /** Shared by every request of this client (and of clients given the same throttle). */
  readonly throttle: GraphThrottle;
  private readonly origin: string;

  constructor(settings: GraphSettings, tokens: TokenProvider, logger?: Logger) {
    const base = new URL(settings.baseUrl);
    this.baseUrl = settings.baseUrl.replace(/\/+$/, "");
    this.maxRetries = Math.min(10, settings.maxRetries);
    this.origin = base.origin;
    const version = base.pathname.replace(/^\/+|\/+$/g, "");
    this.throttle =
      settings.throttle ??
      new GraphThrottle({ ruPerMinute: settings.ruPerMinute ?? Infinity }, logger);
    const chain: Middleware[] = [
      new BearerTokenHandler(this.origin, tokens),
      new RetryHandler(new RetryHandlerOptions(settings.retryDelaySeconds ?? 1, this.maxRetries)),
      new ThrottleHandler(this.throttle),
      new AttemptTimeoutHandler(
        settings.timeoutMs,
        settings.transportRetryAfterSeconds ?? 1,
        logger,
      ),
      new HTTPMessageHandler(),
    ];
    for (let i = 0; i < chain.length - 1; i++) chain[i]!.setNext?.(chain[i + 1]!);
    this.client = Client.initWithMiddleware({
      middleware: chain[0],
      baseUrl: this.origin,
      defaultVersion: version,
    });
  }

  private request(path: string, headers: Record<string, string>) {
    return this.client.api(path).headers(headers);
  }

  async get<T>(path: string, headers: Record<string, string> = {}): Promise<T> {
    return this.call(() => this.request(path, headers).get() as Promise<T>);
  }

  async post<T>(path: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
    return this.call(() => this.request(path, headers).post(body) as Promise<T>);
  }

  async patch<T>(path: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
    return this.call(() => this.request(path, headers).patch(body) as Promise<T>);
  }

  async delete(path: string, headers: Record<string, string> = {}): Promise<void> {
    await this.call(() => this.request(path, headers).delete() as Promise<unknown>);
  }

  /** Throttling or silence that outlasted the retries becomes one typed error. */
  private async call<T>(send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      const status = statusOf(error);
      if (status === 429 || status === 503 || status === 504) {
        throw new GraphUnavailableError(
          `Microsoft Graph is unavailable (HTTP ${status}) after retries`,
          status,
        );
      }
      throw error;
    }
  }

  /**
   * An @odata.nextLink as a path for this client, or undefined when it points anywhere but our
   * Graph base URL (a cursor handed back by a caller must never send our token elsewhere).
   */
  relativeLink(link: string): string | undefined {
    let url: URL;
    try {
      url = new URL(link);
    } catch {
      return undefined;
    }
    const full = `${url.origin}${url.pathname}`;
    if (url.origin.toLowerCase() !== this.origin.toLowerCase()) return undefined;
    const basePath = new URL(this.baseUrl).pathname.replace(/\/+$/, "");
    if (!url.pathname.toLowerCase().startsWith(`${basePath.toLowerCase()}/`)) return undefined;
    return `${full.slice(url.origin.length + basePath.length)}${url.search}`;
  }
}

/** Encodes OData query options: keys keep their "$", values are percent-encoded. */
export function graphQuery(params: Record<string, string | number | undefined>): string {
  const parts = Object.entries(params)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`);
  return parts.length ? `?${parts.join("&")}` : "";
}
