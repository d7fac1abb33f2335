import path from "node:path";
import type restify from "restify";
import type { AppServices } from "./app/services";
import { createBotEndpoint } from "./bot/botEndpoint";
import { buildBotHandlers } from "./bot/registry";
import { urlHost, type Config } from "./config";
import { createHttpServer } from "./http/server";
import { AppInstaller, scheduleAppInstalls } from "./identity/appInstaller";
import { dashboardLinkFor } from "./app/dashboardLink";
import { graphFor } from "./graph/graphAccess";
import { openDirectory } from "./identity/openDirectory";
import { packageRoot, packageVersion } from "./packageRoot";
import { loadPolicyFile } from "./policy/policyFile";
import { lazyQuestionModel } from "./policy/questionModelFile";
import type { Clock, Logger, Messenger } from "./ports";
import { Leases } from "./store/leases";
import { openStore } from "./store/openStore";
import { randomBytes, randomUUID } from "node:crypto";
import os from "node:os";
import { Outbox } from "./outbox/outbox";
import { PolicyVersions } from "./app/policy/policyVersions";
import { savedAnswersView } from "./app/qa/records";
import { Scheduler } from "./app/scheduler";
import { policyPage } from "./http/policyPage";
import { loadConsentList } from "./policy/consentListFile";
import { lazyIntentRecogniser } from "./policy/intentBankFile";
import { warmCardRenderer } from "./bot/cards/renderCard";
import { OutboxWorker } from "./outbox/outboxWorker";
import { ExportLinks } from "./http/exportLinks";
import { tabApi } from "./http/tabApi";
import { TAB_PANELS } from "./http/tabPanels";
import { createTabAuthenticator } from "./identity/tabAuth";
import { ALL_RECORD_KINDS } from "./features/allRecordKinds";
import { DELIVERY_KINDS } from "./recordKinds";
import { FEATURES, TEAMS_CARDS } from "./features";

/*
 * The composition root: config → adapters → use cases → server. The only place that wires,
 * shared by index.ts (the process) and the integration tests (the same app on a test port).
 */
export interface RunningApp {
  readonly server: restify.Server;
  readonly services: AppServices;
  /** The bot's proactive messaging, which only the outbox worker uses. */
  readonly messenger: Messenger;
  readonly outboxWorker: OutboxWorker;
  readonly scheduler: Scheduler;
  /** Installing the app for staff through Graph, when a catalog id is configured. */
  readonly appInstalls?: { readonly firstRun: Promise<void> };
  readonly url: string;
  stop(): Promise<void>;
}

/** Tests may move time: everything that reads the date reads this clock. */
export interface AppOverrides {
  readonly clock?: Clock;
  /** False for one-shot tools (the CLI): no outbox worker, no scheduled jobs. */
  readonly background?: boolean;
}

/** What a one-shot tool (the CLI) and the server share: the ports and settings, wired once. */
export interface BuiltServices {
  readonly services: AppServices;
  readonly graph: ReturnType<typeof graphFor>;
  readonly instance: string;
  /** Loads what is loaded on first use (the question model) now. */
  warm(): void;
  stop(): Promise<void>;
}

export async function buildServices(
  config: Config,
  logger: Logger,
  overrides: AppOverrides = {},
): Promise<BuiltServices> {
  // Both throw with file and line on a bad file: start-up stops before anything listens.
  const bundledPolicy = loadPolicyFile(config.policyFile);
  const questionModel = lazyQuestionModel(config.qaModelFile, (error) =>
    logger.error(
      { code: error.code, err: error.message },
      "question model unreadable (npm run qa:train): answering by retrieval alone",
    ),
  );
  if (!questionModel)
    logger.warn({}, "no question model (npm run qa:train): answering by retrieval alone");
  // The roster (CSV or Entra groups) and the store (SQLite or SharePoint) come from config.
  const graph = graphFor(config, logger);
  const { directory, stop: stopDirectory } = await openDirectory(config, graph, logger);
  const store = await openStore(config, graph, logger, ALL_RECORD_KINDS, DELIVERY_KINDS).catch(
    (error: Error) => {
      stopDirectory();
      throw error;
    },
  );
  // Unique per instance, even for two instances in one process (tests): leases tell them apart.
  const instance = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  const clock: Clock = overrides.clock ?? { now: () => new Date() };
  const services: AppServices = {
    store,
    directory,
    clock,
    outbox: new Outbox(store, clock),
    ids: { newId: () => randomUUID() },
    logger,
    bundledPolicy,
    publicUrl: config.publicUrl,
    dashboardUrlFor: dashboardLinkFor(config),
    schoolTimeZone: config.schoolTimeZone,
    policyVersions: new PolicyVersions(store, clock, config.schoolTimeZone),
    savedAnswers: savedAnswersView(store, clock),
    acknowledgements: config.acknowledgements,
    posts: {
      accounts: config.posts.accounts,
      consentList: loadConsentList(config.posts.consentListFile),
      reminderHours: config.posts.reminderHours,
    },
    ...TEAMS_CARDS,
    rateLimits: config.rateLimits,
  };
  // Loaded on first use (see lazyQuestionModel): a getter, so nothing reads the file before a
  // question or the warm-up after listening.
  if (questionModel) {
    Object.defineProperty(services, "questionModel", {
      get: () => questionModel.get(),
      enumerable: true,
    });
  }
  await services.policyVersions.ensureInstalled(bundledPolicy);
  return {
    warm: () => questionModel?.warm(),
    services,
    graph,
    instance,
    async stop() {
      stopDirectory();
      await store.close();
    },
  };
}

export async function startApp(
  config: Config,
  logger: Logger,
  overrides: AppOverrides = {},
): Promise<RunningApp> {
  const built = await buildServices(config, logger, overrides);
  const { services, graph, instance } = built;
  const { store, directory, clock } = services;
  const intents = lazyIntentRecogniser();
  const handlers = buildBotHandlers(services, intents.recogniser);
  const bot = createBotEndpoint(config.bot, services, handlers);
  const outboxWorker = new OutboxWorker(
    store,
    bot.messenger,
    clock,
    logger.child({ component: "outbox" }),
    {
      owner: instance,
      pollMs: config.outbox.pollMs,
      ratePerSecond: config.outbox.ratePerSecond,
      leaseMs: config.outbox.leaseMs,
      // Leavers stop receiving messages as soon as the roster no longer lists them.
      isOnRoster: async (aadObjectId) => Boolean(await directory.find(aadObjectId)),
    },
  );

  services.outbox.onEnqueued(() => outboxWorker.wake());

  let stopped = false;
  const server = createHttpServer({
    accepting: () => !stopped,
    bot,
    store,
    logger,
    version: packageVersion(),
    tabDir: path.join(packageRoot(), "lib", "tab"),
    localMode: config.localMode,
    routes: [
      tabApi({
        services,
        auth: createTabAuthenticator(config.sso, directory),
        panels: TAB_PANELS,
        routes: FEATURES.flatMap((f) => (f.tabRoutes ? [f.tabRoutes] : [])),
        // Local mode may go without a configured secret: one process, its own key.
        exportLinks: new ExportLinks(config.exportLinks.secret ?? randomBytes(32), clock),
      }),
      policyPage(services),
    ],
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const url = `http://${urlHost(config.host)}:${port}`;

  // What start-up left for later (the card templating library, the recogniser's training, the
  // question model) is done now, just after listening, so the first message does not wait for
  // it: one piece per turn of the event loop, so a request arriving meanwhile (a health probe)
  // waits for one piece at most, not for all three.
  const warmUps = [warmCardRenderer, () => intents.warm(), () => built.warm()];
  // A stop before it is done ends it: nothing loads into a process that is shutting down.
  let warming: NodeJS.Immediate | undefined;
  const warmNext = () => {
    warming = undefined;
    if (stopped) return;
    warmUps.shift()?.();
    if (warmUps.length > 0) warming = setImmediate(warmNext);
  };
  warming = setImmediate(warmNext);

  const background = overrides.background ?? true;
  if (background) outboxWorker.start();
  // Reminders, overdue summaries, reviews: one instance at a time through a store lease.
  const scheduler = new Scheduler(
    new Leases(store, clock),
    instance,
    config.scheduleTickMs,
    logger.child({ component: "scheduler" }),
    { jobEveryMs: config.scheduleJobEveryMs, clock },
  );
  // In the feature list's order (acknowledgements' notices first, as before the modules).
  for (const job of FEATURES.flatMap((f) => f.jobs?.(services, config) ?? [])) scheduler.add(job);
  if (background) scheduler.start();
  // Staff who never opened the app get it installed through Graph, so notices can reach them.
  // In production (an Entra roster) the app is found in the catalog by its manifest id; an explicit
  // TEAMS_APP_CATALOG_ID turns the installer on anywhere Graph is set up.
  const installable = config.teamsAppCatalogId
    ? { catalogId: config.teamsAppCatalogId }
    : config.teamsAppId && config.roster.source === "entra"
      ? { manifestId: config.teamsAppId }
      : undefined;
  const appInstalls =
    graph && installable
      ? scheduleAppInstalls(
          new AppInstaller({
            graph,
            store,
            directory,
            clock,
            logger: logger.child({ component: "appInstaller" }),
            app: installable,
            reach: config.bot.appId
              ? {
                  botAppId: config.bot.appId,
                  tenantId: config.bot.tenantId,
                  onReachable: (id) => services.outbox.requeueFor(id),
                }
              : undefined,
          }),
          new Leases(store, clock),
          instance,
          config.roster.source === "entra" ? config.roster.refreshMinutes * 60_000 : 3600_000,
          logger,
        )
      : undefined;
  return {
    server,
    services,
    messenger: bot.messenger,
    outboxWorker,
    scheduler,
    appInstalls,
    url,
    async stop() {
      if (stopped) return;
      stopped = true;
      if (warming) clearImmediate(warming);
      // All at once, so the whole stop fits App Service's shutdown window (under 10 s): the
      // worker stops claiming at once, jobs and sends in hand get a few seconds to finish.
      appInstalls?.stop();
      await Promise.all([
        new Promise<void>((resolve) => server.close(() => resolve())),
        scheduler.stop(),
        outboxWorker.stop(),
      ]);
      await built.stop();
    },
  };
}
