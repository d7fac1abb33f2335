import path from "node:path";
import type { PolicyDocument } from "../../../../src/domain/policy/policyDocument";
import { teamsDraftCards } from "../../../../src/features/governorsApproval/cards/draftCards";
import {
  toDraftDocument,
  type PolicyDraft,
} from "../../../../src/features/governorsApproval/draftRecords";
import { draftView } from "../../../../src/features/governorsApproval/draftViews";
import { packageRoot } from "../../../../src/packageRoot";
import { loadPolicyFile } from "../../../../src/policy/policyFile";
import { person } from "../../../support/people";

const bundled = loadPolicyFile(
  path.join(packageRoot(), "assets/policy/staff-social-media-policy.md"),
);
const changed: PolicyDocument = {
  ...bundled,
  sections: [
    ...bundled.sections,
    {
      id: "ai",
      heading: "AI tools",
      paragraphs: ["Staff must not paste pupils' data into AI tools."],
    },
  ],
};
const owner = person("owner", "aht-digital");
const chair = person("chair", "chair-of-governors");
const teacher = person("teacher");
const awaiting: PolicyDraft = {
  label: "2026.12",
  status: "awaitingGovernors",
  createdAt: "2026-11-02T09:00:00Z",
  createdBy: "owner",
  effectiveFrom: "2026-12-10",
  summary: "Adds AI tools.",
  document: toDraftDocument(changed),
  source: "card",
  fileName: null,
  approval: null,
  publishedAt: null,
  revision: 1,
};
const approved: PolicyDraft = {
  ...awaiting,
  status: "approved",
  approval: {
    body: "LGB",
    meeting: "Autumn term",
    date: "2026-11-19",
    recordedBy: "chair",
    recordedAt: "2026-11-19T18:00:00Z",
  },
  revision: 2,
};
const context = (earliest: string) => ({
  previous: bundled,
  names: new Map([["owner", "Liam Hyde"]]),
  earliest,
  today: "2026-11-20",
  timeZone: "Europe/London",
});

describe("the draft view (who may act on a new version now)", () => {
  test("when a draft waits for the governors, then only the Chair may record the approval and no one may publish", () => {
    expect(draftView(awaiting, chair, context("2026-12-02")).mayApprove).toBe(true);
    for (const viewer of [owner, teacher]) {
      const view = draftView(awaiting, viewer, context("2026-12-02"));
      expect([view.mayApprove, view.mayPublish]).toEqual([false, false]);
    }
  });

  test("when it is approved, then a publisher may publish it and the Chair may not approve it again", () => {
    expect(draftView(approved, owner, context("2026-12-02")).mayPublish).toBe(true);
    expect(draftView(approved, teacher, context("2026-12-02")).mayPublish).toBe(false);
    expect(draftView(approved, chair, context("2026-12-02")).mayApprove).toBe(false);
  });

  test("when the proposed date no longer gives a month's notice, then the earliest date is offered instead", () => {
    expect(draftView(approved, owner, context("2026-12-02")).proposed).toBe("2026-12-10");
    expect(draftView(approved, owner, context("2026-12-20")).proposed).toBe("2026-12-20");
  });

  test("when the card is drawn, then its buttons follow the view and its facts name who prepared and recorded it", () => {
    const card = teamsDraftCards.draft(draftView(approved, owner, context("2026-12-20")));
    expect(card.template).toBe("policyDraft");
    expect(card.data).toMatchObject({
      canApprove: false,
      canPublish: true,
      proposed: "2026-12-20",
      status: "Approved by the governors: not yet published",
      changes: [{ kind: "Added", heading: "AI tools" }],
      hasMarks: true,
    });
    const facts = card.data["facts"] as { title: string; value: string }[];
    expect(facts[0]).toEqual({ title: "Prepared by", value: "Liam Hyde" });
    expect(facts.find((f) => f.title === "Governors")?.value).toMatch(/recorded by former staff$/);
  });
});
