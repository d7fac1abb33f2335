import { ConfigError, loadConfig } from "./config";
import { createLogger } from "./logging";
import { startTelemetry } from "./observability/telemetry";

/** The process: validate config, start, print where to go, stop cleanly on SIGTERM. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  let app;
  let telemetry;
  try {
    // Telemetry first, then the app: the HTTP instrumentation must see `http` loaded by restify.
    telemetry = await startTelemetry(config.applicationInsights);
    const { startApp } = await import("./composition");
    app = await startApp(config, logger);
  } catch (error) {
    const e = error as Error & { code?: string };
    // Roster and policy errors already name the file and line: print them as they are.
    console.error(`Cannot start: ${e.message}`);
    process.exit(1);
  }
  const base = app.url;
  if (config.localMode) {
    console.log(
      [
        `Staff Social Media Policy bot is running in local mode (no Microsoft credentials; ${config.store.kind === "sqlite" ? "embedded store" : "SharePoint store"}; loopback only).`,
        `  Bot endpoint:  ${base}/api/messages`,
        `  Health:        ${base}/healthz`,
        `  Dashboard tab: ${base}/tab/`,
        `  Data folder:   ${config.dataDir}`,
      ].join("\n"),
    );
  } else {
    logger.info({ url: base }, "listening");
  }

  const shutdown = async (signal: string) => {
    logger.info({ signal }, "shutting down");
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    await app.stop();
    // After the server has stopped, so the last requests are in the final batch.
    await telemetry.shutdown();
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}

void main();
