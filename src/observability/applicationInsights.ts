import type { RequestOptions } from "node:http";
import {
  ApplicationInsightsSampler,
  AzureMonitorMetricExporter,
  AzureMonitorTraceExporter,
} from "@azure/monitor-opentelemetry-exporter";
import { registerInstrumentations } from "@opentelemetry/instrumentation";
import {
  HttpInstrumentation,
  type HttpInstrumentationConfig,
} from "@opentelemetry/instrumentation-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { MeterProvider, PeriodicExportingMetricReader } from "@opentelemetry/sdk-metrics";
import { BatchSpanProcessor, NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { PrivateSpanExporter } from "./privateSpans";
import type { Telemetry, TelemetrySettings } from "./telemetry";

/*
 * Requests, outgoing HTTP calls and HTTP metrics to Application Insights through OpenTelemetry.
 * Deliberately not exported: logs (pino lines can name staff) and request/response bodies or
 * headers. Spans pass through PrivateSpanExporter (privateSpans.ts) on their way out.
 */

// Telemetry still queued at shutdown gets this long; a clean stop must not wait on Azure.
const FLUSH_TIMEOUT_MS = 3000;

/** restify knows the route template (/api/tab/versions/:version/rows); the instrumentation does not. */
const nameByRoute: HttpInstrumentationConfig["applyCustomAttributesOnSpan"] = (span, request) => {
  const route = (request as { getRoute?: () => { path?: unknown } | undefined }).getRoute?.()?.path;
  if (typeof route !== "string") return;
  span.setAttribute("http.route", route);
  span.updateName(`${(request as { method?: string }).method ?? "GET"} ${route}`);
};

/** Where the exporter sends (always https): the connection string's IngestionEndpoint, or Azure's default. */
function ingestionOrigin(connectionString: string): { hostname: string; port: string } {
  const endpoint =
    /(?:^|;)\s*IngestionEndpoint\s*=\s*([^;]+)/i.exec(connectionString)?.[1]?.trim() ?? "";
  try {
    const url = new URL(endpoint);
    return { hostname: url.hostname, port: url.port || "443" };
  } catch {
    return { hostname: "dc.services.visualstudio.com", port: "443" };
  }
}

/** The exporter's own calls, such as its retries of telemetry saved while offline. */
function isIngestion(
  request: RequestOptions,
  ingestion: { hostname: string; port: string },
): boolean {
  const port = String(request.port || (request.protocol === "http:" ? 80 : 443));
  return (request.hostname ?? request.host) === ingestion.hostname && port === ingestion.port;
}

export function startApplicationInsights(settings: TelemetrySettings): Telemetry {
  // The SDK's own usage statistics go to a Microsoft-owned resource and probe the Azure instance
  // metadata service; only the school's resource is meant to receive anything.
  process.env.APPLICATION_INSIGHTS_NO_STATSBEAT ??= "true";
  const options = { connectionString: settings.connectionString };
  const traceExporter = new AzureMonitorTraceExporter(options);
  const ingestion = ingestionOrigin(settings.connectionString);
  const resource = resourceFromAttributes({ "service.name": "policy-bot" });

  const tracerProvider = new NodeTracerProvider({
    resource,
    sampler: new ApplicationInsightsSampler(settings.samplingRatio),
    spanProcessors: [new BatchSpanProcessor(new PrivateSpanExporter(traceExporter))],
  });
  tracerProvider.register();
  const meterProvider = new MeterProvider({
    resource,
    readers: [
      new PeriodicExportingMetricReader({ exporter: new AzureMonitorMetricExporter(options) }),
    ],
  });
  const unregister = registerInstrumentations({
    tracerProvider,
    meterProvider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreOutgoingRequestHook: (request) => isIngestion(request, ingestion),
        applyCustomAttributesOnSpan: nameByRoute,
      }),
    ],
  });

  return {
    async shutdown() {
      unregister();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, FLUSH_TIMEOUT_MS);
        timer.unref();
      });
      await Promise.race([
        Promise.allSettled([tracerProvider.shutdown(), meterProvider.shutdown()]),
        timeout,
      ]);
      clearTimeout(timer);
    },
  };
}
