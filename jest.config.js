/*
 * Four projects: unit, contract and integration run in parallel workers (each test starts what it
 * needs on port 0 in a temporary folder); e2e runs alone and serially (`npm run test:e2e`), since
 * each test drives a browser and the Agents Playground. `npm test` runs both, after a build.
 */
const transform = {
  "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }],
  // jose is ESM-only; Node loads it natively at run time, jest's CommonJS loader needs it compiled.
  "^.+/node_modules/jose/.+\\.js$": [
    "ts-jest",
    { tsconfig: { allowJs: true, module: "commonjs", target: "ES2022", isolatedModules: true } },
  ],
};

const project = (name) => ({
  displayName: name,
  testEnvironment: "node",
  roots: [`<rootDir>/test/${name}`],
  testMatch: ["**/*.test.ts"],
  transform,
  transformIgnorePatterns: ["/node_modules/(?!jose/)"],
  // A connection past loopback fails the test (test/support/noNetwork.ts).
  setupFilesAfterEnv: ["<rootDir>/test/support/noNetwork.ts"],
  // End-to-end tests start servers and browsers; a slow CI machine needs the headroom.
  slowTestThreshold: 20,
});

/** @type {import('jest').Config} */
module.exports = {
  projects: ["unit", "contract", "integration", "e2e"].map(project),
  testTimeout: 30000,
};
