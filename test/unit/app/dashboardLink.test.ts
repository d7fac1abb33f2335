import fs from "node:fs";
import path from "node:path";
import { DASHBOARD_ENTITY_ID, dashboardLinkFor } from "../../../src/app/dashboardLink";
import { loadConfig } from "../../../src/config";
import { personWith } from "../../support/sampleRoster";

const head = personWith("headteacher");
const APP_ID = "6b1f3c2a-9d4e-4f5a-8b7c-0d1e2f3a4b5c";

describe("where Open the dashboard goes", () => {
  test("when the service runs in production with TEAMS_APP_ID, then the link opens the personal tab inside Teams", () => {
    const config = loadConfig({
      BOT_ID: "bot",
      BOT_PASSWORD: "secret",
      BOT_TENANT_ID: "tenant-1",
      PUBLIC_URL: "https://smp-abc123.azurewebsites.net",
      TEAMS_APP_ID: APP_ID,
    });
    expect(config.localMode).toBe(false);
    expect(dashboardLinkFor(config)(head)).toBe(
      `https://teams.microsoft.com/l/entity/${APP_ID}/dashboard`,
    );
  });

  test("when the deep link names the tab, then it is the manifest's personal tab", () => {
    const manifest = JSON.parse(
      fs.readFileSync(path.resolve(__dirname, "../../../appPackage/manifest.json"), "utf8"),
    ) as { id: string; staticTabs: Array<{ entityId: string; scopes: string[] }> };
    const tab = manifest.staticTabs.find((t) => t.entityId === DASHBOARD_ENTITY_ID);
    expect(tab?.scopes).toEqual(["personal"]);
    // The link's app id is the manifest id the toolkit fills in from TEAMS_APP_ID.
    expect(manifest.id).toBe("${{TEAMS_APP_ID}}");
  });

  test("when the service runs locally (no BOT_ID), then the link is the plain page naming the person", () => {
    const config = loadConfig({ PORT: "3978", TEAMS_APP_ID: APP_ID });
    expect(config.localMode).toBe(true);
    expect(dashboardLinkFor(config)(head)).toBe(
      `http://127.0.0.1:3978/tab/?user=${head.aadObjectId}`,
    );
  });

  test("when production has no TEAMS_APP_ID, then the link is the tab's own address and names nobody", () => {
    const config = loadConfig({
      BOT_ID: "bot",
      BOT_PASSWORD: "secret",
      BOT_TENANT_ID: "tenant-1",
      PUBLIC_URL: "https://x.example",
    });
    expect(dashboardLinkFor(config)(head)).toBe("https://x.example/tab/");
  });
});
