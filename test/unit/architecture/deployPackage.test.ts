import fs from "node:fs";
import path from "node:path";
import yaml from "js-yaml";

/*
 * `atk deploy` ships what the server runs and nothing else: the compiled server and the built tab
 * (lib/), the bundled assets, and the production dependencies. The tab's React and Fluent UI are
 * bundled into lib/tab at build time, so they, the test tools and the compiler stay behind.
 */
const root = path.resolve(__dirname, "../../..");
const read = (relative: string): string => fs.readFileSync(path.join(root, relative), "utf8");
const pkg = JSON.parse(read("package.json")) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory())
      return relative === path.join("src", "tab") ? [] : sourceFiles(relative);
    return entry.name.endsWith(".ts") ? [relative] : [];
  });
}

/** The package a bare specifier names: "csv-parse/sync" -> "csv-parse", "@a/b/c" -> "@a/b". */
const packageOf = (specifier: string): string =>
  specifier
    .split("/")
    .slice(0, specifier.startsWith("@") ? 2 : 1)
    .join("/");

describe("the deployed package", () => {
  test("when the server's code (not the bundled tab) loads a package at run time, then it is a production dependency", () => {
    const missing: string[] = [];
    for (const file of sourceFiles("src")) {
      for (const line of read(file).split("\n")) {
        if (/^\s*(import|export) type\b/.test(line)) continue;
        for (const m of line.matchAll(/(?:from |import\(|require\()"([^"]+)"/g)) {
          const specifier = m[1]!;
          if (specifier.startsWith(".") || specifier.startsWith("node:")) continue;
          if (!pkg.dependencies[packageOf(specifier)]) missing.push(`${file}: ${specifier}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  test("when atk deploy runs, then development dependencies are pruned after the build and before the upload", () => {
    const deploy = (
      yaml.load(read("m365agents.yml")) as {
        deploy: Array<{ uses: string; with?: Record<string, unknown> }>;
      }
    ).deploy;
    const args = deploy.map((a) =>
      a.uses === "cli/runNpmCommand" ? String(a.with?.args) : a.uses,
    );
    const build = args.indexOf("run build");
    const prune = args.findIndex((a) => /^prune\b.*--omit=dev/.test(a));
    const upload = args.indexOf("azureAppService/zipDeploy");
    expect(build).toBeGreaterThanOrEqual(0);
    expect(prune).toBeGreaterThan(build);
    expect(upload).toBeGreaterThan(prune);
  });

  test("when .webappignore is applied, then sources and tests stay behind and what the server runs is kept", () => {
    const patterns = read(".webappignore")
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith("#"));
    for (const left of ["/src", "/test", "/bench", "/scripts", "/infra", "/env", "/.vscode"]) {
      expect(patterns).toContain(left);
    }
    for (const kept of [
      "/lib",
      "/node_modules",
      "/assets",
      "/package.json",
      "/package-lock.json",
    ]) {
      expect(patterns).not.toContain(kept);
    }
    // Only what compiles better-sqlite3 is left out of its folder, not its binary.
    expect(patterns.filter((p) => p.startsWith("/node_modules/better-sqlite3"))).not.toContain(
      "/node_modules/better-sqlite3/build",
    );
  });
});
