import { spawnSync } from "node:child_process";
import path from "node:path";
import { packageRoot } from "../../../src/packageRoot";

/*
 * The dependency rule is enforced by lint; this proves the rule bites, so a later edit to the
 * ESLint config cannot quietly switch it off.
 */
const root = packageRoot();

/** ESLint in its own process (its config is an ES module, which jest's VM cannot import). */
async function problems(file: string, code: string): Promise<string[]> {
  const run = spawnSync(
    process.execPath,
    [path.join(root, "node_modules/eslint/bin/eslint.js"), "--stdin", "--stdin-filename", path.join(root, file), "--format", "json"],
    { cwd: root, input: code, encoding: "utf8" },
  );
  const [result] = JSON.parse(run.stdout) as { messages: { ruleId: string; message: string }[] }[];
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe("the dependency rule", () => {
  jest.setTimeout(60_000);

  test.each([
    ['import { TurnContext } from "botbuilder";', /domain is pure/],
    ['import restify from "restify";', /domain is pure/],
    ['import Database from "better-sqlite3";', /domain is pure/],
    ['import { Client } from "@microsoft/microsoft-graph-client";', /domain is pure/],
    ['import fs from "node:fs";', /domain is pure/],
    ['import { SqliteStore } from "../../store/sqlite/sqliteStore";', /must not depend on adapters/],
    ['import { TeamsBot } from "../../bot/teamsBot";', /must not depend on adapters/],
    ["export const now = Date.now();", /Time is a port/],
  ])("when the domain does `%s`, then lint refuses it", async (code, message) => {
    const found = await problems("src/domain/people/example.ts", `${code}\nexport {};\n`);
    expect(found.join("\n")).toMatch(message);
  });

  test("when an adapter other than the bot imports botbuilder, then lint refuses it", async () => {
    const found = await problems("src/http/example.ts", 'import { TurnContext } from "botbuilder";\nexport const x = TurnContext;\n');
    expect(found.join("\n")).toMatch(/botbuilder stays inside src\/bot/);
  });

  test.each(['import { FEATURES } from "../features";', 'import { ALL_RECORD_KINDS } from "../features/allRecordKinds";'])(
    "when the store does `%s`, then lint refuses it",
    async (code) => {
      const found = await problems("src/store/example.ts", `${code}\nexport {};\n`);
      expect(found.join("\n")).toMatch(/store\/ imports no feature/);
    },
  );

  test("when a CLI starts the whole app (HTTP server included), then lint refuses it", async () => {
    const found = await problems("src/cli/example.ts", 'import { startApp } from "../composition";\nexport const x = startApp;\n');
    expect(found.join("\n")).toMatch(/does not start the HTTP server/);
    expect((await problems("src/cli/example.ts", 'import { buildServices } from "../composition";\nexport const x = buildServices;\n')).join("\n")).not.toMatch(/HTTP server/);
  });

  test("when the bot adapter imports botbuilder, then lint allows it", async () => {
    const found = await problems("src/bot/example.ts", 'import { TurnContext } from "botbuilder";\nexport const x = TurnContext;\n');
    expect(found.join("\n")).not.toMatch(/botbuilder stays/);
  });
});
