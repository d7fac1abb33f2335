import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadPolicyFile } from "../../../src/policy/policyFile";
import {
  markdownToDocument,
  PolicyImportError,
  readDocx,
  readPolicySource,
} from "../../../src/policy/importPolicy";
import { packageRoot } from "../../../src/packageRoot";
import { minimalDocx } from "../../support/minimalDocx";

const bundled = loadPolicyFile(
  path.join(packageRoot(), "assets/policy/staff-social-media-policy.md"),
);
const details = { label: "2099.01", effectiveFrom: "2099-10-15", summary: "AI tools." };

describe("reading a new version from Markdown", () => {
  test("when pasted text has no front matter, then it takes the policy's title and owner but not the old approval or review dates", () => {
    const document = markdownToDocument("## Introduction\n\nText.\n", details, bundled);
    expect(document.meta).toMatchObject({
      title: bundled.meta.title,
      owner: "aht-digital",
      version: "2099.01",
      effectiveFrom: "2099-10-15",
      nextReview: "2100-10-15",
    });
    expect(document.meta.approvedBy).toBeUndefined();
    expect(document.meta.approvedOn).toBeUndefined();
    expect(document.meta.nextReviewLabel).toBeUndefined();
  });

  test("when pasted text is malformed, then the problems name lines of the pasted text itself", () => {
    const text = "Some words first\n\n## Introduction\n\nText.\n\n## Empty\n";
    let message = "";
    try {
      markdownToDocument(text, details, bundled);
    } catch (error) {
      expect(error).toBeInstanceOf(PolicyImportError);
      message = (error as Error).message;
    }
    expect(message).toContain("line 1: text before the first ## heading");
    expect(message).toContain('line 7: section "Empty" is empty');
  });

  test("when the effective date is not a date, then the reason says so", () => {
    expect(() =>
      markdownToDocument("## A\n\nText.\n", { ...details, effectiveFrom: "soon" }, bundled),
    ).toThrow(/the version details: "effectiveFrom".*YYYY-MM-DD/);
  });
});

describe("reading a new version from the Word master", () => {
  test("when the Word document has a cover page, then its version lines are read and its title is left out", async () => {
    const doc = minimalDocx([
      "**Beacon Academy Trust**",
      "Staff Social Media Policy",
      "Version: 2099.05",
      "| Effective from | 15/10/2099 |",
      "Summary: Adds a section on AI tools.",
      "# Introduction",
      "This policy replaces any previous policy.",
      "**A bold sub-heading inside a section**",
      "# Monitoring",
      "The School may monitor.",
    ]);
    const source = await readDocx(doc);
    expect(source.header).toEqual({
      label: "2099.05",
      effectiveFrom: "2099-10-15",
      summary: "Adds a section on AI tools.",
    });
    expect(source.ignored).toEqual(["Beacon Academy Trust", "Staff Social Media Policy"]);
    const document = markdownToDocument(source.text, details, bundled);
    expect(document.sections.map((s) => s.heading)).toEqual(["Introduction", "Monitoring"]);
    expect(document.sections[0]!.paragraphs).toContain("A bold sub-heading inside a section");
  });

  test("when a Word document uses bold paragraphs instead of heading styles, then they start the sections", async () => {
    const source = await readDocx(
      minimalDocx(["**Introduction**", "Text one.", "**Monitoring**", "Text two."]),
    );
    expect(
      markdownToDocument(source.text, details, bundled).sections.map((s) => s.heading),
    ).toEqual(["Introduction", "Monitoring"]);
  });

  test("when the file is not a Word document or is an old .doc, then the reason says what to do", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "import-"));
    try {
      fs.writeFileSync(path.join(dir, "broken.docx"), "not a zip");
      fs.writeFileSync(path.join(dir, "old.doc"), "binary");
      await expect(readPolicySource(path.join(dir, "broken.docx"))).rejects.toThrow(
        /not a Word document that can be read/,
      );
      await expect(readPolicySource(path.join(dir, "old.doc"))).rejects.toThrow(
        /save it as a Word document \(\.docx\)/,
      );
      await expect(readPolicySource(path.join(dir, "missing.md"))).rejects.toThrow(
        /file not found/,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("when a Markdown file has front matter, then its version, date and summary are offered as the details", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "import-"));
    try {
      const file = path.join(dir, "policy.md");
      fs.writeFileSync(
        file,
        "---\ntitle: T\nversion: 2099.07\neffectiveFrom: 2099-11-01\nsummary: Short.\nnextReview: 2100-11-01\nowner: aht-digital\n---\n## A\n\nText.\n",
      );
      expect((await readPolicySource(file)).header).toEqual({
        label: "2099.07",
        effectiveFrom: "2099-11-01",
        summary: "Short.",
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
