import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { acknowledgementKind } from "../../src/features/acknowledgements/acknowledgementRecords";
import { policyVersionKind } from "../../src/app/policy/policyRecords";
import { runProvisioning } from "../../src/cli/provisionSharePoint";
import { packageRoot } from "../../src/packageRoot";
import { cardText } from "../support/connectorRecorder";
import { installActivity, invokeActivity, post } from "../support/activities";
import { GraphTestServer, sharePointEnv } from "../support/graphTestServer";
import { startAppUnderTest, type AppUnderTest } from "../support/inProcessApp";
import { personWith } from "../support/sampleRoster";

/*
 * SharePoint answers a create that meets an existing unique recordId with 400 invalidRequest
 * (some tenants: 500 SPException), never 409. Everything that creates a record it may already
 * have (start-up installing the bundled version, leases, a double click, a retried create, the
 * CLI publishing a version twice) must still work on the SharePoint path.
 */
jest.mock("better-sqlite3", () => {
  throw new Error("better-sqlite3 must not be loaded when STORE=sharepoint");
});
jest.setTimeout(120_000);

const cli = path.join(packageRoot(), "lib/src/cli/publishPolicy.js");

function execFileAsync(
  file: string,
  args: string[],
  options: { encoding: "utf8"; env: NodeJS.ProcessEnv },
): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, options, (error, stdout, stderr) =>
      resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe.each(["invalidRequest", "spException"] as const)(
  "the SharePoint path when duplicates are answered as %s",
  (uniqueViolation) => {
    let server: GraphTestServer;
    const siteId = `contoso.sharepoint.com,${randomUUID()},${randomUUID()}`;
    const teacher = personWith("staff");
    const env = () => ({
      ...sharePointEnv(server, siteId),
      GRAPH_TIMEOUT_MS: "2000",
      OUTBOX_POLL_MS: "60000",
      SCHEDULE_TICK_MS: "3600000",
    });
    const running: AppUnderTest[] = [];
    const start = async () => {
      const app = await startAppUnderTest(env());
      running.push(app);
      return app;
    };

    beforeAll(async () => {
      server = await new GraphTestServer({ uniqueViolation }).start();
      server.addSite(siteId);
      await runProvisioning({ ...env(), LOG_LEVEL: "silent" }, () => undefined);
    });
    afterAll(async () => {
      for (const app of running) await app.stop();
      await server.stop();
    });

    test("when the service restarts and a second instance starts, then both start on the records already there", async () => {
      const first = await start();
      await first.stop();
      running.splice(running.indexOf(first), 1);
      const again = await start();
      const second = await start();
      expect(again.app.url).not.toBe(second.app.url);
      const versions = server.itemsOf(siteId, "PolicyBot_policyVersions");
      expect(versions).toHaveLength(1);
      expect(server.requests.some((r) => r.status === 409)).toBe(false);
      expect(
        server.requests.filter(
          (r) =>
            r.method === "POST" && r.status === (uniqueViolation === "spException" ? 500 : 400),
        ).length,
      ).toBeGreaterThan(0);
    });

    test("when a teacher double-clicks the acknowledgement, then one is stored and both clicks show the receipt", async () => {
      const t = running[0] ?? (await start());
      await post(t.app.url, installActivity(teacher, t.connector.url));
      const version = (await t.app.services.policyVersions.inForce())!.label;
      const click = () =>
        post(t.app.url, invokeActivity(teacher, t.connector.url, "acknowledgePolicy", { version }));
      const answers = await Promise.all([click(), click()]);
      for (const r of answers) {
        expect(r.status).toBe(200);
        expect(cardText((r.body as { value: unknown }).value)).toMatch(/Acknowledged on/);
      }
      const stored = server
        .itemsOf(siteId, "PolicyBot_acknowledgements")
        .filter((i) => String(i.ix_aadObjectId) === teacher.aadObjectId);
      expect(stored).toHaveLength(1);
    });

    test("when a create's answer is lost and the SDK sends it again, then the store knows its own write", async () => {
      const t = running[0] ?? (await start());
      server.inject({ kind: "drop", when: "after" }, { method: "POST", path: /\/items$/ });
      const acks = t.app.services.store.collection(acknowledgementKind);
      const created = await acks.create("retried-create", {
        version: "2024.07",
        aadObjectId: "retried-person",
        acknowledgedAt: "2026-11-02T09:00:00.000Z",
        channel: "teams-card",
      });
      expect(created.ok).toBe(true);
      const again = await acks.create("retried-create", {
        version: "2024.07",
        aadObjectId: "retried-person",
        acknowledgedAt: "2026-11-02T10:00:00.000Z",
        channel: "teams-card",
      });
      expect(again.ok).toBe(false);
      expect(
        server
          .itemsOf(siteId, "PolicyBot_acknowledgements")
          .filter((i) => i.Title === "retried-create"),
      ).toHaveLength(1);
    });

    (fs.existsSync(cli) ? test : test.skip)(
      "when publish:policy runs twice with the same version, then the second run says it is published and changes nothing",
      async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "publish-sp-"));
        try {
          const file = path.join(dir, "policy.md");
          fs.writeFileSync(
            file,
            `${fs.readFileSync(
              path.join(packageRoot(), "assets/policy/staff-social-media-policy.md"),
              "utf8",
            )}\n## Artificial intelligence tools\n\nDo not put pupils' data into AI tools.\n`,
          );
          const effective = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
          // Not spawnSync: the Graph test server lives in this process and must keep answering.
          const run = () =>
            execFileAsync(
              process.execPath,
              [
                "--disable-warning=DEP0111",
                cli,
                ...["--file", file, "--version", "2099.02", "--effective", effective],
                ...["--summary", "Twice", "--as", personWith("aht-digital").email],
              ],
              {
                encoding: "utf8",
                env: { ...process.env, ...env(), DATA_DIR: dir, LOG_LEVEL: "silent" },
              },
            );
          const first = await run();
          expect(first.stderr).toBe("");
          expect(first.status).toBe(0);
          // The governors approve the draft (the Chair records it), which publishes the version.
          const approved = await execFileAsync(
            process.execPath,
            [
              "--disable-warning=DEP0111",
              cli,
              ...["--record-approval", "--version", "2099.02", "--body", "LGB"],
              ...["--meeting", "Autumn term", "--date", new Date().toISOString().slice(0, 10)],
              ...["--as", personWith("chair-of-governors").email],
            ],
            {
              encoding: "utf8",
              env: { ...process.env, ...env(), DATA_DIR: dir, LOG_LEVEL: "silent" },
            },
          );
          expect(approved.status).toBe(0);
          const second = await run();
          // Publishing goes through the governors' draft now: the label is refused either way.
          expect(second.stderr).toMatch(
            /There is already a version 2099\.02|has already been published/,
          );
          expect(second.status).toBe(1);
          const versions = server
            .itemsOf(siteId, "PolicyBot_policyVersions")
            .filter((i) => i.Title === "2099.02");
          expect(versions).toHaveLength(1);
          expect(JSON.parse(String(versions[0]!.payload)).summary).toBe("Twice");
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      },
    );

    test("when the records are read back, then the version is the bundled one", async () => {
      const t = running[0]!;
      const all = await t.app.services.store.collection(policyVersionKind).get("2024.07");
      expect(all?.data.label).toBe("2024.07");
    });
  },
);
