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

  test("when the server listens beyond loopback, then local sign-in is off even without an Entra app", () => {
    expect(loadConfig({ HOST: "0.0.0.0" }).sso.localSignIn).toBe(false);
  });

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
