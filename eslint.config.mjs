// Lint rules, including the dependency rules: the domain imports no framework, adapter or I/O;
// the store knows no capability; no module imports itself through a cycle.
import js from "@eslint/js";
import importPlugin from "eslint-plugin-import";
import tseslint from "typescript-eslint";

const adapters = ["bot", "http", "store", "identity", "outbox", "tab", "cli", "app", "policy", "features", "graph", "observability"];

export default tseslint.config(
  { ignores: ["lib/**", "node_modules/**", "coverage/**", "appPackage/build/**", "test-output/**", ".playground/**", "devTools/**", "test/fixtures/lint/**", "**/*.js", "**/*.mjs"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": ["error", { allow: ["error"] }],
      eqeqeq: ["error", "smart"],
    },
  },
  {
    files: ["src/index.ts", "src/cli/**", "scripts/**", "bench/**", "test/**"],
    rules: { "no-console": "off" },
  },
  {
    // Paths are resolved (not matched as text), so `../policy` means src/policy only from src/.
    // The fixtures are linted only by test/unit/architecture/dependencyRule.test.ts (--no-ignore).
    files: ["src/**/*.ts", "src/**/*.tsx", "test/fixtures/lint/**/*.ts"],
    plugins: { import: importPlugin },
    settings: {
      "import/parsers": { "@typescript-eslint/parser": [".ts", ".tsx"] },
      "import/resolver": { node: { extensions: [".ts", ".tsx", ".js", ".json"] } },
    },
    rules: {
      // A cycle means two modules are one: wiring order decides which sees the other half-built.
      "import/no-cycle": ["error", { ignoreExternal: true }],
      "import/no-restricted-paths": [
        "error",
        {
          zones: [
            {
              target: "./src/domain",
              from: adapters.map((a) => `./src/${a}`).concat(["./src/ports.ts", "./src/config.ts", "./src/composition.ts", "./src/logging.ts"]),
              message: "The domain must not depend on adapters, use cases or wiring.",
            },
            {
              // The store serves every capability and knows none: kinds are handed to it.
              target: "./src/store",
              from: ["./src/app", "./src/bot", "./src/identity", "./src/outbox", "./src/features", "./src/http", "./src/cli", "./src/tab", "./src/policy", "./src/composition.ts", "./src/recordKinds.ts"],
              message: "store/ imports no capability: its callers pass kinds and settings in.",
            },
            {
              // Use cases return views; the cards port (posts/cards, wired through services) renders
              // them, so wording, verbs and Teams' limits never leak into a decision. Only the
              // feature's bot side (its handlers and declaration) names the card module.
              target: "./src/features/posts/!(postHandlers|feature).ts",
              from: ["./src/features/posts/cards", "./src/bot/cards"],
              message: "Post use cases return views: cards are built by the PostCards port (services.postCards).",
            },
            {
              // The same for the written permissions register: only its handlers and declaration name its cards.
              target: "./src/features/permissions/!(permissionHandlers|feature).ts",
              from: ["./src/features/permissions/cards", "./src/bot/cards"],
              message: "Permission use cases return views: cards are built by the PermissionCards port (services.permissionCards).",
            },
            {
              // And for "What is waiting for you": only its declaration (the bot side) names its cards.
              target: "./src/features/waitingForYou/!(feature).ts",
              from: ["./src/features/waitingForYou/cards", "./src/bot/cards"],
              message: "Waiting-for-you use cases return views: cards are built by the WaitingCards port (services.waitingCards).",
            },
          ],
        },
      ],
    },
  },
  {
    // Only the bot adapter may speak botbuilder: a move to the Agents SDK touches one folder.
    files: ["src/**/*.ts"],
    ignores: ["src/bot/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["botbuilder*", "botframework-*"], message: "botbuilder stays inside src/bot." }] },
      ],
    },
  },
  {
    // One-shot tools call the use cases on built services; they never start the server.
    files: ["src/cli/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: [{ name: "../composition", importNames: ["startApp"], message: "The CLI calls use cases on buildServices(); it does not start the HTTP server." }] },
      ],
    },
  },
  {
    // The store serves every capability and knows none: kinds are handed to it.
    files: ["src/store/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/features", "**/features/**", "botbuilder*", "botframework-*"], message: "store/ imports no feature: pass what it needs as arguments." }] },
      ],
    },
  },
  {
    files: ["src/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["botbuilder*", "restify*", "better-sqlite3", "@microsoft/*", "@azure/*", "pino", "node:*", "fs", "path", "http", "https", "child_process"],
              message: "The domain is pure: frameworks and I/O belong in adapters.",
            },
          ],
        },
      ],
      "no-restricted-globals": ["error", { name: "fetch", message: "No I/O in the domain." }],
      "no-restricted-properties": [
        "error",
        { object: "Date", property: "now", message: "Time is a port: take `now` as an argument." },
        { object: "DateTime", property: "now", message: "Time is a port: take `now` as an argument." },
        { object: "performance", property: "now", message: "Time is a port: take `now` as an argument." },
      ],
      "no-restricted-syntax": [
        "error",
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "Time is a port: take `now` as an argument." },
        { selector: "CallExpression[callee.name='Date']", message: "Time is a port: take `now` as an argument." },
        {
          selector: "CallExpression[callee.object.name='DateTime'][callee.property.name=/^(local|utc)$/][arguments.length=0]",
          message: "Time is a port: take `now` as an argument.",
        },
      ],
    },
  },
);
