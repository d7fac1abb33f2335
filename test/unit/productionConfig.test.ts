import { ConfigError, loadConfig } from "../../src/config";

const STAFF = "0f8fad5b-d9cb-469f-a165-70867728950e";
const HEADS = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
const GOVERNORS = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
const LINK_SECRET = "a-random-export-link-secret-of-40-chars!";

function problems(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
  return "";
}

describe("production settings (SharePoint store, Entra roster, Graph)", () => {
  test("when nothing is set, then the embedded store and the CSV roster are used and Graph is not needed", () => {
    const c = loadConfig({});
    expect(c.store).toEqual({ kind: "sqlite" });
    expect(c.roster).toEqual({ source: "csv" });
    expect(c.graph).toMatchObject({
      baseUrl: "https://graph.microsoft.com/v1.0",
      timeoutMs: 30_000,
      maxRetries: 5,
    });
    expect(c.graph.credentials).toBeUndefined();
  });

  test("when a school's production settings are complete, then they are read together", () => {
    const c = loadConfig({
      EXPORT_LINK_SECRET: LINK_SECRET,
      STORE: "sharepoint",
      SHAREPOINT_SITE_ID: "contoso.sharepoint.com,1,2",
      ROSTER_SOURCE: "entra",
      ENTRA_STAFF_GROUP_ID: STAFF,
      ENTRA_ROLE_GROUPS: `headteacher=${HEADS}, governor=${GOVERNORS},chair-of-governors=${GOVERNORS}`,
      AAD_APP_CLIENT_ID: "app",
      AAD_APP_CLIENT_SECRET: "s3cret",
      AAD_APP_TENANT_ID: "tenant",
      AAD_APP_OAUTH_AUTHORITY_HOST: "https://login.microsoftonline.us/",
      TEAMS_APP_CATALOG_ID: "catalog-app",
    });
    expect(c.store).toEqual({ kind: "sharepoint", siteId: "contoso.sharepoint.com,1,2" });
    expect(c.roster).toEqual({
      source: "entra",
      staffGroupId: STAFF,
      refreshMinutes: 60,
      roleGroups: [
        { role: "headteacher", groupId: HEADS },
        { role: "governor", groupId: GOVERNORS },
        { role: "chair-of-governors", groupId: GOVERNORS },
      ],
    });
    expect(c.graph.credentials).toEqual({
      kind: "clientSecret",
      clientId: "app",
      clientSecret: "s3cret",
      tenantId: "tenant",
      authorityHost: "https://login.microsoftonline.us",
    });
    expect(c.teamsAppCatalogId).toBe("catalog-app");
  });

  test("when SharePoint and Entra are chosen without their settings, then one error names every missing one", () => {
    const message = problems({ STORE: "sharepoint", ROSTER_SOURCE: "entra" });
    expect(message).toMatch(/SHAREPOINT_SITE_ID: is required when STORE=sharepoint/);
    expect(message).toMatch(/ENTRA_STAFF_GROUP_ID: is required when ROSTER_SOURCE=entra/);
    expect(message).toMatch(/AAD_APP_CLIENT_SECRET: Microsoft Graph needs/);
  });

  test("when the server runs on SharePoint without EXPORT_LINK_SECRET, then start-up names it; a tool (provisioning) does not need it", () => {
    const sharePoint = { STORE: "sharepoint", SHAREPOINT_SITE_ID: "s", GRAPH_ACCESS_TOKEN: "t" };
    expect(problems(sharePoint)).toMatch(
      /EXPORT_LINK_SECRET: is required when STORE=sharepoint .*every instance must hold the same/,
    );
    expect(() => loadConfig(sharePoint, "tool")).not.toThrow();
    expect(loadConfig({ ...sharePoint, EXPORT_LINK_SECRET: LINK_SECRET }).exportLinks).toEqual({
      secret: LINK_SECRET,
    });
  });

  test("when EXPORT_LINK_SECRET is short, then it is refused without being echoed; with SQLite it may be left out", () => {
    const message = problems({ EXPORT_LINK_SECRET: "short-secret-123" });
    expect(message).toMatch(/EXPORT_LINK_SECRET: must be at least 32 characters/);
    expect(message).not.toContain("short-secret-123");
    expect(loadConfig({}).exportLinks).toEqual({});
  });

  test("when role groups are malformed, then each bad pair is named", () => {
    const message = problems({
      ENTRA_ROLE_GROUPS: `headteacher=${HEADS},deputy=${HEADS},staff=${STAFF},governor,aht-digital=not-a-guid`,
    });
    expect(message).toMatch(/"deputy" is not a role/);
    expect(message).toMatch(/"staff" is not a role/);
    expect(message).toMatch(/"governor" is not role=groupObjectId/);
    expect(message).toMatch(/"not-a-guid" \(for aht-digital\) is not a group object id/);
    expect(message).not.toMatch(/headteacher/);
  });

  test("when the install-for-staff catalog id is set without credentials, then Graph credentials are asked for", () => {
    expect(problems({ TEAMS_APP_CATALOG_ID: "x" })).toMatch(/AAD_APP_CLIENT_SECRET/);
  });

  test("when a static Graph token is configured and something is wrong, then the token is never echoed", () => {
    const message = problems({
      GRAPH_ACCESS_TOKEN: "tok-123",
      GRAPH_MAX_RETRIES: "99",
      STORE: "sharepoint",
    });
    expect(message).toMatch(/GRAPH_MAX_RETRIES/);
    expect(message).not.toContain("tok-123");
    expect(problems({ GRAPH_ACCESS_TOKEN: "tok-123", GRAPH_BASE_URL: "not a url" })).not.toContain(
      "tok-123",
    );
  });

  test("when a static token is given, then it is preferred (tests and local Graph-compatible servers)", () => {
    const c = loadConfig({
      EXPORT_LINK_SECRET: LINK_SECRET,
      STORE: "sharepoint",
      SHAREPOINT_SITE_ID: "s",
      GRAPH_ACCESS_TOKEN: "t",
      GRAPH_BASE_URL: "http://127.0.0.1:9/v1.0/",
    });
    expect(c.graph).toMatchObject({
      baseUrl: "http://127.0.0.1:9/v1.0",
      credentials: { kind: "static", token: "t" },
    });
  });
});
