import fs from "node:fs";
import path from "node:path";
import restify from "restify";
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
  const ancestors = localMode ? [...TAB_HOSTS, "http://localhost:*", "http://127.0.0.1:*"] : TAB_HOSTS;
  return {
    "Content-Security-Policy": `default-src 'self'; script-src 'self' https://res.cdn.office.net; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors ${ancestors.join(" ")}`,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
  };
}

export function createHttpServer(deps: HttpDependencies): restify.Server {
  const server = restify.createServer({ name: "social-media-policy-bot", handleUncaughtExceptions: false });
  const log = deps.logger.child({ component: "http" });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(restify.plugins.bodyParser({ maxBodySize: 512 * 1024, mapParams: false, rejectUnknown: true }));
  server.on("after", (req: restify.Request, res: restify.Response) => {
    log.debug({ requestId: req.id(), method: req.method, route: req.getRoute()?.path, status: res.statusCode }, "request");
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
    res.send(store.ok && accepting ? 200 : 503, { ready: store.ok && accepting, accepting, store: store.ok });
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
        for (const [name, value] of Object.entries(tabSecurityHeaders(deps.localMode))) res.setHeader(name, value);
      },
    } as never),
  );
  if (!fs.existsSync(indexFile)) log.warn({ tabDir: deps.tabDir }, "the tab has not been built (npm run build)");

  for (const module of deps.routes ?? []) module.register(server);
  return server;
}
