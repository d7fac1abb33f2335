import fs from "node:fs";
import path from "node:path";

/*
 * `npm run bench`: runs every benchmark module in this folder (each exports `run()`), one after
 * another so they do not compete for the CPU, and prints their figures. Not pass/fail.
 * `npm run bench -- qaLatency` runs just one.
 */
async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith(".js") && f !== "runAll.js")
    .filter((f) => only.length === 0 || only.includes(f.replace(/\.js$/, "")))
    .sort();
  for (const file of files) {
    const mod = (await import(path.join(__dirname, file))) as { run?: () => Promise<void> };
    if (typeof mod.run !== "function") continue;
    console.log(`\n=== ${file.replace(/\.js$/, "")} ===`);
    await mod.run();
  }
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
