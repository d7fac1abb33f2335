import http from "node:http";
import net from "node:net";
import { ConversationReferences } from "../../src/bot/conversationReferences";
import { REQUEST_TIMEOUT_MS } from "../../src/http/server";
import { invokeActivity, messageActivity, post } from "../support/activities";
import { BotFrameworkIssuer } from "../support/botFrameworkIssuer";
import { LogLines, startAppUnderTest, type AppUnderTest } from "../support/inProcessApp";
import { personWith } from "../support/sampleRoster";

/*
 * The HTTP layer's own guards, over real sockets: what a web page, a rebinding DNS name, a slow
 * client or a malformed request can do to the bot endpoint and the tab API.
 */
jest.setTimeout(60_000);
// Installed before any app starts, so it sees what reaches the console past the app's own filters.
const consoleErrors = jest.spyOn(console, "error");

/** A raw request, so the Host and Origin headers are exactly what a browser or attacker sends. */
function request(
  url: string,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const req = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: options.method ?? "GET",
        path: options.path,
        headers: options.headers,
      },
      (res) => {
        let body = "";
        res.on("data", (c: Buffer) => (body += c.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

describe("the HTTP layer in local mode", () => {
  let t: AppUnderTest;
  const head = personWith("headteacher");
  const references = () => new ConversationReferences(t.app.services.store);

  beforeAll(async () => {
    t = await startAppUnderTest({ OUTBOX_POLL_MS: "60000" });
    // The Headteacher's real chat, as the bot first saw it.
    expect((await post(t.app.url, messageActivity(head, t.connector.url, "help"))).status).toBe(
      200,
    );
  });
  afterAll(async () => t.stop());

  const hostile = () => ({ ...messageActivity(head, "https://attacker.example/", "help") });
  const asForm = (activity: Record<string, unknown>) =>
    new URLSearchParams(
      Object.entries(activity).map(([k, v]): [string, string] => [
        k,
        typeof v === "string" ? v : JSON.stringify(v),
      ]),
    ).toString();

  test.each([
    ["a cross-site form post", "application/x-www-form-urlencoded", () => asForm(hostile())],
    [
      "a multipart form",
      "multipart/form-data; boundary=x",
      () => '--x\r\nContent-Disposition: form-data; name="type"\r\n\r\nmessage\r\n--x--\r\n',
    ],
    ["a broken multipart form", "multipart/form-data", () => "--\r\n\r\n"],
    ["plain text", "text/plain", () => JSON.stringify(hostile())],
    ["no content type", "", () => JSON.stringify(hostile())],
  ])(
    "when /api/messages receives %s, then it answers 415 and the stored conversation is unchanged",
    async (_name, type, body) => {
      const before = await references().personal(head.aadObjectId);
      const response = await request(t.app.url, {
        method: "POST",
        path: "/api/messages",
        headers: { host: new URL(t.app.url).host, ...(type ? { "content-type": type } : {}) },
        body: body(),
      });
      expect(response.status).toBe(415);
      expect(response.body).not.toMatch(/stack|Error:|at /);
      expect((await references().personal(head.aadObjectId))?.serviceUrl).toBe(before?.serviceUrl);
      expect(before?.serviceUrl).toBe(t.connector.url);
    },
  );

  test.each([
    ["/api/messages", "POST"],
    ["/api/tab/session", "GET"],
    ["/api/tab/versions/2024.07/rows.csv", "GET"],
  ])(
    "when %s is reached through another host name (DNS rebinding), then it is refused with 403",
    async (path, method) => {
      const response = await request(t.app.url, {
        method,
        path,
        headers: {
          host: "evil.example",
          "content-type": "application/json",
          "x-local-user": head.aadObjectId,
        },
        body: method === "POST" ? JSON.stringify(hostile()) : undefined,
      });
      expect(response.status).toBe(403);
      expect(response.body).not.toContain(head.displayName);
      expect((await references().personal(head.aadObjectId))?.serviceUrl).toBe(t.connector.url);
    },
  );

  test.each([
    ["/api/messages", "POST"],
    ["/api/tab/session", "GET"],
  ])(
    "when another web site's page calls %s (its Origin), then it is refused with 403",
    async (path, method) => {
      const response = await request(t.app.url, {
        method,
        path,
        headers: {
          host: new URL(t.app.url).host,
          origin: "https://evil.example",
          "content-type": "application/json",
          "x-local-user": head.aadObjectId,
        },
        body: method === "POST" ? JSON.stringify(hostile()) : undefined,
      });
      expect(response.status).toBe(403);
      expect((await references().personal(head.aadObjectId))?.serviceUrl).toBe(t.connector.url);
    },
  );

  test.each(["http://localhost:56150", "http://127.0.0.1:3978", "http://[::1]:8080"])(
    "when a page on this machine (%s) calls the tab API, then it is answered",
    async (origin) => {
      const response = await request(t.app.url, {
        path: "/api/tab/session",
        headers: {
          host: `localhost:${new URL(t.app.url).port}`,
          origin,
          "x-local-user": head.aadObjectId,
        },
      });
      expect(response.status).toBe(200);
    },
  );

  /** Opens a socket, sends `head`, then one byte a second; resolves with how long until the server closed it. */
  function trickle(head: string, bytes: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const url = new URL(t.app.url);
      const started = Date.now();
      const socket = net.connect(Number(url.port), url.hostname);
      let i = 0;
      let timer: NodeJS.Timeout | undefined;
      const give = setTimeout(() => {
        socket.destroy();
        reject(new Error("the server kept a trickling client for 30 s"));
      }, 30_000);
      socket.on("connect", () => {
        socket.write(head);
        timer = setInterval(() => {
          if (i < bytes.length && !socket.destroyed) socket.write(bytes[i++]!);
        }, 1000);
      });
      socket.on("data", () => undefined);
      socket.on("error", () => undefined);
      socket.on("close", () => {
        clearInterval(timer);
        clearTimeout(give);
        resolve(Date.now() - started);
      });
    });
  }

  test("when a client trickles a body at 1 byte/s, then the server closes the connection within seconds", async () => {
    const body = JSON.stringify(hostile());
    const host = new URL(t.app.url).host;
    const closedAfter = await trickle(
      `POST /api/messages HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
      body,
    );
    expect(closedAfter).toBeLessThan(REQUEST_TIMEOUT_MS + 3000);
    expect(REQUEST_TIMEOUT_MS).toBeLessThanOrEqual(10_000);
  });

  test("when a client trickles its headers at 1 byte/s, then the server closes the connection within seconds", async () => {
    const closedAfter = await trickle("GET /healthz HTTP/1.1\r\n", "X-Slow: " + "a".repeat(100));
    expect(closedAfter).toBeLessThan(8000);
  });

  test("when a message activity has no conversation, then it answers 400 with nothing internal", async () => {
    const { conversation: _c, ...activity } = messageActivity(head, t.connector.url, "help");
    const response = await request(t.app.url, {
      method: "POST",
      path: "/api/messages",
      headers: { host: new URL(t.app.url).host, "content-type": "application/json" },
      body: JSON.stringify(activity),
    });
    expect(response.status).toBe(400);
    expect(response.body).not.toMatch(/stack|TypeError|at /);
  });
});

describe("the bot endpoint in production mode", () => {
  const BOT_ID = "3f9c1b2a-7d4e-4f60-9a8b-0c1d2e3f4a5b";
  let issuer: BotFrameworkIssuer;
  let t: AppUnderTest;
  const logs = new LogLines();
  const teacher = personWith("staff");

  beforeAll(async () => {
    issuer = await new BotFrameworkIssuer().start();
    t = await startAppUnderTest(
      {
        BOT_ID,
        BOT_PASSWORD: "not-used-inbound",
        BOT_TYPE: "MultiTenant",
        BOT_TENANT_ID: "tenant-1",
        HOST: "127.0.0.1",
        BOT_OPENID_METADATA_URL: issuer.metadataUrl,
      },
      undefined,
      logs,
    );
  });
  afterAll(async () => {
    await t.stop();
    await issuer.stop();
  });

  async function send(activity: unknown, token?: string) {
    const response = await fetch(`${t.app.url}/api/messages`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(activity),
    });
    return { status: response.status, body: await response.text() };
  }

  test("when a token comes from the Bot Framework Emulator's issuer, then it is refused with 401 and nothing internal", async () => {
    const token = await issuer.token({
      audience: BOT_ID,
      serviceUrl: t.connector.url,
      issuer: "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/",
    });
    const response = await send(messageActivity(teacher, t.connector.url, "help"), token);
    expect(response.status).toBe(401);
    expect(response.body).not.toMatch(/error:|stack|fetch|ENOTFOUND|getaddrinfo|at /i);
  });

  test("when a token is refused, then the log gets one line with a code and no key, token or stack", async () => {
    const errorsBefore = consoleErrors.mock.calls.length;
    {
      const before = logs.lines.length;
      const { generateKeyPair } = await import("jose");
      const forged = await issuer.token({
        audience: BOT_ID,
        serviceUrl: t.connector.url,
        key: (await generateKeyPair("RS256")).privateKey,
      });
      expect((await send(messageActivity(teacher, t.connector.url, "help"), forged)).status).toBe(
        401,
      );
      const expired = await issuer.token({
        audience: BOT_ID,
        serviceUrl: t.connector.url,
        expiresIn: Math.floor(Date.now() / 1000) - 3600,
      });
      expect((await send(messageActivity(teacher, t.connector.url, "help"), expired)).status).toBe(
        401,
      );
      const written = logs.lines.slice(before);
      expect(written).toHaveLength(2);
      for (const line of written) {
        expect(JSON.parse(line)).toMatchObject({
          msg: "bot token refused",
          code: expect.stringMatching(/^BOT\./),
        });
        expect(line).not.toMatch(/BEGIN|PUBLIC KEY|eyJ|stack| {4}at /);
        expect(line.length).toBeLessThan(400);
      }
      expect(consoleErrors.mock.calls.slice(errorsBefore)).toEqual([]);
    }
  });

  test.each([
    [
      "another tenant",
      {
        channelData: { tenant: { id: "another-tenant" } },
        conversation: { id: "a:x", conversationType: "personal", tenantId: "another-tenant" },
      },
    ],
    [
      "no tenant at all",
      { channelData: {}, conversation: { id: "a:x", conversationType: "personal" } },
    ],
    [
      "a mismatched pair",
      {
        channelData: { tenant: { id: "tenant-1" } },
        conversation: { id: "a:x", conversationType: "personal", tenantId: "another-tenant" },
      },
    ],
  ])(
    "when a validly signed activity comes from %s, then it is refused before the sender is identified",
    async (_name, override) => {
      const token = await issuer.token({ audience: BOT_ID, serviceUrl: t.connector.url });
      const response = await send(
        { ...messageActivity(teacher, t.connector.url, "help"), ...override },
        token,
      );
      expect(response.status).toBe(403);
      expect(
        await new ConversationReferences(t.app.services.store).personal(teacher.aadObjectId),
      ).toBeUndefined();
      expect(t.connector.activities).toHaveLength(0);
    },
  );

  test("when a validly signed activity comes from the school's tenant, then it is handled", async () => {
    const token = await issuer.token({ audience: BOT_ID, serviceUrl: t.connector.url });
    const response = await send(invokeActivity(teacher, t.connector.url, "noSuchVerb", {}), token);
    expect(response.status).toBe(200);
    expect(
      await new ConversationReferences(t.app.services.store).personal(teacher.aadObjectId),
    ).toBeDefined();
  });
});
