import { parse } from "csv-parse/sync";
import { ExportLinks } from "../../src/http/exportLinks";
import type { ExportLink, VersionInfo } from "../../src/http/tabApiContract";
import type { Directory } from "../../src/ports";
import { LogLines, startAppUnderTest, TestClock, type AppUnderTest } from "../support/inProcessApp";
import { personWith, sampleRoster } from "../support/sampleRoster";

/*
 * The dashboard's CSV export through a short-lived signed link: the tab asks for a link (signed
 * in as usual), the host downloads it with no sign-in header. The link is checked (signature,
 * expiry on the app's clock, kind) and then the person's role again.
 */

const SECRET = "export-links-test-secret-0123456789abcdef";

describe("export links over a running app", () => {
  const clock = new TestClock();
  const logs = new LogLines("debug");
  let t: AppUnderTest;
  let version: string;
  const head = personWith("headteacher");
  const chair = personWith("chair-of-governors");
  const roster = sampleRoster();

  const askForLink = async (who = head, query = "status=outstanding&sort=name") =>
    fetch(`${t.app.url}/api/tab/versions/${encodeURIComponent(version)}/rows.csv/link?${query}`, {
      method: "POST",
      headers: { "x-local-user": who.aadObjectId, "content-type": "application/json" },
      body: "{}",
    });
  const link = async (who = head, query?: string) =>
    (await (await askForLink(who, query)).json()) as ExportLink;
  /** As the host downloads it: no sign-in header at all. */
  const download = (url: string) => fetch(`${t.app.url}${url}`);
  const tokenOf = (url: string) => new URL(url, "http://x").searchParams.get("token")!;

  beforeAll(async () => {
    clock.set("2026-11-02T09:00:00Z");
    t = await startAppUnderTest(
      { EXPORT_LINK_SECRET: SECRET, OUTBOX_POLL_MS: "60000", SCHEDULE_TICK_MS: "3600000" },
      clock,
      logs,
    );
    const versions = (await (
      await fetch(`${t.app.url}/api/tab/versions`, {
        headers: { "x-local-user": head.aadObjectId },
      })
    ).json()) as { versions: VersionInfo[] };
    version = versions.versions[0]!.version;
  });

  afterAll(async () => {
    await t?.stop();
  });

  test("when the headteacher asks for a link and the host downloads it, then the CSV comes as an attachment that is never cached", async () => {
    const answer = await askForLink();
    expect(answer.status).toBe(200);
    const { url, expiresAt } = (await answer.json()) as ExportLink;
    expect(url).toMatch(/^\/api\/exports\/acknowledgements\.csv\?token=[\w.-]+$/);
    expect(Date.parse(expiresAt) - clock.now().getTime()).toBeLessThanOrEqual(300_000);
    expect(Date.parse(expiresAt) - clock.now().getTime()).toBeGreaterThan(290_000);

    const file = await download(url);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(file.headers.get("content-disposition")).toBe(
      `attachment; filename="acknowledgements-${version}-outstanding-2026-11-02.csv"`,
    );
    expect(file.headers.get("cache-control")).toBe("no-store");
    expect(file.headers.get("referrer-policy")).toBe("no-referrer");
    const [header, ...rows] = parse(await file.text(), { bom: true }) as string[][];
    expect(header?.slice(0, 4)).toEqual(["Name", "Email", "Department", "Status"]);
    // Nobody has acknowledged: the filter the link was made for (outstanding) holds everyone.
    expect(rows.map((r) => r[0]).sort()).toEqual(roster.map((p) => p.displayName).sort());
    expect(rows.every((r) => r[3] === "Outstanding")).toBe(true);
    // A second download inside the five minutes works too (a host may fetch twice).
    expect((await download(url)).status).toBe(200);
  });

  test("when the link is used after five minutes, then it is 401 and says it expired", async () => {
    const { url } = await link();
    clock.advanceMs(299_000);
    expect((await download(url)).status).toBe(200);
    clock.advanceMs(2_000);
    const late = await download(url);
    expect(late.status).toBe(401);
    expect(await late.json()).toMatchObject({ error: "EXPORT.EXPIRED" });
  });

  test("when the token is tampered with, then it is 401 and nothing is exported", async () => {
    const { url } = await link();
    const token = tokenOf(url);
    const [h, payload, signature] = token.split(".") as [string, string, string];
    // Widen the filter in the payload, keep the signature.
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as {
      params: Record<string, string>;
    };
    delete claims.params.status;
    const widened = `${h}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.${signature}`;
    const flipped = `${h}.${payload}.${signature.slice(0, -2)}${signature.endsWith("AA") ? "BB" : "AA"}`;
    const unsigned = `${Buffer.from('{"alg":"none"}').toString("base64url")}.${payload}.`;
    const otherKey = await new ExportLinks("another-secret-of-at-least-32-characters", clock).issue(
      { kind: "acknowledgements", userId: head.aadObjectId, access: "names", params: { version } },
    );
    for (const bad of [widened, flipped, unsigned, tokenOf(otherKey.url), "not-a-token", ""]) {
      const answer = await download(
        `/api/exports/acknowledgements.csv?token=${encodeURIComponent(bad)}`,
      );
      expect(answer.status).toBe(401);
      expect(await answer.text()).not.toContain(head.displayName);
    }
    expect((await download("/api/exports/acknowledgements.csv")).status).toBe(401);
  });

  test("when a link is presented for another kind of export, then it is refused (403 for a kind that is not its own, 404 for none)", async () => {
    const { url } = await link();
    const token = tokenOf(url);
    const signer = new ExportLinks(SECRET, clock);
    // Signed with the right key, but for another kind: the kind in the token must match the path.
    expect(await signer.check(token, "questions")).toMatchObject({
      ok: false,
      status: 403,
      code: "EXPORT.WRONG_KIND",
    });
    const wrongPath = await download(`/api/exports/questions.csv?token=${token}`);
    expect(wrongPath.status).toBe(403);
    expect(await wrongPath.json()).toMatchObject({ error: "EXPORT.WRONG_KIND" });
    expect((await download(`/api/exports/acknowledgements.json?token=${token}`)).status).toBe(404);
  });

  test("when the person's role is revoked after the link was issued, then the download is 403", async () => {
    const { url } = await link();
    const services = t.app.services as { directory: Directory };
    const original = services.directory;
    services.directory = {
      ...original,
      all: () => original.all(),
      find: async (id: string) => {
        const found = await original.find(id);
        return found && id === head.aadObjectId ? { ...found, roles: ["staff"] } : found;
      },
    } as Directory;
    try {
      const answer = await download(url);
      expect(answer.status).toBe(403);
      expect(await answer.json()).toMatchObject({ error: "EXPORT.ROLE" });
    } finally {
      services.directory = original;
    }
    expect((await download(url)).status).toBe(200);
  });

  test("when the chair of governors (figures only) or someone signed out asks for a link, then none is issued", async () => {
    expect((await askForLink(chair)).status).toBe(403);
    const anonymous = await fetch(
      `${t.app.url}/api/tab/versions/${encodeURIComponent(version)}/rows.csv/link`,
      { method: "POST", headers: { "content-type": "application/json" }, body: "{}" },
    );
    expect(anonymous.status).toBe(401);
    expect((await askForLink(head, "status=everyone")).status).toBe(400);
  });

  test("when another instance holds the same secret, then it accepts the link; with its own secret it does not", async () => {
    const { url } = await link();
    const token = tokenOf(url);
    expect(await new ExportLinks(SECRET, clock).check(token, "acknowledgements")).toMatchObject({
      ok: true,
      grant: { userId: head.aadObjectId, access: "names", kind: "acknowledgements" },
    });
    expect(
      await new ExportLinks("a-different-instance-secret-0123456789", clock).check(
        token,
        "acknowledgements",
      ),
    ).toMatchObject({ ok: false, status: 401 });
  });

  test("when links are issued, used and refused, then no log line holds a token or a name", async () => {
    const { url } = await link();
    await download(url);
    await download(`${url}x`);
    const token = tokenOf(url);
    const all = logs.lines.join("\n");
    expect(all).toContain("acknowledgements exported");
    expect(all).toContain("export link refused");
    // The request log names the route, not the address it was called with.
    expect(all).toContain("/api/exports/:file");
    expect(all).not.toContain(token.split(".")[2]!);
    expect(all).not.toContain("token=");
    for (const p of roster) expect(all).not.toContain(p.displayName);
  });
});
