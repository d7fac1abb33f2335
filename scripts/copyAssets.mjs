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
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(target, { recursive: true });
  for (const file of fs.readdirSync(source)) {
    if (file.endsWith(".json")) fs.copyFileSync(path.join(source, file), path.join(target, file));
  }
}
