import { decide, type PostProposal } from "../../../../src/domain/posts/postProposal";
import { teamsPostCards } from "../../../../src/features/posts/cards/postCards";
import { postView, type PostContext } from "../../../../src/features/posts/postViews";
import { person } from "../../../support/people";
import { AWAITING_POST } from "../../../support/postFixtures";

const author = person("author");
const aht = person("aht", "aht-publicity");
const head = person("head", "headteacher");
const rm = person("rm", "resources-manager");
const post = AWAITING_POST;
const at = "2026-11-20T10:00:00Z";
const context = (keys: PostContext["keys"], holders: readonly string[] = []): PostContext => ({
  authorName: "author",
  names: new Map(),
  holders,
  keys,
  deputies: [],
  timeZone: "Europe/London",
});
const approved = (): PostProposal => {
  const one = decide(post, head, "headteacher", "approve", "", 1, at);
  if (!one.ok) throw new Error(one.reason);
  const two = decide(one.value, aht, "aht-publicity", "approve", "", 1, at);
  if (!two.ok) throw new Error(two.reason);
  return two.value;
};

describe("the post view (who may act now, in the policy's terms)", () => {
  test("when an approver has not decided, then they may decide with their key, and both keys are awaited", () => {
    const view = postView(post, head, context(["headteacher"]));
    expect(view.decideAs).toBe("headteacher");
    expect(view.waitingFor).toEqual(["aht-publicity", "headteacher"].sort());
    expect(view.mayPublish).toBe(false);
  });

  test("when an approver has decided, then they may not decide again", () => {
    const once = decide(post, head, "headteacher", "approve", "", 1, at);
    if (!once.ok) throw new Error(once.reason);
    expect(postView(once.value, head, context(["headteacher"])).decideAs).toBeNull();
    expect(postView(once.value, aht, context(["aht-publicity"])).decideAs).toBe("aht-publicity");
  });

  test("when the author holds a key, then they still may not decide on their own post", () => {
    const own = { ...post, authorId: "head" };
    expect(postView(own, head, context(["headteacher"])).decideAs).toBeNull();
  });

  test("when both keys are turned, then the Resources Manager may publish and no one may decide", () => {
    const ready = approved();
    expect(postView(ready, rm, context([])).mayPublish).toBe(true);
    expect(postView(ready, author, context([])).mayPublish).toBe(false);
    expect(postView(ready, aht, context(["aht-publicity"])).decideAs).toBeNull();
  });

  test("when changes are asked for, then only the author may edit", () => {
    const asked = decide(post, head, "headteacher", "changes", "Use first names only", 1, at);
    if (!asked.ok) throw new Error(asked.reason);
    expect(postView(asked.value, author, context([])).mayEdit).toBe(true);
    expect(postView(asked.value, head, context(["headteacher"])).mayEdit).toBe(false);
  });
});

describe("the Teams post cards", () => {
  test("when 70 people hold a copy, then the card asks Teams to refresh for the first 60 only", () => {
    const holders = Array.from({ length: 70 }, (_, i) => `u${i}`);
    const card = teamsPostCards.postCard(postView(post, head, context(["headteacher"], holders)));
    expect(card.template).toBe("postCard");
    expect(card.data["refreshUserIds"]).toEqual(holders.slice(0, 60));
    expect(card.data["canApprove"]).toBe(true);
    expect(card.data["decisionKey"]).toBe("headteacher");
  });

  test("when a decision is news for the author, then the notice names who decided and the status", () => {
    const once = decide(post, head, "headteacher", "reject", "  Not this one  ", 1, at);
    if (!once.ok) throw new Error(once.reason);
    const card = teamsPostCards.postNews({
      kind: "decided",
      post: once.value,
      decision: once.value.decisions.at(-1)!,
      names: new Map([["head", "Helen Carter"]]),
    });
    expect(card).toEqual({
      template: "notice",
      data: {
        title: "Helen Carter, Headteacher rejected your post",
        message: '"Not this one" Status now: Rejected.',
        tone: "attention",
      },
    });
  });
});
