// Bundles the dashboard tab (React + Fluent UI + teams-js) into static files under lib/tab.
// One external script, no inline code: the tab's Content-Security-Policy forbids inline scripts.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outdir = path.join(root, "lib", "tab");
fs.rmSync(outdir, { recursive: true, force: true });
fs.mkdirSync(outdir, { recursive: true });
await build({
  entryPoints: [path.join(root, "src/tab/main.tsx")],
  bundle: true,
  minify: true,
  sourcemap: true,
  format: "iife",
  target: ["chrome120", "edge120", "safari16"],
  outfile: path.join(outdir, "app.js"),
  define: { "process.env.NODE_ENV": '"production"' },
  jsx: "automatic",
  logLevel: "warning",
});
fs.copyFileSync(path.join(root, "src/tab/index.html"), path.join(outdir, "index.html"));
