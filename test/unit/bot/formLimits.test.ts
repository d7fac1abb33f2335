import fs from "node:fs";
import path from "node:path";
import { packageRoot } from "../../../src/packageRoot";

/*
 * Limits said, not silently applied: every text box on a form says its limit in its label, so
 * a person learns it before writing, not from a refusal. (The post's text says its limits in the
 * line beneath it, per account.)
 */
const SAID_BESIDE = new Set(["postForm.json text"]);

function templateFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return templateFiles(full);
    return full.includes(`${path.sep}cards${path.sep}`) && e.name.endsWith(".json") ? [full] : [];
  });
}

function textInputs(node: unknown, found: { id: string; label: string }[] = []) {
  if (Array.isArray(node)) for (const x of node) textInputs(x, found);
  else if (node && typeof node === "object") {
    const n = node as Record<string, unknown>;
    if (n.type === "Input.Text") found.push({ id: String(n.id), label: String(n.label ?? "") });
    for (const value of Object.values(n)) textInputs(value, found);
  }
  return found;
}

describe("limits said on the forms", () => {
  test("when a form has a text box, then its label says how much it takes", () => {
    const boxes = templateFiles(path.join(packageRoot(), "src")).flatMap((f) =>
      textInputs(JSON.parse(fs.readFileSync(f, "utf8"))).map(
        (b) => [`${path.basename(f)} ${b.id}`, b.label] as const,
      ),
    );
    expect(boxes.length).toBeGreaterThan(20);
    const silent = boxes
      .filter(([where, label]) => !SAID_BESIDE.has(where) && !/\bat most [\d,]+\b/i.test(label))
      .map(([where, label]) => `${where}: ${label}`);
    expect(silent).toEqual([]);
  });
});
