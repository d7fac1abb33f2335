import fs from "node:fs";
import path from "node:path";
import restify from "restify";
import { isLoopbackHost } from "../config";
import type { Logger, Store } from "../ports";

/*
 * The HTTP adapter: routes only. It hands /api/messages to the bot endpoint and serves the tab;
 * it never decides anything about the policy.
 */
export interface BotRequestHandler {
  process(req: restify.Request, res: restify.Response): Promise<void>;
}

export interface RouteModule {
  /** Adds its routes (the tab API, later features) to the server. */
  register(server: restify.Server): void;
}

export interface HttpDependencies {
  readonly bot: BotRequestHandler;
  readonly store: Store;
  readonly logger: Logger;
  readonly version: string;
  readonly tabDir: string;
  readonly localMode: boolean;
  readonly routes?: readonly RouteModule[];
  /** False while shutting down, so a load balancer stops sending work before the process exits. */
  readonly accepting?: () => boolean;
  /** The longest a client may take to send a whole request (headers and body), in ms. */
  readonly requestTimeoutMs?: number;
}

/** Teams and the tab send a request in milliseconds; a client trickling one is closed. */
export const REQUEST_TIMEOUT_MS = 10_000;

/** JSON, or a JSON-based type (application/activity+json): nothing a cross-site form can send. */
function isJson(contentType: string | undefined): boolean {
  return /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(contentType ?? "");
}

function hasBody(req: restify.Request): boolean {
  return (
    Number(req.headers["content-length"] ?? 0) > 0 || req.headers["transfer-encoding"] !== undefined
  );
}

/** The host part of a Host header or an origin's authority, without port or IPv6 brackets. */
function hostName(authority: string | undefined): string | undefined {
  if (!authority) return undefined;
  try {
    return new URL(`http://${authority}`).hostname.replace(/^\[(.*)\]$/, "$1");
  } catch {
    return undefined;
  }
}

/**
 * Local mode has no sign-in, so only this machine may talk to it: a Host that is not loopback
 * is DNS rebinding, an Origin that is not loopback is another web site driving the browser.
 */
function fromThisMachine(req: restify.Request): boolean {
  const host = hostName(req.headers.host);
  if (!host || !isLoopbackHost(host)) return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    const url = new URL(origin);
    return (
      (url.protocol === "http:" || url.protocol === "https:") &&
      isLoopbackHost(url.hostname.replace(/^\[(.*)\]$/, "$1"))
    );
  } catch {
    return false;
  }
}

/** The Teams and Microsoft 365 clients that embed a tab (web, desktop, Outlook, the M365 app). */
export const TAB_HOSTS = [
  "https://teams.microsoft.com",
  "https://*.teams.microsoft.com",
  "https://*.cloud.microsoft",
  "https://outlook.office.com",
  "https://*.office.com",
  "https://*.microsoft365.com",
  "https://*.office365.com",
] as const;

/** The tab runs inside Teams' frame: allow only Teams' hosts to frame it, and no inline script. */
export function tabSecurityHeaders(localMode: boolean): Record<string, string> {
  // A local harness (the playground, a test page) may frame it on this machine only.
  const ancestors = localMode
    ? [...TAB_HOSTS, "http://localhost:*", "http://127.0.0.1:*"]
    : TAB_HOSTS;
  return {
    "Content-Security-Policy": `default-src 'self'; script-src 'self' https://res.cdn.office.net; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors ${ancestors.join(" ")}`,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
  };
}

export function createHttpServer(deps: HttpDependencies): restify.Server {
  const server = restify.createServer({
    name: "social-media-policy-bot",
    handleUncaughtExceptions: false,
  });
  const log = deps.logger.child({ component: "http" });
  // A body trickled byte by byte holds a connection: Node closes it once the whole request has
  // taken longer than this (checked every second rather than Node's default 30 s).
  const requestTimeout = deps.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  server.server.requestTimeout = requestTimeout;
  server.server.headersTimeout = Math.min(5_000, requestTimeout);
  (
    server.server as unknown as { connectionsCheckingInterval: number }
  ).connectionsCheckingInterval = 1_000;
  server.pre((req, res, next) => {
    if (deps.localMode && !fromThisMachine(req)) {
      res.send(403, { error: "This local service only answers pages and tools on this machine." });
      return next(false);
    }
    // Only JSON is parsed: a form or multipart post is what any web page can send cross-site.
    const path = req.getPath?.() ?? req.url ?? "";
    if (
      req.method !== "GET" &&
      req.method !== "HEAD" &&
      (path === "/api/messages" || hasBody(req)) &&
      !isJson(req.headers["content-type"])
    ) {
      res.send(415, { error: "Send the body as application/json." });
      return next(false);
    }
    return next();
  });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  // bodyReader (inside jsonBodyParser) takes maxBodySize; restify's types leave it out.
  server.use(
    restify.plugins.jsonBodyParser({
      maxBodySize: 512 * 1024,
      mapParams: false,
    } as restify.plugins.JsonBodyParserOptions),
  );
  server.on("after", (req: restify.Request, res: restify.Response) => {
    log.debug(
      {
        requestId: req.id(),
        method: req.method,
        route: req.getRoute()?.path,
        status: res.statusCode,
      },
      "request",
    );
  });

  server.post("/api/messages", async (req, res) => {
    try {
      await deps.bot.process(req, res);
    } catch (error) {
      log.error({ requestId: req.id(), err: (error as Error).message }, "bot endpoint failed");
      if (!res.headersSent) res.send(500, { error: "internal error" });
    }
  });

  server.get("/healthz", async (_req, res) => {
    const store = await deps.store.status();
    res.send(store.ok ? 200 : 503, {
      status: store.ok ? "ok" : "degraded",
      version: deps.version,
      mode: deps.localMode ? "local" : "production",
      store,
    });
  });

  server.get("/readyz", async (_req, res) => {
    const store = await deps.store.status();
    const accepting = deps.accepting?.() ?? true;
    res.send(store.ok && accepting ? 200 : 503, {
      ready: store.ok && accepting,
      accepting,
      store: store.ok,
    });
  });

  server.get("/", (_req, res, next) => {
    res.redirect(302, "/tab/", next);
  });

  const indexFile = path.join(deps.tabDir, "index.html");
  server.get("/tab", (_req, res, next) => res.redirect(301, "/tab/", next));
  server.get(
    "/tab/*",
    restify.plugins.serveStaticFiles(deps.tabDir, {
      maxAge: 0,
      setHeaders: (res: { setHeader(n: string, v: string): void }) => {
        for (const [name, value] of Object.entries(tabSecurityHeaders(deps.localMode)))
          res.setHeader(name, value);
      },
    } as never),
  );
  if (!fs.existsSync(indexFile))
    log.warn({ tabDir: deps.tabDir }, "the tab has not been built (npm run build)");

  for (const module of deps.routes ?? []) module.register(server);
  return server;
}
