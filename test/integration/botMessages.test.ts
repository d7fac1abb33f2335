import { ConversationReferences } from "../../src/bot/conversationReferences";
import {
  installActivity,
  invokeActivity,
  messageActivity,
  personalConversationId,
  post,
} from "../support/activities";
import { startAppUnderTest, type AppUnderTest } from "../support/inProcessApp";
import { personWith } from "../support/sampleRoster";

describe("POST /api/messages with real Bot Framework activities", () => {
  let t: AppUnderTest;

  beforeAll(async () => {
    t = await startAppUnderTest();
  });
  afterAll(async () => t.stop());
  beforeEach(() => t.connector.clear());

  test("when the app is installed, then a welcome card is sent and the conversation is remembered", async () => {
    const teacher = personWith("staff");
    const result = await post(t.app.url, installActivity(teacher, t.connector.url));
    expect(result.status).toBe(200);
    const texts = t.connector.texts(personalConversationId(teacher.aadObjectId));
    expect(texts.join("\n")).toContain(`Welcome, ${teacher.displayName.split(" ")[0]}`);
    const ref = await new ConversationReferences(t.app.services.store).personal(
      teacher.aadObjectId,
    );
    expect(ref?.serviceUrl).toBe(t.connector.url);
  });

  test("when a teacher types help, then the reply lists staff commands and their role", async () => {
    const teacher = personWith("staff");
    await post(t.app.url, messageActivity(teacher, t.connector.url, "help"));
    const reply = t.connector.texts().join("\n");
    expect(reply).toContain("What I can do for you");
    expect(reply).toContain("You are listed as: Staff");
  });

  test("when someone not on the roster writes, then they get a polite refusal and nothing is stored", async () => {
    const stranger = {
      aadObjectId: "aaaaaaaa-0000-0000-0000-000000000000",
      displayName: "Visitor",
    };
    await post(t.app.url, messageActivity(stranger, t.connector.url, "help"));
    expect(t.connector.texts().join("\n")).toMatch(
      /not on this app's list of people the Staff Social Media Policy covers[\s\S]*ask the school office \(the Resources Manager, Joanne Mills, keeps the list\)[\s\S]*Agency and supply staff, volunteers/,
    );
    expect(
      await new ConversationReferences(t.app.services.store).personal(stranger.aadObjectId),
    ).toBeUndefined();
  });

  test("when a card action names an unknown verb, then the card shows a clear message and nothing crashes", async () => {
    const teacher = personWith("staff");
    const result = await post(
      t.app.url,
      invokeActivity(teacher, t.connector.url, "noSuchVerb", {}),
    );
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({
      statusCode: 200,
      type: "application/vnd.microsoft.activity.message",
    });
    expect(String((result.body as { value: string }).value)).toMatch(
      /out of date or not recognised/,
    );
  });

  test("when the body is empty or not an activity, then the bot answers 4xx without crashing", async () => {
    const empty = await fetch(`${t.app.url}/api/messages`, { method: "POST" });
    expect(empty.status).toBeGreaterThanOrEqual(400);
    expect(empty.status).toBeLessThan(500);
    const junk = await fetch(`${t.app.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(junk.status).toBeGreaterThanOrEqual(400);
    expect(junk.status).toBeLessThan(500);
    const health = await fetch(`${t.app.url}/healthz`);
    expect(health.status).toBe(200);
  });
});

describe("GET /healthz and /tab/", () => {
  let t: AppUnderTest;
  beforeAll(async () => {
    t = await startAppUnderTest();
  });
  afterAll(async () => t.stop());

  test("when health is asked, then it answers 200 with the version and the store's status", async () => {
    const response = await fetch(`${t.app.url}/healthz`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      status: "ok",
      mode: "local",
      store: { ok: true, kind: "sqlite" },
    });
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  test("when the tab is opened, then a page is served with a CSP that forbids inline script", async () => {
    const response = await fetch(`${t.app.url}/tab/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<div id="root">');
    expect(response.headers.get("content-security-policy")).toMatch(/script-src 'self'/);
    expect(response.headers.get("content-security-policy")).not.toMatch(
      /script-src[^;]*unsafe-inline/,
    );
  });
});

describe("hostile HTTP bodies", () => {
  let t: AppUnderTest;
  beforeAll(async () => {
    t = await startAppUnderTest();
  });
  afterAll(async () => t.stop());

  test("when the JSON is malformed, then the answer is 400", async () => {
    const response = await fetch(`${t.app.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"type": "message",',
    });
    expect(response.status).toBe(400);
  });

  test("when the body is over the limit, then the answer is 413 and the server carries on", async () => {
    const response = await fetch(`${t.app.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ type: "message", text: "x".repeat(2 * 1024 * 1024) }),
    });
    expect(response.status).toBe(413);
    expect((await fetch(`${t.app.url}/readyz`)).status).toBe(200);
  });
});
