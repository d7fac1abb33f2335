import { SpanKind } from "@opentelemetry/api";
import type { ReadableSpan, SpanExporter, TimedEvent } from "@opentelemetry/sdk-trace-node";

/*
 * The bot holds confidential personnel reports, so telemetry records the shape of a request,
 * never its content. An allow-list rather than a deny-list: anything an instrumentation adds
 * later (a header, a client address, a user agent, a name) is dropped until someone decides it
 * is safe. Incoming requests keep scheme, host and path; the query (the tab API's search and
 * filters), fragment and user-info go. Outgoing calls keep only the host: their paths carry
 * conversation ids and, for Graph, user principal names. Bodies and headers are never captured.
 */
const KEPT_ATTRIBUTES = new Set([
  "http.request.method",
  "http.response.status_code",
  "http.route",
  "url.scheme",
  "server.address",
  "server.port",
  "network.protocol.version",
  "error.type",
  // Set by the sampler: Application Insights multiplies counts by it.
  "microsoft.sample_rate",
  // The older HTTP conventions, should an instrumentation still emit them.
  "http.method",
  "http.status_code",
  "http.scheme",
  "http.flavor",
  "net.host.name",
  "net.host.port",
  "net.peer.name",
  "net.peer.port",
]);
const FULL_URLS = new Set(["url.full", "http.url"]);
const PATHS = new Set(["url.path", "http.target"]);
// Only the HTTP layer records exceptions (socket errors); application errors never reach a span.
const EXCEPTION_ATTRIBUTES = new Set([
  "exception.type",
  "exception.message",
  "exception.stacktrace",
]);

/** The path alone: no query string, fragment or user-info. */
function withoutQuery(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return url.split(/[?#]/, 1)[0] ?? "";
  }
}

type Attributes = ReadableSpan["attributes"];

function privateAttributes(
  attributes: Attributes,
  kept: ReadonlySet<string> = KEPT_ATTRIBUTES,
): Attributes {
  const result: Attributes = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (kept.has(key)) result[key] = value;
    else if (typeof value === "string" && FULL_URLS.has(key)) result[key] = withoutQuery(value);
    else if (typeof value === "string" && PATHS.has(key))
      result[key] = value.split(/[?#]/, 1)[0] ?? "";
  }
  return result;
}

function privateEvent(event: TimedEvent): TimedEvent {
  return { ...event, attributes: privateAttributes(event.attributes ?? {}, EXCEPTION_ATTRIBUTES) };
}

/** An outgoing call as "POST smba.trafficmanager.net": which service, never which conversation. */
function privateClientSpan(span: ReadableSpan): Pick<ReadableSpan, "name" | "attributes"> {
  const attributes = privateAttributes(span.attributes);
  for (const key of [...FULL_URLS, ...PATHS]) delete attributes[key];
  const method = attributes["http.request.method"] ?? attributes["http.method"];
  const host = attributes["server.address"] ?? attributes["net.peer.name"];
  return {
    name: method && host ? `${String(method)} ${String(host)}` : String(method ?? "HTTP"),
    attributes,
  };
}

function privateSpan(span: ReadableSpan): ReadableSpan {
  const { name, attributes } =
    span.kind === SpanKind.CLIENT
      ? privateClientSpan(span)
      : {
          name: span.name.split(/[?#]/, 1)[0] ?? "",
          attributes: privateAttributes(span.attributes),
        };
  return {
    name,
    kind: span.kind,
    spanContext: () => span.spanContext(),
    parentSpanContext: span.parentSpanContext,
    startTime: span.startTime,
    endTime: span.endTime,
    // The status message of a failed request can repeat what the peer said: only the code stays.
    status: { code: span.status.code },
    attributes,
    links: [],
    events: span.events.filter((e) => e.name === "exception").map(privateEvent),
    duration: span.duration,
    ended: span.ended,
    resource: span.resource,
    instrumentationScope: span.instrumentationScope,
    droppedAttributesCount: span.droppedAttributesCount,
    droppedEventsCount: span.droppedEventsCount,
    droppedLinksCount: span.droppedLinksCount,
  };
}

/** Wraps the Application Insights exporter so nothing leaves the process unfiltered. */
export class PrivateSpanExporter implements SpanExporter {
  constructor(private readonly inner: SpanExporter) {}

  export(spans: ReadableSpan[], done: Parameters<SpanExporter["export"]>[1]): void {
    this.inner.export(spans.map(privateSpan), done);
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}
