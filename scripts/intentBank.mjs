// Rebuilds assets/intents/intent-phrasings.jsonl from phrasing banks written from the policy:
// intents.jsonl ({"text","intent"}), policy-questions.jsonl and out-of-scope.jsonl ({"question"},
// both become intent "question"). The example phrasings are test phrasings: they are
// left out (and anything containing one), so tests measure wording the model never saw.
//   node scripts/intentBank.mjs <folder with the banks>
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const source = process.argv[2];
if (!source) {
  console.error(
    "usage: node scripts/intentBank.mjs <folder with intents.jsonl, policy-questions.jsonl, out-of-scope.jsonl>",
  );
  process.exit(2);
}
const norm = (s) =>
  s
    .toLowerCase()
    .replace(/[\u2019']/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
const heldOut = [
  "I want to report something",
  "can I make a confidential report",
  "new school post please",
  "show me the policy",
  "a journalist from the local paper just rang me",
  "hi",
].map(norm);
const rows = [];
const seen = new Set();
function add(text, intent) {
  const n = norm(text);
  if (!n || seen.has(n) || heldOut.some((h) => h === n || (h.length > 3 && n.includes(h)))) return;
  seen.add(n);
  rows.push({ text, intent });
}
const lines = (file) =>
  fs.existsSync(path.join(source, file))
    ? fs
        .readFileSync(path.join(source, file), "utf8")
        .split("\n")
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l))
    : [];
for (const d of lines("intents.jsonl")) add(d.text, d.intent);
for (const d of [...lines("policy-questions.jsonl"), ...lines("out-of-scope.jsonl")])
  add(d.question, "question");
const target = path.join(root, "assets", "intents", "intent-phrasings.jsonl");
fs.writeFileSync(target, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
console.log(`${rows.length} lines written to ${path.relative(root, target)}`);
