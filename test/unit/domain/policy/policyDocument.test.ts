import fs from "node:fs";
import path from "node:path";
import { parsePolicyDocument } from "../../../../src/domain/policy/policyDocument";
import { packageRoot } from "../../../../src/packageRoot";
import { present } from "../../../support/present";

const bundled = fs.readFileSync(
  path.join(packageRoot(), "assets/policy/staff-social-media-policy.md"),
  "utf8",
);

function headingsOfOriginal(): string[] | undefined {
  const original = path.join(packageRoot(), "..", "shared/policy/staff-social-media-policy.txt");
  if (!present(original, "the school's policy text in shared/")) return undefined;
  return fs
    .readFileSync(original, "utf8")
    .split(/\r?\n/)
    .map((l) => l.trim());
}

describe("the policy as data", () => {
  test("when the bundled policy is parsed, then it has its front matter and every section", () => {
    const result = parsePolicyDocument(bundled);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.document.meta).toMatchObject({
      title: "Staff Social Media Policy",
      owner: "aht-digital",
      approvedBy: "LGB",
      ratifiedBy: "BoT",
    });
    expect(result.document.sections.length).toBe(19);
    const ids = result.document.sections.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test("when compared with the school's own text, then every heading is exactly one of its lines", () => {
    const lines = headingsOfOriginal();
    if (!lines) return; // shared/ is only beside the repository in development
    const result = parsePolicyDocument(bundled);
    if (!result.ok) throw new Error("bundled policy does not parse");
    for (const s of result.document.sections) expect(lines).toContain(s.heading);
  });

  test.each([
    ["no front matter", "## A\n\ntext\n", 1, /front matter/],
    ["an unclosed front matter", "---\ntitle: x\n", 3, /not closed/],
    [
      "a missing version",
      "---\ntitle: T\neffectiveFrom: 2024-01-01\nnextReview: 2025-01-01\nowner: aht-digital\n---\n## A\n\ntext\n",
      1,
      /"version": is missing/,
    ],
    [
      "a bad date",
      "---\ntitle: T\nversion: 1\neffectiveFrom: 1 Jan 2024\nnextReview: 2025-01-01\nowner: aht-digital\n---\n## A\n\ntext\n",
      4,
      /YYYY-MM-DD/,
    ],
    [
      "an unknown owner",
      "---\ntitle: T\nversion: 1\neffectiveFrom: 2024-01-01\nnextReview: 2025-01-01\nowner: caretaker\n---\n## A\n\ntext\n",
      6,
      /roster roles/,
    ],
    [
      "a level-three heading",
      "---\ntitle: T\nversion: 1\neffectiveFrom: 2024-01-01\nnextReview: 2025-01-01\nowner: aht-digital\n---\n### A\n\ntext\n",
      8,
      /level two/,
    ],
    [
      "an empty section",
      "---\ntitle: T\nversion: 1\neffectiveFrom: 2024-01-01\nnextReview: 2025-01-01\nowner: aht-digital\n---\n## A\n## B\n\ntext\n",
      8,
      /empty/,
    ],
  ])("when the file has %s, then it is refused with the line", (_name, text, line, message) => {
    const result = parsePolicyDocument(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.some((p) => p.line === line && message.test(p.message))).toBe(true);
  });
});
