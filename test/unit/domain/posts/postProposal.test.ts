import {
  approvalsNeeded,
  checkContent,
  decide,
  markPosted,
  resubmit,
} from "../../../../src/domain/posts/postProposal";
import { safeguardingFlags } from "../../../../src/domain/posts/safeguardingChecks";
import { person } from "../../../support/people";
import { ALL_TICKED, AWAITING_POST, POST_CONTENT } from "../../../support/postFixtures";

const author = person("author");
const aht = person("aht", "aht-publicity");
const head = person("head", "headteacher");
const both = person("both", "aht-publicity", "headteacher");
const rm = person("rm", "resources-manager");
const allTicked = ALL_TICKED;
const content = POST_CONTENT;
const post = AWAITING_POST;
const at = "2026-11-20T10:00:00Z";
const noFlags = { flags: [], sentAnywayReason: null };

function ok<T>(d: { ok: true; value: T } | { ok: false; reason: string }): T {
  if (!d.ok) throw new Error(d.reason);
  return d.value;
}

describe("the two-key approval", () => {
  test("when both keys approve in either order, then it is ready to post", () => {
    const a = ok(decide(post, head, "headteacher", "approve", "", 1, at));
    expect(a.status).toBe("awaitingApproval");
    expect(approvalsNeeded(a)).toEqual(["aht-publicity"]);
    expect(ok(decide(a, aht, "aht-publicity", "approve", "", 1, at)).status).toBe("readyToPost");
  });

  test("when two approvals are applied to the same stored post, then the second sees the first and both count", () => {
    const first = ok(decide(post, aht, "aht-publicity", "approve", "", 1, at));
    const second = ok(decide(first, head, "headteacher", "approve", "", 1, at));
    expect(second.decisions).toHaveLength(2);
    expect(second.status).toBe("readyToPost");
  });

  test.each([
    [
      "the author approves their own post",
      { ...post, authorId: "aht" },
      aht,
      "aht-publicity" as const,
      "POST.OWN_POST",
    ],
    ["someone without the role approves", post, rm, "headteacher" as const, "POST.NOT_APPROVER"],
    [
      "a card names a role the person does not hold",
      post,
      aht,
      "headteacher" as const,
      "POST.NOT_APPROVER",
    ],
  ])("when %s, then it is refused", (_n, p, who, key, code) => {
    expect(decide(p, who, key, "approve", "", 1, at)).toMatchObject({ ok: false, code });
  });

  test("when one person holds both roles, then they cannot give both confirmations", () => {
    const a = ok(decide(post, both, "headteacher", "approve", "", 1, at));
    expect(decide(a, both, "aht-publicity", "approve", "", 1, at)).toMatchObject({
      ok: false,
      code: "POST.ALREADY_DECIDED",
    });
  });

  test("when rejected or changes are asked without a comment, then it is refused", () => {
    expect(decide(post, head, "headteacher", "reject", " ", 1, at)).toMatchObject({
      ok: false,
      code: "POST.COMMENT_REQUIRED",
    });
    expect(decide(post, head, "headteacher", "changes", "", 1, at)).toMatchObject({
      ok: false,
      code: "POST.COMMENT_REQUIRED",
    });
  });

  test("when one key rejects, then it ends and the other can no longer approve", () => {
    const rejected = ok(decide(post, head, "headteacher", "reject", "Not positive enough.", 1, at));
    expect(rejected.status).toBe("rejected");
    expect(decide(rejected, aht, "aht-publicity", "approve", "", 1, at)).toMatchObject({
      ok: false,
      code: "POST.NOT_PENDING",
    });
  });

  test("when the author resubmits after changes, then earlier decisions no longer count and stale cards are refused", () => {
    const approvedByAht = ok(decide(post, aht, "aht-publicity", "approve", "", 1, at));
    const changes = ok(
      decide(approvedByAht, head, "headteacher", "changes", "Remove the surname.", 1, at),
    );
    expect(changes.status).toBe("changesRequested");
    const second = ok(
      resubmit(changes, author, { ...content, text: "Well done Year 5!" }, noFlags, at),
    );
    expect(second.revision).toBe(2);
    expect(second.previousText).toBe(content.text);
    expect(approvalsNeeded(second)).toEqual(["aht-publicity", "headteacher"]);
    expect(decide(second, aht, "aht-publicity", "approve", "", 1, at)).toMatchObject({
      ok: false,
      code: "POST.STALE",
    });
    expect(resubmit(second, author, content, noFlags, at)).toMatchObject({
      ok: false,
      code: "POST.NOT_CHANGES",
    });
    expect(resubmit(changes, aht, content, noFlags, at)).toMatchObject({
      ok: false,
      code: "POST.NOT_AUTHOR",
    });
  });

  test("when it is marked as posted, then only a publisher with an https link can, once", () => {
    const ready = ok(
      decide(
        ok(decide(post, aht, "aht-publicity", "approve", "", 1, at)),
        head,
        "headteacher",
        "approve",
        "",
        1,
        at,
      ),
    );
    expect(markPosted(post, rm, "https://facebook.com/x", at)).toMatchObject({
      ok: false,
      code: "POST.NOT_READY",
    });
    expect(markPosted(ready, author, "https://facebook.com/x", at)).toMatchObject({
      ok: false,
      code: "POST.NOT_PUBLISHER",
    });
    expect(markPosted(ready, rm, "javascript:alert(1)", at)).toMatchObject({
      ok: false,
      code: "POST.BAD_LINK",
    });
    const posted = ok(markPosted(ready, rm, "https://facebook.com/school/posts/1", at));
    expect(posted.status).toBe("posted");
    expect(markPosted(posted, rm, "https://facebook.com/x", at)).toMatchObject({
      ok: false,
      code: "POST.NOT_READY",
    });
  });
});

describe("the author's checklist", () => {
  test("when an item is unticked, then the proposal is refused naming it", () => {
    const r = checkContent({ ...content, checklist: { ...allTicked, parentalPermission: false } }, [
      "Facebook",
    ]);
    expect(r).toMatchObject({ ok: false, code: "POST.CHECKLIST" });
    if (!r.ok) expect(r.reason).toContain("permission from the child's parent has been sought");
  });
  test.each([
    ["empty text", { ...content, text: "  " }, "POST.EMPTY"],
    ["over-long text", { ...content, text: "x".repeat(2001) }, "POST.TOO_LONG"],
    ["an unknown account", { ...content, accounts: ["MySpace"] }, "POST.NO_ACCOUNT"],
  ])("when the post has %s, then it is refused", (_n, c, code) => {
    expect(checkContent(c, ["Facebook", "X"])).toMatchObject({ ok: false, code });
  });
});

describe("safeguarding checks", () => {
  const consent = [{ firstName: "Oliver", lastName: "Bennett" }];
  test.each([
    ["Well done Year 5 on Sports Day!", []],
    ["Email me at jo.smith@school.example for tickets", ["email"]],
    ["Call 07700 900123 to book", ["phone"]],
    ["Meet at 12 Station Road, AB1 2CD", ["address"]],
    ["Congratulations to Jamie Carter for winning!", ["name"]],
    ["Oliver B. scored the winning goal", ["consent"]],
  ])("when the text is %j, then the flags are %j", (text, kinds) => {
    const flags = safeguardingFlags(text, consent).join(" ").toLowerCase();
    expect(flags.includes("email")).toBe(kinds.includes("email"));
    expect(flags.includes("phone")).toBe(kinds.includes("phone"));
    expect(flags.includes("postal address")).toBe(kinds.includes("address"));
    expect(flags.includes("may name a person")).toBe(kinds.includes("name"));
    expect(flags.includes("withheld consent")).toBe(kinds.includes("consent"));
  });
});
