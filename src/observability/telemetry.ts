import type { Config } from "../config";

/** What the process holds on to: flushed last on shutdown, whether or not telemetry is on. */
export interface Telemetry {
  shutdown(): Promise<void>;
}

export type TelemetrySettings = NonNullable<Config["applicationInsights"]>;

/*
 * Application Insights is optional. Without a connection string nothing from OpenTelemetry is
 * loaded (the import below is the only way in), so the embedded default pays nothing for it.
 * Call before the HTTP server is loaded: the instrumentation patches `http` as it is required.
 */
export async function startTelemetry(settings: Config["applicationInsights"]): Promise<Telemetry> {
  if (!settings) return { shutdown: async () => undefined };
  const { startApplicationInsights } = await import("./applicationInsights");
  return startApplicationInsights(settings);
}
