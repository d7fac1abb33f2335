import { spawnSync } from "node:child_process";
import path from "node:path";
import { packageRoot } from "../../../src/packageRoot";

/*
 * The dependency rule is enforced by lint; this proves the rule bites, so a later edit to the
 * ESLint config cannot quietly switch it off.
 */
const root = packageRoot();

/** ESLint in its own process (its config is an ES module, which jest's VM cannot import). */
function eslint(args: string[], input?: string): string[] {
  const run = spawnSync(
    process.execPath,
    [path.join(root, "node_modules/eslint/bin/eslint.js"), ...args, "--format", "json"],
    {
      cwd: root,
      input,
      encoding: "utf8",
    },
  );
  const results = JSON.parse(run.stdout) as { messages: { ruleId: string; message: string }[] }[];
  return results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`));
}

/** Lint `code` as if it were `file` (no-cycle needs real files: the cycle test below has them). */
async function problems(file: string, code: string): Promise<string[]> {
  return eslint(
    ["--rule", "import/no-cycle: off", "--stdin", "--stdin-filename", path.join(root, file)],
    code,
  );
}

describe("the dependency rule", () => {
  jest.setTimeout(60_000);

  test.each([
    ['import { TurnContext } from "botbuilder";', /domain is pure/],
    ['import restify from "restify";', /domain is pure/],
    ['import Database from "better-sqlite3";', /domain is pure/],
    ['import { Client } from "@microsoft/microsoft-graph-client";', /domain is pure/],
    ['import fs from "node:fs";', /domain is pure/],
    [
      'import { SqliteStore } from "../../store/sqlite/sqliteStore";',
      /must not depend on adapters/,
    ],
    ['import { TeamsBot } from "../../bot/teamsBot";', /must not depend on adapters/],
    ["export const now = Date.now();", /Time is a port/],
    ["export const now = new Date();", /Time is a port/],
    ["export const now = Date();", /Time is a port/],
    ['import { DateTime } from "luxon";\nexport const now = DateTime.now();', /Time is a port/],
    ['import { DateTime } from "luxon";\nexport const now = DateTime.local();', /Time is a port/],
    ['import { DateTime } from "luxon";\nexport const now = DateTime.utc();', /Time is a port/],
  ])("when the domain does `%s`, then lint refuses it", async (code, message) => {
    const found = await problems("src/domain/people/example.ts", `${code}\nexport {};\n`);
    expect(found.join("\n")).toMatch(message);
  });

  test.each([
    ["src/domain/example.ts", 'import { SqliteStore } from "../store/sqlite/sqliteStore";'],
    ["src/domain/example.ts", 'import type { Store } from "../ports";'],
    ["src/domain/example.ts", 'import { loadConfig } from "../config";'],
  ])("when %s does `%s` (any depth, types too), then lint refuses it", async (file, code) => {
    const found = await problems(file, `${code}\nexport {};\n`);
    expect(found.join("\n")).toMatch(/must not depend on adapters/);
  });

  test.each([
    ['import type { Person } from "../people/person";', /^$/],
    [
      'import { DateTime } from "luxon";\nexport const at = DateTime.fromISO("2026-09-01");\nexport const d = new Date(0);',
      /^$/,
    ],
  ])("when the domain does `%s`, then lint allows it", async (code) => {
    const found = await problems("src/domain/policy/example.ts", `${code}\nexport {};\n`);
    expect(found.join("\n")).not.toMatch(/must not depend|Time is a port/);
  });

  test.each([
    'import { policyVersionKind } from "../app/policy/policyRecords";',
    'import { acknowledgementKind } from "../features/acknowledgements/acknowledgementRecords";',
    'import { conversationReferenceKind } from "../bot/conversationReferences";',
    'import { appInstallationKind } from "../identity/appInstaller";',
    'import { outboxKind } from "../outbox/outboxMessage";',
    'import { RECORD_KINDS } from "../recordKinds";',
    'import { startApp } from "../../composition";',
  ])("when the store does `%s`, then lint refuses it", async (code) => {
    const file = code.includes("../../") ? "src/store/sqlite/example.ts" : "src/store/example.ts";
    const found = await problems(file, `${code}\nexport {};\n`);
    expect(found.join("\n")).toMatch(/store\/ imports no capability/);
  });

  test("when two modules import each other, then lint refuses the cycle", () => {
    const fixture = path.join(root, "test/fixtures/lint/cycle");
    const found = eslint([
      "--no-ignore",
      path.join(fixture, "first.ts"),
      path.join(fixture, "second.ts"),
    ]);
    expect(found.filter((p) => p.startsWith("import/no-cycle"))).toHaveLength(2);
  });

  test("when an adapter other than the bot imports botbuilder, then lint refuses it", async () => {
    const found = await problems(
      "src/http/example.ts",
      'import { TurnContext } from "botbuilder";\nexport const x = TurnContext;\n',
    );
    expect(found.join("\n")).toMatch(/botbuilder stays inside src\/bot/);
  });

  test.each([
    'import { FEATURES } from "../features";',
    'import { ALL_RECORD_KINDS } from "../features/allRecordKinds";',
  ])("when the store does `%s`, then lint refuses it", async (code) => {
    const found = await problems("src/store/example.ts", `${code}\nexport {};\n`);
    expect(found.join("\n")).toMatch(/store\/ imports no feature/);
  });

  test("when a CLI starts the whole app (HTTP server included), then lint refuses it", async () => {
    const found = await problems(
      "src/cli/example.ts",
      'import { startApp } from "../composition";\nexport const x = startApp;\n',
    );
    expect(found.join("\n")).toMatch(/does not start the HTTP server/);
    expect(
      (
        await problems(
          "src/cli/example.ts",
          'import { buildServices } from "../composition";\nexport const x = buildServices;\n',
        )
      ).join("\n"),
    ).not.toMatch(/HTTP server/);
  });

  test.each([
    ["src/features/posts/postApprovals.ts", 'import { teamsPostCards } from "./cards/postCards";'],
    [
      "src/features/posts/pendingPosts.ts",
      'import type { PostCardData } from "./cards/postCards";',
    ],
    ["src/features/posts/approverDeputies.ts", 'import { POST_VERBS } from "./cards/postVerbs";'],
    ["src/features/posts/example.ts", 'import { renderCard } from "../../bot/cards/renderCard";'],
  ])("when the post use case %s does `%s`, then lint refuses it", async (file, code) => {
    const found = await problems(file, `${code}\nexport {};\n`);
    expect(found.join("\n")).toMatch(/Use cases return views/);
  });

  test.each([
    ["src/features/posts/postHandlers.ts", 'import { POST_VERBS } from "./cards/postVerbs";'],
    ["src/features/posts/feature.ts", 'import { POST_VERBS } from "./cards/postVerbs";'],
    [
      "src/features/posts/cards/postCards.ts",
      'import { renderCard } from "../../../bot/cards/renderCard";',
    ],
    ["src/features/posts/postApprovals.ts", 'import type { PostCards } from "./postViews";'],
  ])("when the posts card side %s does `%s`, then lint allows it", async (file, code) => {
    const found = await problems(file, `${code}\nexport {};\n`);
    expect(found.join("\n")).not.toMatch(/Use cases return views/);
  });

  test.each([
    [
      "src/features/acknowledgements/acknowledge.ts",
      'import { teamsAcknowledgementCards } from "./cards/acknowledgementCards";',
    ],
    [
      "src/features/acknowledgements/publishVersion.ts",
      'import { POLICY_VERBS } from "./cards/policyVerbs";',
    ],
    [
      "src/features/acknowledgements/acknowledgementSchedule.ts",
      'import { markedChanges } from "../../bot/cards/policyChanges";',
    ],
    [
      "src/features/acknowledgements/example.ts",
      'import { teamsDraftCards } from "../governorsApproval/cards/draftCards";',
    ],
  ])("when the acknowledgement use case %s does `%s`, then lint refuses it", async (file, code) => {
    const found = await problems(file, `${code}\nexport {};\n`);
    expect(found.join("\n")).toMatch(/Use cases return views/);
  });

  test.each([
    [
      "src/features/governorsApproval/policyDrafts.ts",
      'import { teamsDraftCards } from "./cards/draftCards";',
    ],
    [
      "src/features/governorsApproval/wordUpload.ts",
      'import { UPLOAD_VERBS } from "./cards/draftVerbs";',
    ],
    [
      "src/features/governorsApproval/example.ts",
      'import { renderCard } from "../../bot/cards/renderCard";',
    ],
    [
      "src/features/governorsApproval/policyDrafts.ts",
      'import { POLICY_VERBS } from "../acknowledgements/cards/policyVerbs";',
    ],
  ])(
    "when the governors' approval use case %s does `%s`, then lint refuses it",
    async (file, code) => {
      const found = await problems(file, `${code}\nexport {};\n`);
      expect(found.join("\n")).toMatch(/Use cases return views/);
    },
  );

  test.each([
    [
      "src/features/acknowledgements/policyHandlers.ts",
      'import { POLICY_VERBS } from "./cards/policyVerbs";',
    ],
    [
      "src/features/acknowledgements/feature.ts",
      'import { POLICY_VERBS } from "./cards/policyVerbs";',
    ],
    [
      "src/features/acknowledgements/cards/acknowledgementCards.ts",
      'import { markedChanges } from "../../../bot/cards/policyChanges";',
    ],
    [
      "src/features/acknowledgements/acknowledge.ts",
      'import type { AcknowledgementCards } from "./acknowledgementViews";',
    ],
    [
      "src/features/governorsApproval/draftHandlers.ts",
      'import { DRAFT_VERBS } from "./cards/draftVerbs";',
    ],
    [
      "src/features/governorsApproval/feature.ts",
      'import { UPLOAD_VERBS } from "./cards/draftVerbs";',
    ],
    [
      "src/features/governorsApproval/cards/draftCards.ts",
      'import { markedChanges } from "../../../bot/cards/policyChanges";',
    ],
    [
      "src/features/governorsApproval/policyDrafts.ts",
      'import type { DraftCards } from "./draftViews";',
    ],
  ])(
    "when %s (a handler, the card side or a view type) does `%s`, then lint allows it",
    async (file, code) => {
      const found = await problems(file, `${code}\nexport {};\n`);
      expect(found.join("\n")).not.toMatch(/Use cases return views/);
    },
  );

  test.each([
    [
      "src/features/qa/askQuestion.ts",
      'import { teamsQaCards } from "./cards/qaCards";',
      /Use cases return views/,
    ],
    [
      "src/features/qa/remindOpenEscalations.ts",
      'import { QA_VERBS } from "./cards/qaVerbs";',
      /Use cases return views/,
    ],
    [
      "src/features/qa/qaMessages.ts",
      'import { renderCard } from "../../bot/cards/renderCard";',
      /Use cases return views/,
    ],
    [
      "src/features/suggestions/suggestions.ts",
      'import { teamsSuggestionCards } from "./cards/suggestionCards";',
      /Use cases return views/,
    ],
    [
      "src/features/suggestions/suggestionViews.ts",
      'import { SUGGESTION_VERBS } from "./cards/suggestionVerbs";',
      /Use cases return views/,
    ],
    [
      "src/features/training/training.ts",
      'import { teamsTrainingCards } from "./cards/trainingCards";',
      /Use cases return views/,
    ],
    [
      "src/features/training/example.ts",
      'import { renderCard } from "../../bot/cards/renderCard";',
      /Use cases return views/,
    ],
  ])("when the use case %s does `%s`, then lint refuses it", async (file, code, message) => {
    const found = await problems(file, `${code}\nexport {};\n`);
    expect(found.join("\n")).toMatch(message);
  });

  test.each([
    ["src/features/qa/qaHandlers.ts", 'import { QA_VERBS } from "./cards/qaVerbs";'],
    ["src/features/qa/feature.ts", 'import { QA_VERBS } from "./cards/qaVerbs";'],
    [
      "src/features/qa/cards/qaCards.ts",
      'import { renderCard } from "../../../bot/cards/renderCard";',
    ],
    ["src/features/qa/askQuestion.ts", 'import type { QaCards } from "./qaViews";'],
    [
      "src/features/suggestions/feature.ts",
      'import { SUGGESTION_VERBS } from "./cards/suggestionVerbs";',
    ],
    [
      "src/features/suggestions/suggestions.ts",
      'import { suggestionView } from "./suggestionViews";',
    ],
    ["src/features/training/feature.ts", 'import { TRAINING_VERBS } from "./cards/trainingVerbs";'],
    ["src/features/training/training.ts", 'import type { TrainingCards } from "./trainingViews";'],
  ])(
    "when the Q&A, suggestions or training card side %s does `%s`, then lint allows it",
    async (file, code) => {
      const found = await problems(file, `${code}\nexport {};\n`);
      expect(found.join("\n")).not.toMatch(/Use cases return views/);
    },
  );

  test.each([
    [
      "src/features/reports/handleCase.ts",
      'import { teamsReportCards } from "./cards/reportCards";',
    ],
    ["src/features/reports/reportMisuse.ts", 'import { linksIn } from "./cards/reportCards";'],
    [
      "src/features/reports/mediaEnquiries.ts",
      'import { MEDIA_VERBS } from "./cards/reportVerbs";',
    ],
    ["src/features/reports/reportSchedule.ts", 'import { CASE_VERBS } from "./cards/reportVerbs";'],
    [
      "src/features/reports/reportViews.ts",
      'import { renderCard } from "../../bot/cards/renderCard";',
    ],
  ])("when the report use case %s does `%s`, then lint refuses it", async (file, code) => {
    const found = await problems(file, `${code}\nexport {};\n`);
    expect(found.join("\n")).toMatch(/Use cases return views/);
  });

  test.each([
    ["src/features/reports/reportHandlers.ts", 'import { CASE_VERBS } from "./cards/reportVerbs";'],
    ["src/features/reports/feature.ts", 'import { MEDIA_VERBS } from "./cards/reportVerbs";'],
    [
      "src/features/reports/cards/reportCards.ts",
      'import { renderCard } from "../../../bot/cards/renderCard";',
    ],
    ["src/features/reports/handleCase.ts", 'import type { ReportCards } from "./reportViews";'],
  ])("when the reports card side %s does `%s`, then lint allows it", async (file, code) => {
    const found = await problems(file, `${code}\nexport {};\n`);
    expect(found.join("\n")).not.toMatch(/Use cases return views/);
  });

  // The written permissions register and "what is waiting for you": the same rule, a zone each.
  const PERMISSIONS = /Use cases return views/;
  const WAITING = /Use cases return views/;
  test.each([
    ["src/features/permissions/writtenPermissions.ts", "./cards/permissionCards", PERMISSIONS],
    ["src/features/permissions/permissionRegister.ts", "./cards/permissionVerbs", PERMISSIONS],
    ["src/features/permissions/permissionViews.ts", "./cards/permissionCards", PERMISSIONS],
    ["src/features/permissions/example.ts", "../../bot/cards/renderCard", PERMISSIONS],
    ["src/features/waitingForYou/waitingForYou.ts", "./cards/waitingCards", WAITING],
    ["src/features/waitingForYou/waitingViews.ts", "./cards/waitingVerbs", WAITING],
    ["src/features/waitingForYou/example.ts", "../../bot/cards/renderCard", WAITING],
  ])("when the use case %s imports %s, then lint refuses it", async (file, from, message) => {
    const found = await problems(file, `import * as cards from "${from}";\nexport { cards };\n`);
    expect(found.join("\n")).toMatch(message);
  });

  test.each([
    ["src/features/permissions/permissionHandlers.ts", "./cards/permissionVerbs", PERMISSIONS],
    ["src/features/permissions/feature.ts", "./cards/permissionVerbs", PERMISSIONS],
    [
      "src/features/permissions/cards/permissionCards.ts",
      "../../../bot/cards/renderCard",
      PERMISSIONS,
    ],
    ["src/features/permissions/writtenPermissions.ts", "./permissionViews", PERMISSIONS],
    ["src/features/waitingForYou/feature.ts", "./cards/waitingVerbs", WAITING],
    ["src/features/waitingForYou/cards/waitingCards.ts", "../../../bot/cards/renderCard", WAITING],
    ["src/features/waitingForYou/waitingForYou.ts", "./waitingViews", WAITING],
  ])("when the card side %s imports %s, then lint allows it", async (file, from, message) => {
    const found = await problems(file, `import * as cards from "${from}";\nexport { cards };\n`);
    expect(found.join("\n")).not.toMatch(message);
  });

  test("when the bot adapter imports botbuilder, then lint allows it", async () => {
    const found = await problems(
      "src/bot/example.ts",
      'import { TurnContext } from "botbuilder";\nexport const x = TurnContext;\n',
    );
    expect(found.join("\n")).not.toMatch(/botbuilder stays/);
  });
});
