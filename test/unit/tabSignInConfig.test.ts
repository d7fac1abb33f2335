import { loadConfig } from "../../src/config";

describe("tab sign-in settings", () => {
  test("when nothing is set, then local sign-in is on and Entra's public endpoints are the defaults", () => {
    const c = loadConfig({});
    expect(c.sso).toMatchObject({
      clientId: undefined,
      localSignIn: true,
      tabDomain: "127.0.0.1:3978",
      authorityHost: "https://login.microsoftonline.com",
    });
  });

  test("when an Entra app is configured, then local sign-in is off and the keys come from the tenant", () => {
    const c = loadConfig({
      AAD_APP_CLIENT_ID: "app",
      AAD_APP_TENANT_ID: "tenant",
      PUBLIC_URL: "https://smp.azurewebsites.net",
    });
    expect(c.sso).toMatchObject({
      clientId: "app",
      tenantId: "tenant",
      localSignIn: false,
      tabDomain: "smp.azurewebsites.net",
      jwksUrl: "https://login.microsoftonline.com/tenant/discovery/v2.0/keys",
    });
  });

  // BOT_ID set/unset x HOST loopback/not x AAD_APP_CLIENT_ID set/unset: local sign-in exists
  // only in local mode (no bot credentials, no Entra app, loopback); local mode beyond loopback
  // does not start at all.
  const bot = { BOT_ID: "bot", BOT_PASSWORD: "pw", BOT_TENANT_ID: "tenant" };
  const app = { AAD_APP_CLIENT_ID: "app", AAD_APP_TENANT_ID: "tenant" };
  test.each([
    ["no BOT_ID", "127.0.0.1", "no Entra app", true, {}],
    ["no BOT_ID", "127.0.0.1", "an Entra app", false, app],
    ["no BOT_ID", "0.0.0.0", "no Entra app", "refused", {}],
    ["no BOT_ID", "0.0.0.0", "an Entra app", "refused", app],
    ["BOT_ID", "127.0.0.1", "no Entra app", false, bot],
    ["BOT_ID", "127.0.0.1", "an Entra app", false, { ...bot, ...app }],
    ["BOT_ID", "0.0.0.0", "no Entra app", false, bot],
    ["BOT_ID", "0.0.0.0", "an Entra app", false, { ...bot, ...app }],
  ] as const)(
    "when %s, HOST=%s and %s, then local sign-in is %s",
    (_bot, host, _app, expected, env) => {
      if (expected === "refused") {
        expect(() => loadConfig({ ...env, HOST: host })).toThrow(
          /HOST \(got "0\.0\.0\.0"\): without BOT_ID/,
        );
      } else {
        expect(loadConfig({ ...env, HOST: host }).sso.localSignIn).toBe(expected);
      }
    },
  );

  test.each(["localhost", "::1", "127.0.0.2"])(
    "when local mode listens on %s, then it starts with local sign-in",
    (host) => {
      expect(loadConfig({ HOST: host }).sso.localSignIn).toBe(true);
    },
  );

  test.each(["192.0.2.2", "::", "evil.example"])(
    "when local mode is asked to listen on %s, then start-up is refused in one message",
    (host) => {
      let message = "";
      try {
        loadConfig({ HOST: host });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message.split("\n").filter((l) => l.includes("HOST"))).toHaveLength(1);
    },
  );

  test("when the toolkit's authority host and an explicit key URL are set, then they are used", () => {
    const c = loadConfig({
      AAD_APP_CLIENT_ID: "app",
      AAD_APP_TENANT_ID: "t",
      AAD_APP_OAUTH_AUTHORITY_HOST: "https://login.microsoftonline.us/",
      SSO_JWKS_URL: "http://127.0.0.1:9/keys",
      TAB_DOMAIN: "tab.example",
    });
    expect(c.sso).toMatchObject({
      authorityHost: "https://login.microsoftonline.us",
      jwksUrl: "http://127.0.0.1:9/keys",
      tabDomain: "tab.example",
    });
  });

  test("when a client id is set without a tenant, then start-up names AAD_APP_TENANT_ID", () => {
    expect(() => loadConfig({ AAD_APP_CLIENT_ID: "app" })).toThrow(/AAD_APP_TENANT_ID/);
  });
});
