import type { Person, Role } from "../../../../src/domain/people/person";
import {
  checkRequest,
  confirmDeletion,
  covers,
  decidePermission,
  decidesAs,
  isInForce,
  newPermission,
  permissionsAPostNeeds,
  standing,
  trainingRecorded,
  withdraw,
  awaitsDeletionConfirmation,
  type NewPermission,
  type PermissionKind,
  type PermissionRequest,
} from "../../../../src/domain/permissions/writtenPermission";

const person = (id: string, ...roles: Role[]): Person => ({
  aadObjectId: id,
  displayName: `Person ${id}`,
  email: `${id}@school.example`,
  roles: ["staff", ...roles],
  department: "Maths",
});
const teacher = person("teacher");
const colleague = { ...person("colleague"), displayName: "Jane Smith" };
const head = person("head", "headteacher");
const ahtPublicity = person("aht", "aht-publicity");
const ahtDigital = person("owner", "aht-digital");
const resources = person("rm", "resources-manager");
const chair = person("chair", "chair-of-governors");

const ask = (kind: PermissionKind, over: Partial<NewPermission> = {}): NewPermission => ({
  kind,
  what: "A photo of the Year 6 science fair",
  where: "Facebook",
  from: "2026-11-10",
  until: "2026-11-30",
  subject:
    kind === "relatedPerson" ? { type: "colleague", colleagueId: colleague.aadObjectId } : null,
  ...over,
});
const requested = (kind: PermissionKind, over: Partial<NewPermission> = {}): PermissionRequest =>
  newPermission("WP-1", teacher, ask(kind, over), "2026-11-02T09:00:00Z");
const approve = { approve: true, reason: "", trainingRequired: "", revision: 1 };
const noTraining = () => false;

describe("who may decide which kind of written permission", () => {
  // Each row quotes the sentence of the policy that names who decides.
  test.each([
    [
      "brandOrConfidential",
      "express prior written permission from the Headteacher",
      [head],
      [ahtPublicity, ahtDigital, resources, chair, colleague],
    ],
    [
      "personalDevicePhotos",
      "approved in advance by the Headteacher or Assistant Headteacher - Parents, Publicity & Promotion",
      [head, ahtPublicity],
      [ahtDigital, resources, chair, colleague],
    ],
    [
      "relatedPerson",
      "without their advanced written permission (a colleague: the colleague themself)",
      [colleague],
      [head, ahtPublicity, ahtDigital, chair],
    ],
    [
      "speakingOnBehalf",
      "The Headteacher may require you to undergo training before you use social media on behalf of the School",
      [head],
      [ahtPublicity, ahtDigital, chair, colleague],
    ],
    [
      "commentForPublication",
      "must not respond without advanced written approval (direct the inquiry to the Headteacher)",
      [head],
      [ahtPublicity, ahtDigital, chair, colleague],
    ],
  ] as const)(
    "when %s is asked for (%s), then only the deciders it names may decide",
    (kind, _policy, deciders, others) => {
      const p = requested(kind);
      for (const d of deciders)
        expect(decidePermission(p, d, approve, "2026-11-02T10:00:00Z", noTraining)).toMatchObject({
          ok: true,
          value: { status: "approved", decidedBy: d.aadObjectId },
        });
      for (const o of others)
        expect(decidePermission(p, o, approve, "2026-11-02T10:00:00Z", noTraining)).toMatchObject({
          ok: false,
          code: "PERMISSION.NOT_DECIDER",
        });
      expect(
        decidePermission(p, teacher, approve, "2026-11-02T10:00:00Z", noTraining),
      ).toMatchObject({ ok: false, code: "PERMISSION.NOT_DECIDER" });
    },
  );

  test("when the Headteacher asks for a permission only they give, then they cannot give it to themself", () => {
    const own = newPermission("WP-2", head, ask("brandOrConfidential"), "2026-11-02T09:00:00Z");
    expect(decidesAs(own, head)).toBeUndefined();
  });

  test("when a colleague consents, then the decision is recorded as the colleague's own", () => {
    const r = decidePermission(
      requested("relatedPerson"),
      colleague,
      approve,
      "2026-11-02T10:00:00Z",
      noTraining,
    );
    expect(r).toMatchObject({ ok: true, value: { decidedAs: "colleague" } });
  });

  test.each([
    ["pupil", "Record which parent gave permission"],
    ["parent", "Record who gave the written permission"],
  ] as const)(
    "when a post is about a %s and no written permission is recorded, then the request is refused",
    (type, reason) => {
      const r = checkRequest(
        teacher,
        ask("relatedPerson", { subject: { type, givenBy: "", evidence: "" } }),
        "2026-11-02",
      );
      expect(r).toMatchObject({ ok: false, code: "PERMISSION.SUBJECT" });
      expect(!r.ok && r.reason).toMatch(reason);
    },
  );

  test("when the parent's permission is recorded (Staff Protocol step 1), then it is in force at once, recorded by the requester", () => {
    const p = requested("relatedPerson", {
      subject: {
        type: "pupil",
        givenBy: "Mrs Patel (mother)",
        evidence: "signed consent form, 1 November",
      },
    });
    expect(p.status).toBe("approved");
    expect(p.decidedAs).toBe("recorded by the requester");
  });
});

describe("what, where and for how long", () => {
  test.each([
    ["no what", { what: " " }, "PERMISSION.EMPTY"],
    ["no where", { where: "" }, "PERMISSION.EMPTY"],
    ["until before from", { from: "2026-11-10", until: "2026-11-09" }, "PERMISSION.DATES"],
    ["a period already over", { from: "2026-10-01", until: "2026-10-31" }, "PERMISSION.DATES"],
    ["more than a year", { from: "2026-11-10", until: "2027-12-01" }, "PERMISSION.TOO_LONG"],
    ["not a date", { from: "10/11/2026" }, "PERMISSION.DATES"],
    [
      "a colleague asked for their own consent",
      { subject: { type: "colleague", colleagueId: teacher.aadObjectId } },
      "PERMISSION.OWN_CONSENT",
    ],
  ] as const)("when a request has %s, then it is refused", (_name, over, code) => {
    expect(
      checkRequest(teacher, ask("relatedPerson", over as Partial<NewPermission>), "2026-11-02"),
    ).toMatchObject({ ok: false, code });
  });
});

describe("refusal, expiry and withdrawal", () => {
  test("when a decider refuses without a reason, then it is refused; with one, the request is refused with that reason", () => {
    const p = requested("brandOrConfidential");
    expect(
      decidePermission(p, head, { ...approve, approve: false }, "t", noTraining),
    ).toMatchObject({ ok: false, code: "PERMISSION.REASON_REQUIRED" });
    expect(
      decidePermission(
        p,
        head,
        { ...approve, approve: false, reason: "Use the approved logo pack" },
        "t",
        noTraining,
      ),
    ).toMatchObject({
      ok: true,
      value: { status: "refused", reason: "Use the approved logo pack" },
    });
  });

  test("when a card is stale or the request already decided, then the decision is refused", () => {
    const p = requested("brandOrConfidential");
    expect(decidePermission(p, head, { ...approve, revision: 9 }, "t", noTraining)).toMatchObject({
      ok: false,
      code: "PERMISSION.STALE",
    });
    const decided = decidePermission(p, head, approve, "t", noTraining);
    expect(
      decided.ok &&
        decidePermission(
          decided.value,
          head,
          { ...approve, revision: decided.value.revision },
          "t",
          noTraining,
        ),
    ).toMatchObject({ ok: false, code: "PERMISSION.NOT_PENDING" });
  });

  test.each([
    ["2026-11-09", "not yet in force", false],
    ["2026-11-10", "in place", true],
    ["2026-11-30", "in place", true],
    ["2026-12-01", "expired", false],
  ])(
    "when an approval running 10 to 30 November is read on %s, then it is %s",
    (day, words, inForce) => {
      const d = decidePermission(requested("brandOrConfidential"), head, approve, "t", noTraining);
      if (!d.ok) throw new Error(d.reason);
      expect(standing(d.value, day)).toBe(words);
      expect(isInForce(d.value, day)).toBe(inForce);
    },
  );

  test.each([
    ["the Headteacher who gave it, with a reason", head, "Logo pack replaced", true],
    ["the Headteacher without a reason", head, "", false],
    ["the requester giving it up", teacher, "", true],
    ["someone else", ahtPublicity, "because", false],
  ] as const)(
    "when an approval is withdrawn by %s, then it is allowed only to those who may",
    (_n, who, reason, ok) => {
      const d = decidePermission(requested("brandOrConfidential"), head, approve, "t", noTraining);
      if (!d.ok) throw new Error(d.reason);
      const w = withdraw(d.value, who, reason, "2026-11-15T09:00:00Z");
      expect(w.ok).toBe(ok);
      if (w.ok) {
        expect(w.value.status).toBe("withdrawn");
        expect(isInForce(w.value, "2026-11-20")).toBe(false);
      }
    },
  );

  test("when the colleague who consented withdraws, then it no longer covers the post", () => {
    const d = decidePermission(requested("relatedPerson"), colleague, approve, "t", noTraining);
    if (!d.ok) throw new Error(d.reason);
    const w = withdraw(d.value, colleague, "I would rather not", "t");
    expect(w).toMatchObject({
      ok: true,
      value: { status: "withdrawn", withdrawnBy: colleague.aadObjectId },
    });
  });

  test("when the requester cancels a request still waiting, then it is cancelled", () => {
    expect(withdraw(requested("speakingOnBehalf"), teacher, "", "t")).toMatchObject({
      ok: true,
      value: { status: "cancelled" },
    });
    expect(withdraw(requested("speakingOnBehalf"), head, "x", "t")).toMatchObject({
      ok: false,
      code: "PERMISSION.NOT_WITHDRAWABLE",
    });
  });
});

describe("photos taken on a device that does not belong to the School", () => {
  test("when the device is approved, then the photos await confirmation of deletion from the first day until confirmed", () => {
    const d = decidePermission(
      requested("personalDevicePhotos"),
      ahtPublicity,
      approve,
      "t",
      noTraining,
    );
    if (!d.ok) throw new Error(d.reason);
    expect(awaitsDeletionConfirmation(d.value, "2026-11-09")).toBe(false);
    expect(awaitsDeletionConfirmation(d.value, "2026-11-10")).toBe(true);
    expect(awaitsDeletionConfirmation(d.value, "2027-01-10")).toBe(true);
    expect(confirmDeletion(d.value, head, "t")).toMatchObject({
      ok: false,
      code: "PERMISSION.NOT_YOURS",
    });
    const c = confirmDeletion(d.value, teacher, "2026-11-11T15:00:00Z");
    expect(c.ok && awaitsDeletionConfirmation(c.value, "2026-11-12")).toBe(false);
    expect(c.ok && confirmDeletion(c.value, teacher, "t")).toMatchObject({
      ok: false,
      code: "PERMISSION.ALREADY_CONFIRMED",
    });
  });
});

describe("speaking on behalf of the School: training the Headteacher requires", () => {
  test("when the Headteacher requires training not yet recorded, then it waits for the training, and comes into force once it is", () => {
    const d = decidePermission(
      requested("speakingOnBehalf"),
      head,
      { ...approve, trainingRequired: "speakingOnBehalf" },
      "t",
      noTraining,
    );
    expect(d).toMatchObject({
      ok: true,
      value: { status: "awaitingTraining", trainingRequired: "speakingOnBehalf" },
    });
    if (!d.ok) return;
    expect(isInForce(d.value, "2026-11-15")).toBe(false);
    expect(trainingRecorded(d.value, noTraining)).toBeUndefined();
    expect(trainingRecorded(d.value, (t) => t === "speakingOnBehalf")).toMatchObject({
      status: "approved",
    });
  });

  test("when the training is already current, then the approval is in force at once", () => {
    expect(
      decidePermission(
        requested("speakingOnBehalf"),
        head,
        { ...approve, trainingRequired: "speakingOnBehalf" },
        "t",
        () => true,
      ),
    ).toMatchObject({ ok: true, value: { status: "approved" } });
  });

  test("when training is required for another kind, then it is refused", () => {
    expect(
      decidePermission(
        requested("brandOrConfidential"),
        head,
        { ...approve, trainingRequired: "speakingOnBehalf" },
        "t",
        noTraining,
      ),
    ).toMatchObject({ ok: false, code: "PERMISSION.TRAINING_NOT_ASKED" });
  });
});

describe("what a post needs in writing", () => {
  const roster = [teacher, colleague, head];
  test.each([
    ["Well done Jane Smith on the science fair!", ["Jane Smith"]],
    ["Our new logo is on the sports kit", ["the School's logo or brand"]],
    ["Jane Smith wears the school crest", ["Jane Smith", "the School's logo or brand"]],
    ["Well done Year 6!", []],
    ["Janes Smithson ran a marathon", []],
  ])("when a post says %j, then it needs %j", (text, labels) => {
    expect(permissionsAPostNeeds(text, teacher.aadObjectId, roster).map((n) => n.label)).toEqual(
      labels,
    );
  });

  test("when the author holds the colleague's consent in force on the post's day, then it covers the post; another day or another colleague does not", () => {
    const [need] = permissionsAPostNeeds("Thanks Jane Smith", teacher.aadObjectId, roster);
    const d = decidePermission(requested("relatedPerson"), colleague, approve, "t", noTraining);
    if (!d.ok || !need) throw new Error("setup");
    expect(covers(d.value, need, teacher.aadObjectId, "2026-11-20")).toBe(true);
    expect(covers(d.value, need, teacher.aadObjectId, "2026-12-20")).toBe(false);
    expect(covers(d.value, need, head.aadObjectId, "2026-11-20")).toBe(false);
    expect(
      covers(
        d.value,
        { ...need, colleagueId: head.aadObjectId },
        teacher.aadObjectId,
        "2026-11-20",
      ),
    ).toBe(false);
  });
});
