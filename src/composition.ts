import path from "node:path";
import type restify from "restify";
import type { AppServices } from "./app/services";
import { createBotEndpoint } from "./bot/botEndpoint";
import { buildBotHandlers } from "./bot/registry";
import type { Config } from "./config";
import { createHttpServer } from "./http/server";
import { CsvRoster } from "./identity/csvRoster";
import { packageRoot, packageVersion } from "./packageRoot";
import { loadPolicyFile } from "./policy/policyFile";
import type { Logger } from "./ports";
import { SqliteStore } from "./store/sqlite/sqliteStore";
import { randomUUID } from "node:crypto";
import os from "node:os";
import { Outbox } from "./outbox/outbox";
import { OutboxWorker } from "./outbox/outboxWorker";

/*
 * The composition root: config → adapters → use cases → server. The only place that wires,
 * shared by index.ts (the process) and the integration tests (the same app on a test port).
 */
export interface RunningApp {
  readonly server: restify.Server;
  readonly services: AppServices;
  readonly outboxWorker: OutboxWorker;
  readonly url: string;
  stop(): Promise<void>;
}

export async function startApp(config: Config, logger: Logger): Promise<RunningApp> {
  // Both throw with file and line on a bad file: start-up stops before anything listens.
  const bundledPolicy = loadPolicyFile(config.policyFile);
  const directory = CsvRoster.load(config.rosterFile);
  const store = SqliteStore.inDataDir(config.dataDir);

  const clock = { now: () => new Date() };
  const services: AppServices = {
    store,
    directory,
    // Replaced below once the bot endpoint (which owns proactive messaging) exists.
    messenger: undefined as never,
    clock,
    outbox: new Outbox(store, clock),
    ids: { newId: () => randomUUID() },
    logger,
    bundledPolicy,
    publicUrl: config.publicUrl,
    schoolTimeZone: config.schoolTimeZone,
  };
  const handlers = buildBotHandlers(services);
  const bot = createBotEndpoint(
    config.bot,
    services,
    handlers,
  );
  Object.assign(services, { messenger: bot.messenger });
  const outboxWorker = new OutboxWorker(store, bot.messenger, clock, logger.child({ component: "outbox" }), {
    owner: `${os.hostname()}:${process.pid}`,
    pollMs: config.outbox.pollMs,
    ratePerSecond: config.outbox.ratePerSecond,
  });

  let stopped = false;
  const server = createHttpServer({
    accepting: () => !stopped,
    bot,
    store,
    logger,
    version: packageVersion(),
    tabDir: path.join(packageRoot(), "lib", "tab"),
    localMode: config.localMode,
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const url = `http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${port}`;

  outboxWorker.start();
  return {
    server,
    services,
    outboxWorker,
    url,
    async stop() {
      if (stopped) return;
      stopped = true;
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await outboxWorker.stop();
      await store.close();
    },
  };
}
