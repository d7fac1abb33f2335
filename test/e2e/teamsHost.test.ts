import fs from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import type { Browser, Frame, Page } from "playwright-core";
import { packageRoot } from "../../src/packageRoot";
import { startServerUnderTest, type ServerUnderTest } from "../support/appServer";
import { launchChromium } from "../support/browser";
import { EntraIssuer, TEST_CLIENT_ID, TEST_TENANT } from "../support/entraIssuer";
import { personWith, sampleRoster } from "../support/sampleRoster";

jest.setTimeout(180_000);

/*
 * The tab inside a stand-in for Teams: a page on the server's origin that frames /tab/ and answers
 * teams-js's postMessage protocol (initialize, getContext, getAuthToken, executeDeepLink) only
 * when the test says so. The page's clock is Playwright's, so "5 s later" costs no real time.
 * A slow host is waited for, not mistaken for a browser; the signed-in CSV export goes through
 * app.openLink with a link the host can download without the tab's sign-in header.
 */

const SHOTS = path.join(packageRoot(), "test-output", "teams-host");
const HOST_PAGE = "/teams-host-under-test.html";

const hostPage = `<!doctype html><html><head><title>Teams (stand-in)</title></head><body>
<iframe id="tab" src="/tab/" title="Policy dashboard" style="width:1200px;height:860px;border:0"></iframe>
<script>
  const runtime = {
    apiVersion: 4,
    hostVersionsInfo: { adaptiveCardSchemaVersion: { majorVersion: 1, minorVersion: 5 } },
    supports: { app: {}, appEntity: {}, pages: { appButton: {}, tabs: {}, config: {}, backStack: {}, fullTrust: {} }, teamsCore: {} },
  };
  const host = { asked: [], opened: [], token: "", context: {}, answerInitialize: null };
  window.fakeHost = host;
  window.addEventListener("message", (e) => {
    const m = e.data;
    if (!m || typeof m.func !== "string" || typeof m.id !== "number") return;
    host.asked.push(m.func);
    const reply = (args) => e.source.postMessage({ id: m.id, uuidAsString: m.uuidAsString, args }, e.origin);
    if (m.func === "initialize")
      host.answerInitialize = () => reply(["content", "web", JSON.stringify(runtime), "2.58.0"]);
    else if (m.func === "getContext") reply([host.context]);
    else if (m.func === "authentication.getAuthToken") reply([true, host.token]);
    else if (m.func === "executeDeepLink") { host.opened.push(m.args[0]); reply([true]); }
  });
</script></body></html>`;

interface FakeHost {
  asked: string[];
  opened: string[];
  token: string;
  context: Record<string, unknown>;
  answerInitialize: (() => void) | null;
}

describe("the tab in a Teams host that answers late", () => {
  let issuer: EntraIssuer;
  let server: ServerUnderTest;
  let browser: Browser;
  const pages: Page[] = [];
  const head = personWith("headteacher");

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    issuer = await new EntraIssuer().start();
    server = await startServerUnderTest({
      AAD_APP_CLIENT_ID: TEST_CLIENT_ID,
      AAD_APP_TENANT_ID: TEST_TENANT,
      SSO_JWKS_URL: issuer.jwksUrl,
      SSO_AUTHORITY_HOST: issuer.authorityHost,
      OUTBOX_POLL_MS: "60000",
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const p of pages) await p.context().close();
    await browser?.close();
    await server?.stop();
    await issuer?.stop();
  });

  /** The stand-in host page with the tab framed in it, on a fake clock. */
  async function openInHost(): Promise<{ page: Page; tab: Frame }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    pages.push(page);
    await page.clock.install();
    await page.route(`${server.url}${HOST_PAGE}`, (route) =>
      route.fulfill({ status: 200, contentType: "text/html", body: hostPage }),
    );
    await page.goto(`${server.url}${HOST_PAGE}`);
    const tab = page.frameLocator("#tab");
    await tab.getByTestId("connecting").waitFor();
    const frame = page.frame({ url: /\/tab\/$/ });
    if (!frame) throw new Error("the tab's frame did not load");
    return { page, tab: frame };
  }

  const hostState = (page: Page) =>
    page.evaluate(() => {
      const h = (globalThis as unknown as { fakeHost: FakeHost }).fakeHost;
      return { asked: [...h.asked], opened: [...h.opened], waiting: h.answerInitialize !== null };
    });

  test("when Teams answers initialize 5 s late, then the tab shows 'Connecting to Teams…' meanwhile and then signs in with the host's token", async () => {
    const { page, tab } = await openInHost();
    await page.waitForFunction(
      () => (globalThis as unknown as { fakeHost: FakeHost }).fakeHost.answerInitialize !== null,
    );
    // Five seconds with no answer: the old tab had given up on Teams after two.
    await page.clock.runFor(5_000);
    expect(await tab.getByTestId("connecting").getAttribute("data-waiting")).toBe("hosted");
    expect(await tab.getByTestId("connecting").innerText()).toContain("Connecting to Teams…");
    expect(await tab.getByTestId("sign-in-problem").count()).toBe(0);
    expect(await tab.getByTestId("local-banner").count()).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, "connecting.png") });

    const token = await issuer.token({ oid: head.aadObjectId, audience: TEST_CLIENT_ID });
    await page.evaluate(
      ({ token, oid, tid }) => {
        const h = (globalThis as unknown as { fakeHost: FakeHost }).fakeHost;
        h.token = token;
        h.context = { theme: "default", frameContext: "content", userObjectId: oid, tid };
        h.answerInitialize!();
      },
      { token, oid: head.aadObjectId, tid: TEST_TENANT },
    );
    await tab.getByTestId("row-count").filter({ hasText: "of 16 staff" }).waitFor();
    expect(await tab.getByTestId("local-banner").count()).toBe(0);
    const asked = (await hostState(page)).asked;
    expect(asked).toEqual(expect.arrayContaining(["initialize", "getContext"]));
    expect(asked).toContain("authentication.getAuthToken");
    await page.screenshot({ path: path.join(SHOTS, "signed-in.png") });

    // Export: the host is handed a link (app.openLink), and the link alone downloads the file.
    await tab.getByRole("button", { name: "Export CSV" }).click();
    await page.waitForFunction(
      () => (globalThis as unknown as { fakeHost: FakeHost }).fakeHost.opened.length > 0,
    );
    const [opened] = (await hostState(page)).opened;
    expect(opened).toMatch(
      new RegExp(`^${server.url}/api/exports/acknowledgements\\.csv\\?token=[\\w.-]+$`),
    );
    const file = await fetch(opened!);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toMatch(
      /^attachment; filename="acknowledgements-/,
    );
    const [header, ...rows] = parse(await file.text(), { bom: true }) as string[][];
    expect(header?.slice(0, 4)).toEqual(["Name", "Email", "Department", "Status"]);
    expect(rows.map((r) => r[0]).sort()).toEqual(
      sampleRoster()
        .map((p) => p.displayName)
        .sort(),
    );
  });

  test("when the host stays silent, then the tab says Teams is slow, and after a minute that Teams did not answer, never signed out in browser mode", async () => {
    const { page, tab } = await openInHost();
    await page.clock.runFor(8_000);
    await tab.locator('[data-testid="connecting"][data-waiting="slow"]').waitFor();
    expect(await tab.getByTestId("connecting").innerText()).toContain(
      "Teams is taking longer than usual",
    );
    await page.clock.runFor(52_000);
    await tab.getByTestId("no-host").waitFor();
    expect(await tab.getByTestId("no-host").innerText()).toContain("Teams did not answer");
    expect(await tab.getByRole("button", { name: "Try again" }).count()).toBe(1);
    expect(await tab.getByTestId("sign-in-problem").count()).toBe(0);
    expect((await hostState(page)).asked).toEqual(["initialize"]);
    await page.screenshot({ path: path.join(SHOTS, "no-answer.png") });
  });
});
