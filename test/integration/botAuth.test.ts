import { generateKeyPair } from "jose";
import { ConversationReferences } from "../../src/bot/conversationReferences";
import { invokeActivity, messageActivity } from "../support/activities";
import { BotFrameworkIssuer } from "../support/botFrameworkIssuer";
import { startAppUnderTest, type AppUnderTest } from "../support/inProcessApp";
import { personWith } from "../support/sampleRoster";

const BOT_ID = "3f9c1b2a-7d4e-4f60-9a8b-0c1d2e3f4a5b";

describe("inbound Bot Framework authentication when credentials are configured", () => {
  let issuer: BotFrameworkIssuer;
  let t: AppUnderTest;
  const teacher = personWith("staff");

  beforeAll(async () => {
    issuer = await new BotFrameworkIssuer().start();
    t = await startAppUnderTest({
      BOT_ID,
      BOT_PASSWORD: "not-used-inbound",
      BOT_TYPE: "MultiTenant",
      BOT_TENANT_ID: "tenant-1",
      HOST: "127.0.0.1",
      BOT_OPENID_METADATA_URL: issuer.metadataUrl,
    });
  });
  afterAll(async () => {
    await t.stop();
    await issuer.stop();
  });

  async function send(activity: unknown, authorization?: string): Promise<number> {
    const response = await fetch(`${t.app.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(activity),
    });
    await response.text();
    return response.status;
  }

  test("when the service starts with credentials, then it is not in local mode", async () => {
    const health = (await (await fetch(`${t.app.url}/healthz`)).json()) as { mode: string };
    expect(health.mode).toBe("production");
  });

  test("when a request has no token, then it is refused with 401 before any handler runs", async () => {
    expect(await send(messageActivity(teacher, t.connector.url, "help"))).toBe(401);
    expect(
      await new ConversationReferences(t.app.services.store).personal(teacher.aadObjectId),
    ).toBeUndefined();
    expect(t.connector.activities).toHaveLength(0);
  });

  test.each([
    [
      "a forged signature",
      async () =>
        issuer.token({
          audience: BOT_ID,
          serviceUrl: t.connector.url,
          key: (await generateKeyPair("RS256")).privateKey,
        }),
    ],
    [
      "another bot's audience",
      async () => issuer.token({ audience: "someone-else", serviceUrl: t.connector.url }),
    ],
    [
      "an expired token",
      async () =>
        issuer.token({
          audience: BOT_ID,
          serviceUrl: t.connector.url,
          expiresIn: Math.floor(Date.now() / 1000) - 3600,
        }),
    ],
    [
      "a wrong issuer",
      async () =>
        issuer.token({
          audience: BOT_ID,
          serviceUrl: t.connector.url,
          issuer: "https://evil.example",
        }),
    ],
    [
      "a token for another service URL",
      async () => issuer.token({ audience: BOT_ID, serviceUrl: "https://evil.example" }),
    ],
  ])("when a request carries %s, then it is refused with 401", async (_name, make) => {
    const token = await make();
    expect(
      await send(invokeActivity(teacher, t.connector.url, "noSuchVerb", {}), `Bearer ${token}`),
    ).toBe(401);
  });

  test("when a request carries a valid token, then the bot handles it", async () => {
    const token = await issuer.token({ audience: BOT_ID, serviceUrl: t.connector.url });
    const activity = invokeActivity(teacher, t.connector.url, "noSuchVerb", {});
    const response = await fetch(`${t.app.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify(activity),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      type: "application/vnd.microsoft.activity.message",
    });
  });
});
