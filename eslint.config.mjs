// Lint rules, including the dependency rule: the domain imports no framework, adapter or I/O.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const adapters = ["bot", "http", "store", "identity", "outbox", "tab", "cli", "app", "policy"];

export default tseslint.config(
  { ignores: ["lib/**", "node_modules/**", "coverage/**", "appPackage/build/**", "test-output/**", ".playground/**", "devTools/**", "**/*.js", "**/*.mjs"] },
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
            {
              group: [...adapters.flatMap((a) => [`../../${a}/*`, `../../${a}`]), "../../ports", "../../config", "../../composition"],
              message: "The domain must not depend on adapters, use cases or wiring.",
            },
          ],
        },
      ],
      "no-restricted-globals": ["error", { name: "fetch", message: "No I/O in the domain." }],
      "no-restricted-properties": ["error", { object: "Date", property: "now", message: "Time is a port: take `now` as an argument." }],
    },
  },
);
