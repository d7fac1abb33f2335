import { ConfigError, loadConfig } from "../../src/config";

describe("configuration", () => {
  test("when nothing is set, then it runs in local mode on 127.0.0.1:3978 with the bundled files", () => {
    const c = loadConfig({});
    expect(c.localMode).toBe(true);
    expect(c.port).toBe(3978);
    expect(c.host).toBe("127.0.0.1");
    expect(c.rosterFile).toMatch(/assets\/roster\/sample-roster\.csv$/);
    expect(c.policyFile).toMatch(/assets\/policy\/staff-social-media-policy\.md$/);
    expect(c.dataDir).toMatch(/\.data$/);
  });

  test("when PORT, DATA_DIR and ROSTER_FILE are set, then they are used", () => {
    const c = loadConfig({ PORT: "4100", DATA_DIR: "/tmp/x", ROSTER_FILE: "/tmp/r.csv" });
    expect(c).toMatchObject({ port: 4100, dataDir: "/tmp/x", rosterFile: "/tmp/r.csv" });
  });

  test("when several values are bad, then one error names every offending variable", () => {
    let error: unknown;
    try {
      loadConfig({ PORT: "eighty", LOG_LEVEL: "loud", BOT_ID: "abc" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toMatch(/PORT/);
    expect(message).toMatch(/LOG_LEVEL/);
    expect(message).toMatch(/BOT_PASSWORD/);
  });

  test("when a secret is wrong, then its value is never echoed", () => {
    expect.assertions(2);
    expect(() =>
      loadConfig({ BOT_ID: "id", BOT_PASSWORD: "s3cret", BOT_TYPE: "SingleTenant" }),
    ).toThrow(/BOT_TENANT_ID/);
    try {
      loadConfig({ BOT_ID: "id", BOT_PASSWORD: "s3cret", BOT_TYPE: "Nonsense" });
    } catch (e) {
      expect((e as Error).message).not.toContain("s3cret");
    }
  });

  test("when botbuilder's own names are used, then they count as the toolkit's", () => {
    const c = loadConfig({
      MicrosoftAppId: "app",
      MicrosoftAppPassword: "pw",
      MicrosoftAppTenantId: "t",
    });
    expect(c.localMode).toBe(false);
    expect(c.host).toBe("0.0.0.0");
    expect(c.bot).toMatchObject({
      appId: "app",
      appPassword: "pw",
      tenantId: "t",
      appType: "SingleTenant",
    });
  });
});
