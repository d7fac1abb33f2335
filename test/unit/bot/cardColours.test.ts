import fs from "node:fs";
import path from "node:path";
import { renderCard } from "../../../src/bot/cards/renderCard";
import type { Person } from "../../../src/domain/people/person";
import type { PermissionRequest } from "../../../src/domain/permissions/writtenPermission";
import type { PolicyDocument } from "../../../src/domain/policy/policyDocument";
import type { PostProposal } from "../../../src/domain/posts/postProposal";
import { markedChanges } from "../../../src/bot/cards/policyChanges";
import { teamsPermissionCards } from "../../../src/features/permissions/cards/permissionCards";
import { permissionView } from "../../../src/features/permissions/permissionViews";
import { teamsPostCards } from "../../../src/features/posts/cards/postCards";
import { postView } from "../../../src/features/posts/postViews";
import { packageRoot } from "../../../src/packageRoot";
import { sampleRoster } from "../../support/sampleRoster";

/*
 * Text colours on cards: Teams draws "Good" in a light green (#92c353) and "Warning" in yellow
 * (#f8d22a), both far below 4.5:1 on the light theme's white. Cards use only the colours that
 * pass (Default, Accent, Attention) and say a state in words.
 */
const READABLE = new Set(["Default", "Accent", "Attention"]);

function coloursIn(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) for (const x of node) coloursIn(x, found);
  else if (node && typeof node === "object")
    for (const [key, value] of Object.entries(node)) {
      if (key === "color" && typeof value === "string") found.push(value);
      else coloursIn(value, found);
    }
  return found;
}

function templateFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return templateFiles(full);
    return full.includes(`${path.sep}cards${path.sep}`) && e.name.endsWith(".json") ? [full] : [];
  });
}

describe("text colours on cards", () => {
  const people: Person[] = sampleRoster();
  const head = people.find((p) => p.roles.includes("headteacher"))!;
  const teacher = people.find((p) => p.roles.includes("staff"))!;
  const names = new Map(people.map((p) => [p.aadObjectId, p.displayName]));

  test("when any card template names a colour, then it is one that passes contrast on the light theme", () => {
    const files = templateFiles(path.join(packageRoot(), "src"));
    expect(files.length).toBeGreaterThan(10);
    const literal = files.flatMap((f) =>
      coloursIn(JSON.parse(fs.readFileSync(f, "utf8")))
        .filter((c) => !c.includes("${"))
        .map((c) => `${path.basename(f)}: ${c}`),
    );
    expect(literal.filter((c) => !READABLE.has(c.split(": ")[1]!))).toEqual([]);
  });

  test("when a new version inserts a sentence, then the inserted words are not in light green", () => {
    const doc = (paragraph: string): PolicyDocument => ({
      meta: {
        title: "Staff Social Media Policy",
        version: "1",
        effectiveFrom: "2026-01-01",
        nextReview: "2027-01-01",
        owner: "aht-digital",
      },
      sections: [{ id: "photos", heading: "Photos", paragraphs: [paragraph] }],
    });
    const { marks } = markedChanges(
      doc("Staff must not post photos."),
      doc("Staff must not post photos. Parents must agree first."),
    );
    const colours = marks.flatMap((m) => m.sentences.map((s) => [s.rawText, s.colour]));
    expect(colours).toEqual([["+ Parents must agree first.", expect.any(String)]]);
    expect(colours.every(([, c]) => READABLE.has(c!))).toBe(true);
  });

  test("when a written permission is in place or waiting, then its status is in a readable colour", () => {
    const request = (status: string) =>
      ({
        id: "W-0001",
        kind: "brandOrConfidential",
        requesterId: teacher.aadObjectId,
        what: "Use the logo on the PTA page",
        where: "Facebook",
        from: "2026-11-01",
        until: "2027-11-01",
        subject: null,
        status,
        requestedAt: "2026-11-01T09:00:00Z",
        decidedBy: head.aadObjectId,
        decidedAs: "headteacher",
        decidedAt: "2026-11-02T09:00:00Z",
        reason: null,
        trainingRequired: null,
        withdrawnBy: null,
        withdrawnAt: null,
        withdrawalReason: null,
        deletionConfirmedAt: null,
        revision: 2,
      }) as unknown as PermissionRequest;
    for (const status of ["approved", "pending", "awaitingTraining"]) {
      const card = renderCard(
        teamsPermissionCards.permissionCard(
          permissionView(request(status), head, {
            names,
            today: "2026-11-20",
            holders: [head.aadObjectId],
          }),
        ),
      );
      expect(coloursIn(card).filter((c) => !READABLE.has(c))).toEqual([]);
    }
  });

  test("when a post's written permission is in place, then the post card says so in a readable colour", () => {
    const p = {
      id: "P-00000001",
      authorId: teacher.aadObjectId,
      text: "Our PTA fair is on Saturday.",
      checklist: {},
      accounts: ["Facebook"],
      intendedDate: "2026-12-01",
      imageLinks: [],
      revision: 1,
      previousText: null,
      flags: [],
      status: "awaitingApproval",
      decisions: [],
      submittedAt: "2026-11-20T09:00:00Z",
      postedLink: null,
      postedAt: null,
      postedBy: null,
    } as unknown as PostProposal;
    const card = renderCard(
      teamsPostCards.postCard(
        postView(p, head, {
          authorName: teacher.displayName,
          names,
          holders: [head.aadObjectId],
          keys: [],
          deputies: [],
          timeZone: "Europe/London",
          permissions: [
            { words: "The logo: the Headteacher's written permission is in place", inPlace: true },
          ],
        }),
      ),
    );
    expect(JSON.stringify(card)).toContain("written permission is in place");
    expect(coloursIn(card).filter((c) => !READABLE.has(c))).toEqual([]);
  });
});
