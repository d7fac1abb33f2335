import { summariseChanges } from "../../../../src/domain/policy/changeSummary";
import type { PolicyDocument } from "../../../../src/domain/policy/policyDocument";
import { carryOverIds } from "../../../../src/domain/policy/stableIds";

const meta = {
  title: "T",
  version: "1",
  effectiveFrom: "2026-01-01",
  nextReview: "2027-01-01",
  owner: "aht-digital" as const,
};
const doc = (sections: [string, string, string[]][]): PolicyDocument => ({
  meta,
  sections: sections.map(([id, heading, paragraphs]) => ({ id, heading, paragraphs })),
});

describe("what changed between versions", () => {
  const before = doc([
    ["monitoring", "Monitoring", ["We monitor."]],
    ["recruitment", "Recruitment", ["We search."]],
    ["appendices", "Appendices", ["A"]],
  ]);

  test("when sections are added, changed, renamed and removed, then each is listed with its heading", () => {
    const after = doc([
      ["monitoring", "Monitoring", ["We monitor school systems."]],
      ["recruitment", "Recruitment and vetting", ["We search."]],
      ["ai-tools", "Artificial intelligence tools", ["Be careful."]],
    ]);
    expect(summariseChanges(before, after)).toEqual({
      added: [{ id: "ai-tools", heading: "Artificial intelligence tools" }],
      changed: [
        { id: "monitoring", heading: "Monitoring" },
        { id: "recruitment", heading: "Recruitment and vetting", previousHeading: "Recruitment" },
      ],
      removed: [{ id: "appendices", heading: "Appendices" }],
    });
  });

  test("when only whitespace differs, then nothing has changed", () => {
    const after = doc([
      ["monitoring", "Monitoring", ["We  monitor. "]],
      ["recruitment", "Recruitment", ["We search."]],
      ["appendices", "Appendices", ["A"]],
    ]);
    expect(summariseChanges(before, after)).toEqual({ added: [], changed: [], removed: [] });
  });

  test("when a Word document has no ids, then sections keep the previous version's ids by heading", () => {
    const fromWord = doc([
      ["x-1", "Monitoring", ["We monitor."]],
      ["x-2", "Introduction", ["New"]],
    ]);
    const twoIntros = doc([
      ["introduction-equality", "Introduction", ["Equality"]],
      ["introduction", "Introduction", ["Scope"]],
      ["monitoring", "Monitoring", ["We monitor."]],
    ]);
    expect(carryOverIds(fromWord, twoIntros).sections.map((s) => s.id)).toEqual([
      "monitoring",
      "introduction-equality",
    ]);
  });
});
