// Copies what the compiled server reads at run time (card templates) next to its JavaScript,
// so `node lib/src/index.js` and an App Service zip deploy work unchanged.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const copies = [["src/bot/cards/templates", "lib/src/bot/cards/templates"]];
// Each capability module's own card templates.
for (const entry of fs.readdirSync(path.join(root, "src/features"), { withFileTypes: true })) {
  if (entry.isDirectory() && fs.existsSync(path.join(root, "src/features", entry.name, "cards"))) {
    copies.push([`src/features/${entry.name}/cards`, `lib/src/features/${entry.name}/cards`]);
  }
}
for (const [from, to] of copies) {
  const source = path.join(root, from);
  const target = path.join(root, to);
  // Only stale templates go: a capability's cards folder also holds its compiled card module.
  fs.mkdirSync(target, { recursive: true });
  for (const file of fs.readdirSync(target)) {
    if (file.endsWith(".json")) fs.rmSync(path.join(target, file));
  }
  for (const file of fs.readdirSync(source)) {
    if (file.endsWith(".json")) fs.copyFileSync(path.join(source, file), path.join(target, file));
  }
}
