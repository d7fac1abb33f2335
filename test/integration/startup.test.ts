import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startServer } from "../../scripts/processes";
import { startServerUnderTest } from "../support/appServer";

/** How the server exits; one still running after 20 s is stopped and reported as "running". */
function exitOf(
  env: Record<string, string>,
): Promise<{ code: number | null | "running"; output: string }> {
  const started = startServer(env);
  return new Promise((resolve) => {
    let running = false;
    const timer = setTimeout(() => {
      running = true;
      void started.stop();
    }, 20_000);
    started.child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code: running ? "running" : code, output: started.output() });
    });
  });
}

describe("start-up", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "startup-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("when PORT, DATA_DIR and ROSTER_FILE are set, then npm start uses them", async () => {
    const roster = path.join(dir, "roster.csv");
    fs.writeFileSync(
      roster,
      "aadObjectId,displayName,email,roles,department\nid-1,Ann Lee,ann@s.example,headteacher,SLT\n",
    );
    const dataDir = path.join(dir, "data-custom");
    const server = await startServerUnderTest({ DATA_DIR: dataDir, ROSTER_FILE: roster });
    try {
      expect(fs.existsSync(path.join(dataDir, "policy-bot.sqlite"))).toBe(true);
      expect(server.process.output()).toContain(`Data folder:   ${dataDir}`);
      expect(server.url).toMatch(/127\.0\.0\.1:\d+/);
    } finally {
      await server.stop();
    }
  });

  test("when a roster row is malformed, then start-up stops naming the file and line", async () => {
    const roster = path.join(dir, "bad-roster.csv");
    fs.writeFileSync(
      roster,
      "aadObjectId,displayName,email,roles,department\nid-1,Ann,ann@s.example,staff,SLT\nid-2,Bob,bob@s.example,wizard,SLT\n",
    );
    const result = await exitOf({ PORT: "0", ROSTER_FILE: roster, DATA_DIR: path.join(dir, "d1") });
    expect(result.code).toBe(1);
    expect(result.output).toContain(`${roster}:3: unknown role "wizard"`);
  });

  test("when the policy file is missing, then start-up stops naming it", async () => {
    const missing = path.join(dir, "nope.md");
    const result = await exitOf({ POLICY_FILE: missing, DATA_DIR: path.join(dir, "d2") });
    expect(result.code).toBe(1);
    expect(result.output).toContain(`${missing}: policy file not found`);
  });

  test("when a setting is invalid, then start-up stops naming every bad variable", async () => {
    const result = await exitOf({
      PORT: "not-a-port",
      LOG_LEVEL: "shouty",
      DATA_DIR: path.join(dir, "d3"),
    });
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/PORT/);
    expect(result.output).toMatch(/LOG_LEVEL/);
  });

  test("when local mode (no BOT_ID) is asked to listen on every interface, then it does not start and says why in one message", async () => {
    const result = await exitOf({
      BOT_ID: "",
      MicrosoftAppId: "",
      HOST: "0.0.0.0",
      PORT: "0",
      DATA_DIR: path.join(dir, "d4"),
    });
    expect(result.code).toBe(1);
    const about = result.output.split("\n").filter((line) => line.includes("HOST"));
    expect(about).toHaveLength(1);
    expect(about[0]).toMatch(/HOST \(got "0\.0\.0\.0"\): without BOT_ID .*loopback only/);
    expect(result.output).not.toMatch(/Data folder|Listening| {4}at /);
    expect(fs.existsSync(path.join(dir, "d4", "policy-bot.sqlite"))).toBe(false);
  });

  test("when SIGTERM arrives, then the server stops cleanly with exit 0", async () => {
    const server = await startServerUnderTest();
    const exited = new Promise<number | null>((resolve) =>
      server.process.child.once("exit", resolve),
    );
    server.process.child.kill("SIGTERM");
    expect(await exited).toBe(0);
    await server.stop();
  });
});
