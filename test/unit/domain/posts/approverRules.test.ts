import type { Person } from "../../../../src/domain/people/person";
import {
  activeDeputies,
  endDeputy,
  keysFor,
  nameDeputy,
} from "../../../../src/domain/posts/approverDeputies";
import {
  approvalsNeeded,
  consentBlocked,
  decide,
  implicitConfirmation,
  overrideConsent,
  resubmit,
  type PostProposal,
} from "../../../../src/domain/posts/postProposal";
import { safeguardingCheck } from "../../../../src/domain/posts/safeguardingChecks";
import { accountProblems } from "../../../../src/domain/posts/accountLimits";
import { person } from "../../../support/people";
import { AWAITING_POST } from "../../../support/postFixtures";

const teacher = person("teacher");
const aht = person("aht", "aht-publicity");
const head = person("head", "headteacher");
const both = person("both", "aht-publicity", "headteacher");
const deputyHead = person("deputy");
const at = "2026-12-01T10:00:00Z";
const checklist = {
  parentalPermission: true,
  noIdentifyingInformation: true,
  positiveAndRelevant: true,
  approvedDevice: true,
  deletedFromPersonalDevice: true,
};
const content = {
  text: "Well done Year 5!",
  accounts: ["Facebook"],
  intendedDate: "2026-12-12",
  imageLinks: [],
  checklist,
};
const proposedBy = (author: Person, extra: Partial<PostProposal> = {}): PostProposal => ({
  ...AWAITING_POST,
  ...content,
  authorId: author.aadObjectId,
  decisions: implicitConfirmation(author, 1, at),
  submittedAt: at,
  ...extra,
});
function ok<T>(d: { ok: true; value: T } | { ok: false; reason: string }): T {
  if (!d.ok) throw new Error(d.reason);
  return d.value;
}

describe("a post proposed by one of the approvers", () => {
  test.each([
    ["a teacher", teacher, ["aht-publicity", "headteacher"]],
    ["the Headteacher", head, ["aht-publicity"]],
    ["the AHT (Parents, Publicity & Promotion)", aht, ["headteacher"]],
    // Two people must confirm: holding both roles gives one key by proposing, never both.
    ["someone holding both roles", both, ["headteacher"]],
  ] as const)("when %s proposes, then the keys still asked for are %j", (_n, author, needed) => {
    expect(approvalsNeeded(proposedBy(author))).toEqual(needed);
  });

  test("when the Headteacher proposes and the AHT approves, then it is ready to post, and the Headteacher's own key is recorded as given by proposing", () => {
    const p = proposedBy(head);
    expect(p.decisions).toEqual([
      {
        key: "headteacher",
        by: "head",
        decision: "approve",
        comment: "",
        revision: 1,
        at,
        implicit: true,
      },
    ]);
    expect(ok(decide(p, aht, "aht-publicity", "approve", "", 1, at)).status).toBe("readyToPost");
    expect(decide(p, head, "headteacher", "approve", "", 1, at)).toMatchObject({
      ok: false,
      code: "POST.OWN_POST",
    });
  });

  test("when an approver's post is resubmitted after changes, then their confirmation is given again for the new text only", () => {
    const changes = ok(
      decide(proposedBy(head), aht, "aht-publicity", "changes", "Shorter, please.", 1, at),
    );
    const second = ok(
      resubmit(
        changes,
        head,
        { ...content, text: "Well done!" },
        { flags: [], sentAnywayReason: null },
        at,
      ),
    );
    expect(approvalsNeeded(second)).toEqual(["aht-publicity"]);
    expect(second.decisions.filter((d) => d.revision === 2)).toMatchObject([
      { key: "headteacher", implicit: true },
    ]);
  });
});

describe("deputies", () => {
  const period = { from: "2026-12-01", until: "2026-12-05", reason: "Illness" };
  const ids = { id: "D-1", at };
  const named = ok(nameDeputy(head, "headteacher", deputyHead, period, "2026-12-01", [], ids));

  test.each([
    [
      "someone without the role names one",
      teacher,
      "headteacher" as const,
      deputyHead,
      period,
      "DEPUTY.NOT_APPROVER",
    ],
    ["an approver names themselves", head, "headteacher" as const, head, period, "DEPUTY.SELF"],
    [
      "the Headteacher names the other approver",
      head,
      "headteacher" as const,
      aht,
      period,
      "DEPUTY.OTHER_KEY",
    ],
    [
      "the last day is before the first",
      head,
      "headteacher" as const,
      deputyHead,
      { ...period, until: "2026-11-30" },
      "DEPUTY.BAD_PERIOD",
    ],
    [
      "the period is over",
      head,
      "headteacher" as const,
      deputyHead,
      { from: "2026-11-01", until: "2026-11-20", reason: "Illness" },
      "DEPUTY.BAD_PERIOD",
    ],
    [
      "the period is longer than the limit",
      head,
      "headteacher" as const,
      deputyHead,
      { ...period, until: "2027-06-01" },
      "DEPUTY.BAD_PERIOD",
    ],
    [
      "no reason is given",
      head,
      "headteacher" as const,
      deputyHead,
      { ...period, reason: " " },
      "DEPUTY.REASON",
    ],
  ])("when %s, then it is refused", (_n, approver, key, deputy, p, code) => {
    expect(nameDeputy(approver, key, deputy, p, "2026-12-01", [], ids)).toMatchObject({
      ok: false,
      code,
    });
  });

  test("when a second deputy overlaps the first, then it is refused until the first is ended", () => {
    expect(
      nameDeputy(
        head,
        "headteacher",
        teacher,
        { ...period, from: "2026-12-04" },
        "2026-12-01",
        [named],
        ids,
      ),
    ).toMatchObject({ ok: false, code: "DEPUTY.OVERLAP" });
    const ended = ok(endDeputy(named, head, at));
    expect(
      ok(nameDeputy(head, "headteacher", teacher, period, "2026-12-01", [ended], ids)).deputyId,
    ).toBe("teacher");
    expect(endDeputy(named, deputyHead, at)).toMatchObject({
      ok: false,
      code: "DEPUTY.NOT_APPROVER",
    });
  });

  test.each([
    ["2026-11-30", []],
    ["2026-12-01", ["headteacher"]],
    ["2026-12-05", ["headteacher"]],
    ["2026-12-06", []],
  ])("when the date is %s, then the deputy may give %j", (today, keys) => {
    expect(keysFor(deputyHead, [named], today).map((k) => k.key)).toEqual(keys);
    expect(activeDeputies([named], today)).toHaveLength(keys.length);
  });

  test("when the deputy approves during the period, then the decision records whom they stood in for; after it, they are refused", () => {
    const p = proposedBy(aht);
    const decided = ok(
      decide(p, deputyHead, "headteacher", "approve", "", 1, at, {
        deputies: [named],
        today: "2026-12-02",
      }),
    );
    expect(decided.status).toBe("readyToPost");
    expect(decided.decisions.at(-1)).toMatchObject({
      by: "deputy",
      key: "headteacher",
      deputyFor: "head",
    });
    expect(
      decide(p, deputyHead, "headteacher", "approve", "", 1, at, {
        deputies: [named],
        today: "2026-12-06",
      }),
    ).toMatchObject({ ok: false, code: "POST.NOT_APPROVER" });
    expect(
      decide(p, deputyHead, "aht-publicity", "approve", "", 1, at, {
        deputies: [named],
        today: "2026-12-02",
      }),
    ).toMatchObject({ ok: false, code: "POST.NOT_APPROVER" });
  });
});

describe("the consent list", () => {
  const list = [
    { firstName: "Oliver", lastName: "Bennett" },
    { firstName: "Amelia", lastName: "Hughes" },
  ];
  test.each([
    ["Oliver scored the winning goal", ["Oliver"], ["Bennett"]],
    ["Well done Oliver Bennett!", ["Oliver Bennett"], []],
    ["Well done oliver and AMELIA", ["oliver", "AMELIA"], ["Bennett", "Hughes"]],
    ["Well done Year 5!", [], []],
  ])(
    "when the text is %j, then the flag quotes %j and never reveals %j",
    (text, quoted, hidden) => {
      const consent = safeguardingCheck(text, list).filter((f) => f.kind === "consent");
      expect(consent).toHaveLength(quoted.length ? 1 : 0);
      for (const q of quoted) expect(consent[0]!.text).toContain(`"${q}"`);
      for (const h of hidden) expect(consent[0]!.text).not.toContain(h);
    },
  );

  const hit = proposedBy(teacher, { flags: safeguardingCheck("Oliver scored!", list) });
  test("when a post has a consent-list hit, then approval waits until an approver overrides it with a reason", () => {
    expect(consentBlocked(hit)).toBe(true);
    expect(decide(hit, head, "headteacher", "approve", "", 1, at)).toMatchObject({
      ok: false,
      code: "POST.CONSENT_BLOCK",
    });
    expect(
      ok(decide(hit, head, "headteacher", "changes", "Please remove the name.", 1, at)).status,
    ).toBe("changesRequested");
    expect(overrideConsent(hit, head, " ", 1, at)).toMatchObject({
      ok: false,
      code: "POST.COMMENT_REQUIRED",
    });
    expect(overrideConsent(hit, teacher, "Fine", 1, at)).toMatchObject({
      ok: false,
      code: "POST.NOT_APPROVER",
    });
    expect(overrideConsent(hit, head, "Parents agreed", 2, at)).toMatchObject({
      ok: false,
      code: "POST.STALE",
    });
    const overridden = ok(
      overrideConsent(hit, head, "The parents have since agreed in writing.", 1, at),
    );
    expect(overridden.consentOverride).toEqual({
      by: "head",
      reason: "The parents have since agreed in writing.",
      at,
      revision: 1,
    });
    expect(overrideConsent(overridden, aht, "Again", 1, at)).toMatchObject({
      ok: false,
      code: "POST.NO_CONSENT_FLAG",
    });
    expect(ok(decide(overridden, head, "headteacher", "approve", "", 1, at)).status).toBe(
      "awaitingApproval",
    );
  });

  test("when an approver proposes a post with a hit, then they cannot override it themselves", () => {
    expect(overrideConsent({ ...hit, authorId: "head" }, head, "Fine by me", 1, at)).toMatchObject({
      ok: false,
      code: "POST.OWN_POST",
    });
  });
});

describe("each account's limits", () => {
  test.each([
    [
      { text: "x".repeat(281), accounts: ["X"], imageLinks: [] },
      ["X allows 280 characters and this post has 281"],
    ],
    [{ text: "x".repeat(280), accounts: ["X"], imageLinks: [] }, []],
    [
      { text: "Hi", accounts: ["Instagram"], imageLinks: [] },
      ["Instagram needs at least one photo"],
    ],
    [{ text: "Hi", accounts: ["Instagram"], imageLinks: ["https://s.example/p.jpg"] }, []],
    [
      { text: "x".repeat(300), accounts: ["Facebook", "X", "Instagram"], imageLinks: [] },
      ["X allows 280", "Instagram needs"],
    ],
    [{ text: "x".repeat(300), accounts: ["The school blog"], imageLinks: [] }, []],
  ])("when the post is %j, then the problems are %j", (content, expected) => {
    const problems = accountProblems(content);
    expect(problems).toHaveLength(expected.length);
    expected.forEach((e, i) => expect(problems[i]).toContain(e));
  });
});
