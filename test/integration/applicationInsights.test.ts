import { execFileSync } from "node:child_process";
import fs from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { ConfigError, loadConfig } from "../../src/config";
import { LOCAL_USER_HEADER } from "../../src/identity/tabAuth";
import { messageActivity, post } from "../support/activities";
import { startServerUnderTest, type ServerUnderTest } from "../support/appServer";
import { ConnectorRecorder } from "../support/connectorRecorder";
import { personWith, sampleRoster } from "../support/sampleRoster";

/*
 * The real server, started as `npm start` starts it, with an Application Insights connection
 * string pointing at a stand-in for the ingestion endpoint. The exporter insists on https, so the
 * stand-in has a throwaway certificate the child process trusts through NODE_EXTRA_CA_CERTS.
 * Telemetry is asserted after SIGTERM: the shutdown flush is what delivers it, without waiting
 * for an export interval.
 */
jest.setTimeout(60_000);

interface Envelope {
  readonly name: string;
  readonly tags?: Record<string, string>;
  readonly data?: { readonly baseType?: string; readonly baseData?: Record<string, unknown> };
}

interface Received {
  readonly path: string;
  readonly body: string;
}

/** Answers like Application Insights' Breeze ingestion (`POST /v2.1/track`), keeping every call. */
class FakeIngestion {
  readonly received: Received[] = [];
  private server?: https.Server;

  constructor(private readonly tls: { key: Buffer; cert: Buffer }) {}

  async start(): Promise<string> {
    this.server = https.createServer(this.tls, (req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const raw = Buffer.concat(chunks);
        const body = (req.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw).toString(
          "utf8",
        );
        this.received.push({ path: req.url ?? "", body });
        const count = body.startsWith("[") ? (JSON.parse(body) as unknown[]).length : 0;
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ itemsReceived: count, itemsAccepted: count, errors: [] }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    return `https://127.0.0.1:${(this.server!.address() as AddressInfo).port}/`;
  }

  envelopes(): Envelope[] {
    return this.received.flatMap((r) => JSON.parse(r.body) as Envelope[]);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }
}

/** SIGTERM, then wait for the exit code: the shutdown path is what flushes telemetry. */
async function terminate(server: ServerUnderTest): Promise<number | null> {
  const child = server.process.child;
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const code = await exited;
  await server.stop();
  return code;
}

describe("Application Insights", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "app-insights-"));
  const certFile = path.join(dir, "cert.pem");
  const keyFile = path.join(dir, "key.pem");
  // Lists the OpenTelemetry modules the child loaded, written as it exits.
  const loadedModulesProbe = path.join(dir, "probe.js");
  let ingestion: FakeIngestion;
  let connectionString: string;

  beforeAll(async () => {
    // A throwaway certificate for 127.0.0.1, valid for a day.
    const subject = ["-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"];
    const key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
    const out = ["-keyout", keyFile, "-out", certFile, "-days", "1"];
    execFileSync("openssl", ["req", "-x509", ...key, ...subject, ...out], { stdio: "ignore" });
    fs.writeFileSync(
      loadedModulesProbe,
      `process.on("exit", () => require("fs").writeFileSync(process.env.PROBE_OUT, JSON.stringify(` +
        `Object.keys(require.cache).filter((m) => m.includes("opentelemetry")))));\n`,
    );
    ingestion = new FakeIngestion({
      key: fs.readFileSync(keyFile),
      cert: fs.readFileSync(certFile),
    });
    const endpoint = await ingestion.start();
    connectionString = `InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=${endpoint};LiveEndpoint=${endpoint}`;
  });
  beforeEach(() => ingestion.received.splice(0));
  afterAll(async () => {
    await ingestion?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The child trusts the stand-in's certificate; TMPDIR keeps the exporter's retry store here. */
  const childEnv = (name: string, env: Record<string, string>) => {
    const tmp = fs.mkdtempSync(path.join(dir, `${name}-`));
    return {
      NODE_EXTRA_CA_CERTS: certFile,
      TMPDIR: tmp,
      NODE_OPTIONS:
        `${process.env.NODE_OPTIONS ?? ""} --require ${JSON.stringify(loadedModulesProbe)}`.trim(),
      PROBE_OUT: path.join(tmp, "loaded.json"),
      ...env,
    };
  };

  test("when the connection string is set, then requests and calls reach it without query strings, tokens or names", async () => {
    const env = childEnv("on", { APPLICATIONINSIGHTS_CONNECTION_STRING: connectionString });
    const server = await startServerUnderTest(env);
    const connector = await new ConnectorRecorder().start();
    const head = personWith("headteacher");
    const searched = personWith("aht-digital");
    const token = "eyJhbGciOiJub25lIn0.secret-bearer-token-for-the-test";
    const asHead = { [LOCAL_USER_HEADER]: head.aadObjectId, Authorization: `Bearer ${token}` };

    expect((await fetch(`${server.url}/healthz?probe=liveness`)).status).toBe(200);
    const versions = (await (
      await fetch(`${server.url}/api/tab/versions`, { headers: asHead })
    ).json()) as {
      versions: { version: string }[];
    };
    const version = versions.versions[0]!.version;
    const query = `q=${encodeURIComponent(searched.displayName)}&pageSize=5`;
    const rows = await fetch(`${server.url}/api/tab/versions/${version}/rows?${query}`, {
      headers: asHead,
    });
    // The answer really does name staff: so their absence below is the filter's doing.
    expect(await rows.text()).toContain(searched.displayName);
    // The bot's reply is an outgoing call to the connector, its path naming the conversation.
    expect(
      (await post(server.url, messageActivity(head, connector.url, "help"))).status,
    ).toBeLessThan(300);
    expect(connector.activities.length).toBeGreaterThan(0);

    expect(await terminate(server)).toBe(0);
    await connector.stop();
    // The probe works: with the connection string the exporter is loaded (the next test relies on it).
    expect(JSON.parse(fs.readFileSync(env.PROBE_OUT, "utf8"))).toContainEqual(
      expect.stringContaining("monitor-opentelemetry-exporter"),
    );

    expect(ingestion.received.length).toBeGreaterThan(0);
    for (const r of ingestion.received) expect(r.path).toMatch(/^\/+v2(\.1)?\/track$/);
    const envelopes = ingestion.envelopes();
    const requests = envelopes.filter((e) => e.name === "Microsoft.ApplicationInsights.Request");
    const urls = requests.map((e) => String(e.data?.baseData?.url));
    // Application Insights records scheme, host and path (the exporter leaves the port out).
    expect(urls).toContain("http://127.0.0.1/healthz");
    expect(urls).toContain(`http://127.0.0.1/api/tab/versions/${version}/rows`);
    expect(requests.map((e) => e.data?.baseData?.name)).toContain(
      "GET /api/tab/versions/:version/rows",
    );
    for (const url of urls) expect(url).not.toMatch(/[?#]/);
    for (const e of requests) {
      expect(e.tags?.["ai.location.ip"]).toBeUndefined();
      expect(e.tags?.["ai.user.userAgent"]).toBeUndefined();
    }
    // Outgoing calls name the service only: their paths carry conversation ids.
    const calls = envelopes.filter(
      (e) => e.name === "Microsoft.ApplicationInsights.RemoteDependency",
    );
    const connectorHost = new URL(connector.url).hostname;
    expect(calls.map((e) => e.data?.baseData?.name)).toContain(`POST ${connectorHost}`);
    for (const e of calls) {
      expect(e.data?.baseData?.target).toBe(connectorHost);
      expect(e.data?.baseData?.data).toBe("");
    }
    expect(envelopes.some((e) => e.name === "Microsoft.ApplicationInsights.Metric")).toBe(true);
    // Nothing anywhere in what was sent: no token, header value, search term or anyone's name.
    const sent = ingestion.received.map((r) => r.body).join("\n");
    expect(sent).not.toContain(token);
    expect(sent).not.toContain(head.aadObjectId);
    expect(sent).not.toContain("liveness");
    expect(sent).not.toContain(encodeURIComponent(searched.displayName));
    for (const person of sampleRoster()) {
      expect(sent).not.toContain(person.displayName);
      expect(sent).not.toContain(person.email);
    }
  });

  test("when the connection string is not set, then nothing is sent and OpenTelemetry is never loaded", async () => {
    const env = childEnv("off", {
      APPLICATIONINSIGHTS_CONNECTION_STRING: "",
      APPLICATIONINSIGHTS_SAMPLING_RATIO: "0.5",
    });
    const server = await startServerUnderTest(env);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(await terminate(server)).toBe(0);

    expect(ingestion.received).toEqual([]);
    expect(JSON.parse(fs.readFileSync(env.PROBE_OUT, "utf8"))).toEqual([]);
  });

  test("when the connection string or sampling ratio is malformed, then start-up names it without echoing it", () => {
    const bad = (env: Record<string, string>) => {
      try {
        loadConfig(env);
      } catch (error) {
        return error instanceof ConfigError ? error.message : String(error);
      }
      return "";
    };
    const secret = "InstrumentationKey=not-a-guid;IngestionEndpoint=https://secret.example/";
    const message = bad({
      APPLICATIONINSIGHTS_CONNECTION_STRING: secret,
      APPLICATIONINSIGHTS_SAMPLING_RATIO: "1.5",
    });
    expect(message).toMatch(/APPLICATIONINSIGHTS_CONNECTION_STRING/);
    expect(message).toMatch(/APPLICATIONINSIGHTS_SAMPLING_RATIO/);
    expect(message).not.toContain("secret.example");
    expect(
      loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: connectionString }).applicationInsights,
    ).toEqual({
      connectionString,
      samplingRatio: 1,
    });
    expect(loadConfig({}).applicationInsights).toBeUndefined();
  });
});
