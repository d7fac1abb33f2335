import path from "node:path";
import type { PolicyVersion } from "../../../../src/domain/policy/policyVersion";
import { teamsAcknowledgementCards as cards } from "../../../../src/features/acknowledgements/cards/acknowledgementCards";
import { packageRoot } from "../../../../src/packageRoot";
import { loadPolicyFile } from "../../../../src/policy/policyFile";

const bundled = loadPolicyFile(
  path.join(packageRoot(), "assets/policy/staff-social-media-policy.md"),
);
const installed: PolicyVersion = {
  label: "2024.07",
  effectiveFrom: "2024-07-17",
  publishedAt: "2026-09-01T08:00:00Z",
  publishedBy: "installation",
  summary: "",
  document: bundled,
};
const next: PolicyVersion = {
  label: "2026.12",
  effectiveFrom: "2026-12-10",
  publishedAt: "2026-11-02T09:00:00Z",
  publishedBy: "owner",
  summary: "Adds AI tools.",
  document: {
    ...bundled,
    sections: [
      ...bundled.sections,
      {
        id: "ai",
        heading: "AI tools",
        paragraphs: ["Staff must not paste pupils' data into AI tools."],
      },
    ],
  },
};
const where = { publicUrl: "https://bot.example", timeZone: "Europe/London" };

describe("the acknowledgement cards (the Teams side of the port)", () => {
  test("when a changed version is to be acknowledged, then its notice marks the changed sentences; its receipt does not", () => {
    const asked = cards.notice({ version: next, previous: installed, ...where });
    expect(asked.data).toMatchObject({
      title: "A new version of the Staff Social Media Policy",
      changes: [{ kind: "Added", heading: "AI tools" }],
      hasMarks: true,
      acknowledged: false,
      fullTextUrl: "https://bot.example/policy/2026.12",
    });
    const receipt = cards.notice({
      version: next,
      previous: installed,
      acknowledgedAt: "2026-11-03T10:00:00Z",
      ...where,
    });
    expect(receipt.data).toMatchObject({
      hasMarks: false,
      acknowledged: true,
      acknowledgedOn: "3 November 2026",
    });
  });

  test("when a card was sent earlier, then only a notice (or reminder, or receipt) says which version it offers", () => {
    expect(cards.noticeVersionOf(cards.notice({ version: next, reminder: true, ...where }))).toBe(
      "2026.12",
    );
    const status = cards.status({
      current: installed,
      upcoming: next,
      acknowledgedAt: new Map(),
      nextReview: "2025-07-31",
      ...where,
    });
    expect(cards.noticeVersionOf(status)).toBeUndefined();
  });

  test("when the review date is the text's own, then the status card says it in the text's words, else as a date", () => {
    const rows = (nextReview: string) =>
      cards.status({
        current: installed,
        upcoming: undefined,
        acknowledgedAt: new Map(),
        nextReview,
        ...where,
      }).data["rows"] as { title: string; value: string }[];
    expect(rows("2025-07-31").at(-1)).toEqual({ title: "Next review", value: "Summer 2025" });
    expect(rows("2026-07-31").at(-1)).toEqual({ title: "Next review", value: "31 July 2026" });
  });
});
