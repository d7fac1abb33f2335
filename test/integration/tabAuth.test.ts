import { generateKeyPair } from "jose";
import type { TabSession } from "../../src/http/tabApiContract";
import { CsvRoster } from "../../src/identity/csvRoster";
import { createTabAuthenticator, SsoTabAuthenticator } from "../../src/identity/tabAuth";
import { outboxKind } from "../../src/outbox/outboxMessage";
import { EntraIssuer, TEST_CLIENT_ID, TEST_TENANT } from "../support/entraIssuer";
import { startAppUnderTest, type AppUnderTest } from "../support/inProcessApp";
import { personWith, sampleRoster } from "../support/sampleRoster";

const TAB_DOMAIN = "policy.northfield.example";
const AUDIENCE = `api://${TAB_DOMAIN}/${TEST_CLIENT_ID}`;

describe("tab sign-in with Teams SSO tokens when an Entra app is configured", () => {
  let issuer: EntraIssuer;
  let t: AppUnderTest;
  const head = personWith("headteacher");
  const teacher = personWith("staff");

  beforeAll(async () => {
    issuer = await new EntraIssuer().start();
    t = await startAppUnderTest({
      AAD_APP_CLIENT_ID: TEST_CLIENT_ID,
      AAD_APP_TENANT_ID: TEST_TENANT,
      PUBLIC_URL: `https://${TAB_DOMAIN}`,
      SSO_JWKS_URL: issuer.jwksUrl,
      SSO_AUTHORITY_HOST: issuer.authorityHost,
    });
  });
  afterAll(async () => {
    await t?.stop();
    await issuer?.stop();
  });

  async function session(headers: Record<string, string>) {
    const response = await fetch(`${t.app.url}/api/tab/session`, { headers });
    return {
      status: response.status,
      headers: response.headers,
      body: (await response.json()) as Record<string, unknown>,
    };
  }
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const now = () => Math.floor(Date.now() / 1000);

  test("when the headteacher's token is good, then it maps to the roster person and the answer is not cached", async () => {
    const answer = await session(
      bearer(await issuer.token({ oid: head.aadObjectId, audience: AUDIENCE })),
    );
    expect(answer.status).toBe(200);
    const body = answer.body as unknown as TabSession;
    expect(body).toMatchObject({
      displayName: head.displayName,
      signIn: "teams",
      access: "names",
      mayRemind: true,
    });
    expect(answer.headers.get("cache-control")).toBe("no-store");
    expect(answer.headers.get("x-content-type-options")).toBe("nosniff");
  });

  test("when the audience is the bare client id or the issuer is Entra's v1 form, then the token is accepted", async () => {
    expect(
      (
        await session(
          bearer(await issuer.token({ oid: head.aadObjectId, audience: TEST_CLIENT_ID })),
        )
      ).status,
    ).toBe(200);
    const v1 = await issuer.token({
      oid: head.aadObjectId,
      audience: AUDIENCE,
      issuer: `https://sts.windows.net/${TEST_TENANT}/`,
    });
    expect((await session(bearer(v1))).status).toBe(200);
  });

  test.each([
    ["no token at all", "TAB.NO_TOKEN", async () => ({})],
    [
      "an expired token",
      "TAB.TOKEN_EXPIRED",
      async () =>
        bearer(
          await issuer.token({ oid: head.aadObjectId, audience: AUDIENCE, expiresAt: now() - 600 }),
        ),
    ],
    [
      "a token not valid until later",
      "TAB.BAD_CLAIM_NBF",
      async () =>
        bearer(
          await issuer.token({ oid: head.aadObjectId, audience: AUDIENCE, notBefore: now() + 600 }),
        ),
    ],
    [
      "a wrong audience",
      "TAB.BAD_CLAIM_AUD",
      async () =>
        bearer(
          await issuer.token({
            oid: head.aadObjectId,
            audience: "api://elsewhere.example/other-app",
          }),
        ),
    ],
    [
      "a wrong tenant",
      "TAB.BAD_CLAIM_ISS",
      async () =>
        bearer(
          await issuer.token({
            oid: head.aadObjectId,
            audience: AUDIENCE,
            tenant: "00000000-0000-4000-8000-000000000000",
          }),
        ),
    ],
    [
      "the right issuer but another tenant's tid",
      "TAB.WRONG_TENANT",
      async () =>
        bearer(
          await issuer.token({
            oid: head.aadObjectId,
            audience: AUDIENCE,
            tenant: "00000000-0000-4000-8000-000000000000",
            issuer: `${issuer.authorityHost}/${TEST_TENANT}/v2.0`,
          }),
        ),
    ],
    [
      "a bad signature",
      "TAB.BAD_SIGNATURE",
      async () =>
        bearer(
          await issuer.token({
            oid: head.aadObjectId,
            audience: AUDIENCE,
            key: (await generateKeyPair("RS256")).privateKey,
          }),
        ),
    ],
    [
      "a wrong issuer",
      "TAB.BAD_CLAIM_ISS",
      async () =>
        bearer(
          await issuer.token({
            oid: head.aadObjectId,
            audience: AUDIENCE,
            issuer: "https://evil.example/v2.0",
          }),
        ),
    ],
    [
      "an ID token (no access_as_user scope)",
      "TAB.WRONG_SCOPE",
      async () =>
        bearer(
          await issuer.token({ oid: head.aadObjectId, audience: TEST_CLIENT_ID, scope: null }),
        ),
    ],
    ["a malformed token", "TAB.JWS_INVALID", async () => bearer("not.a.jwt")],
    [
      "a local-development user header",
      "TAB.NO_TOKEN",
      async () => ({ "x-local-user": head.aadObjectId }),
    ],
  ])(
    "when a request carries %s, then it is refused with 401 (%s)",
    async (_name, code, headers) => {
      const answer = await session(await headers());
      expect(answer.status).toBe(401);
      expect(answer.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(answer.body).toMatchObject({ error: code, message: expect.any(String) });
    },
  );

  test("when a member of staff signs in properly, then they are known but get 403 with a friendly message", async () => {
    const answer = await session(
      bearer(await issuer.token({ oid: teacher.aadObjectId, audience: AUDIENCE })),
    );
    expect(answer.status).toBe(403);
    expect(answer.body.message).toContain(teacher.displayName.split(" ")[0]);
  });

  test("when someone from the tenant is not on the roster, then they get 403", async () => {
    const answer = await session(
      bearer(
        await issuer.token({ oid: "11111111-2222-4333-8444-555555555555", audience: AUDIENCE }),
      ),
    );
    expect(answer).toMatchObject({ status: 403, body: { error: "TAB.NOT_ON_ROSTER" } });
  });

  test("when the chair of governors signs in, then the session offers figures only", async () => {
    const chair = personWith("chair-of-governors");
    const answer = await session(
      bearer(await issuer.token({ oid: chair.aadObjectId, audience: AUDIENCE })),
    );
    expect(answer.body).toMatchObject({ access: "figures", mayRemind: false });
  });

  test("when Entra's keys cannot be fetched, then sign-in answers 503 rather than blaming the token", async () => {
    const unreachable = new SsoTabAuthenticator(
      {
        clientId: TEST_CLIENT_ID,
        tenantId: TEST_TENANT,
        tabDomain: TAB_DOMAIN,
        authorityHost: issuer.authorityHost,
        jwksUrl: `${issuer.url}/no-such-tenant/discovery/v2.0/keys`,
        localSignIn: false,
      },
      new CsvRoster(sampleRoster()),
    );
    const token = await issuer.token({ oid: head.aadObjectId, audience: AUDIENCE });
    expect(await unreachable.authenticate({ authorization: `Bearer ${token}` })).toMatchObject({
      ok: false,
      status: 503,
    });
  });
});

describe("tab sign-in on a developer's machine (no Entra app, loopback)", () => {
  let t: AppUnderTest;
  const head = personWith("headteacher");

  beforeAll(async () => {
    t = await startAppUnderTest({ HOST: "127.0.0.1" });
  });
  afterAll(async () => t?.stop());

  test("when the tab names a roster person, then it is signed in as them and told it is local", async () => {
    const response = await fetch(`${t.app.url}/api/tab/session`, {
      headers: { "x-local-user": head.aadObjectId },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ displayName: head.displayName, signIn: "local" });
  });

  test("when it names nobody or a stranger, then it is refused with 401", async () => {
    expect((await fetch(`${t.app.url}/api/tab/session`)).status).toBe(401);
    const stranger = await fetch(`${t.app.url}/api/tab/session`, {
      headers: { "x-local-user": "not-on-the-roster" },
    });
    expect(stranger.status).toBe(401);
  });

  test("when the server is not on loopback and has no Entra app, then nobody can sign in", async () => {
    const auth = createTabAuthenticator(
      {
        tabDomain: "x",
        authorityHost: "https://login.microsoftonline.com",
        jwksUrl: "https://login.microsoftonline.com/common/discovery/v2.0/keys",
        localSignIn: false,
      },
      new CsvRoster(sampleRoster()),
    );
    expect(auth.mode).toBe("off");
    expect(await auth.authenticate({ "x-local-user": head.aadObjectId })).toMatchObject({
      ok: false,
      status: 401,
    });
  });
});

describe("tab sign-in in production mode behind a proxy (bot credentials, loopback, no Entra app yet)", () => {
  let t: AppUnderTest;
  const head = personWith("headteacher");

  beforeAll(async () => {
    t = await startAppUnderTest({
      BOT_ID: "3f9c1b2a-7d4e-4f60-9a8b-0c1d2e3f4a5b",
      BOT_PASSWORD: "not-used",
      BOT_TENANT_ID: "tenant-1",
      HOST: "127.0.0.1",
      SCHEDULE_TICK_MS: "3600000",
    });
    // The start-up jobs have queued what they queue, so only the requests below could add more.
    await t.app.scheduler.runOnce();
  });
  afterAll(async () => t?.stop());

  test.each([
    ["the local-user header", `/api/tab/session`, { "x-local-user": head.aadObjectId }],
    [
      "the local-user header on the export",
      `/api/tab/versions/2024.07/rows.csv`,
      { "x-local-user": head.aadObjectId },
    ],
    ["?user=", `/api/tab/session?user=${head.aadObjectId}`, {}],
    [
      "the local-user header on the rows",
      `/api/tab/versions/2024.07/rows`,
      { "x-local-user": head.aadObjectId },
    ],
    ["?user= on the export", `/api/tab/versions/2024.07/rows.csv?user=${head.aadObjectId}`, {}],
  ])(
    "when a caller names the Headteacher with %s, then it is refused with 401",
    async (_how, url, headers) => {
      const response = await fetch(`${t.app.url}${url}`, { headers });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: "TAB.SIGN_IN_NOT_CONFIGURED" });
    },
  );

  test.each([
    ["reminders", `/api/tab/versions/2024.07/reminders`],
    ["an export link", `/api/tab/versions/2024.07/rows.csv/link`],
  ])(
    "when a caller names the Headteacher to send %s, then it is refused with 401 and nothing is queued",
    async (_what, url) => {
      const queued = await t.app.services.store.collection(outboxKind).count();
      const response = await fetch(`${t.app.url}${url}`, {
        method: "POST",
        headers: { "x-local-user": head.aadObjectId, "content-type": "application/json" },
        body: "{}",
      });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: "TAB.SIGN_IN_NOT_CONFIGURED" });
      expect(await t.app.services.store.collection(outboxKind).count()).toBe(queued);
    },
  );
});
