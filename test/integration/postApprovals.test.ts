import { postProposalKind, postAuditKind } from "../../src/features/posts/postRecords";
import { remindPendingApprovals } from "../../src/features/posts/postSchedule";
import { findAll } from "../../src/store/findAll";
import { outboxKind } from "../../src/outbox/outboxMessage";
import { cardText } from "../support/connectorRecorder";
import { installActivity, personalConversationId, post } from "../support/activities";
import { invokeAs, startAppUnderTest, TestClock, type AppUnderTest } from "../support/inProcessApp";
import { STAFF_PROTOCOL_TICKED } from "../support/postFixtures";
import { personWith } from "../support/sampleRoster";

describe("post approvals through the bot", () => {
  const clock = new TestClock();
  let t: AppUnderTest;
  const author = personWith("staff");
  const aht = personWith("aht-publicity");
  const head = personWith("headteacher");
  const rm = personWith("resources-manager");
  const proposal = {
    text: "Well done to Year 6 on their science fair projects!",
    accounts: "Facebook,X",
    intendedDate: "2026-12-01",
    imageLinks: "https://school.sharepoint.com/photo1.jpg",
    ...STAFF_PROTOCOL_TICKED,
  };
  const invoke = (
    who: { aadObjectId: string; displayName: string },
    verb: string,
    data: Record<string, unknown>,
  ) => invokeAs(t, who, verb, data);
  const posts = async () =>
    (await findAll(t.app.services.store.collection(postProposalKind))).map((r) => r.data);
  /** Each test proposes its own post (its own text), so none depends on another's having run. */
  const propose = async (text: string) => {
    clock.set("2026-11-20T09:00:00Z");
    await invoke(author, "postSubmit", { ...proposal, text });
    await t.app.outboxWorker.drain();
    t.connector.clear();
    return (await posts()).find((p) => p.text === text)!;
  };
  const approved = async (text: string) => {
    const p = await propose(text);
    await invoke(aht, "postApprove", { postId: p.id, revision: 1, decideAs: "aht-publicity" });
    await invoke(head, "postApprove", { postId: p.id, revision: 1, decideAs: "headteacher" });
    await t.app.outboxWorker.drain();
    t.connector.clear();
    return p;
  };
  const remindersFor = async (postId: string) =>
    (
      await findAll(t.app.services.store.collection(outboxKind), {
        where: { purpose: "postReminder" },
      })
    ).filter((m) => m.data.key.startsWith(`postReminder:${postId}:`));

  beforeAll(async () => {
    clock.set("2026-11-20T09:00:00Z");
    t = await startAppUnderTest(
      { OUTBOX_POLL_MS: "60000", SCHEDULE_TICK_MS: "3600000", POST_APPROVAL_REMINDER_HOURS: "24" },
      clock,
    );
    for (const p of [author, aht, head, rm])
      await post(t.app.url, installActivity(p, t.connector.url));
    await t.app.scheduler.runOnce();
    await t.app.outboxWorker.drain();
    t.connector.clear();
  });
  afterAll(async () => t.stop());

  test.each([
    [
      "an unticked checklist item",
      { ...proposal, parentalPermission: "false" },
      /permission from the child's parent/,
    ],
    ["empty text", { ...proposal, text: "" }, /no text/],
    [
      "over-long text",
      { ...proposal, text: "x".repeat(2001) },
      /2,001 characters; the limit is 2,000/,
    ],
    ["a non-https image link", { ...proposal, imageLinks: "javascript:alert(1)" }, /imageLinks/],
    ["no account", { ...proposal, accounts: "" }, /account/],
  ])(
    "when the proposal has %s, then it is refused on the card and nothing is stored",
    async (_n, data, reason) => {
      const r = await invoke(author, "postSubmit", data);
      expect(r.type).toBe("application/vnd.microsoft.activity.message");
      expect(String(r.value)).toMatch(reason);
      expect(await posts()).toEqual([]);
    },
  );

  test("when a post is proposed, then both approvers get the card and the author sees it waiting", async () => {
    const r = await invoke(author, "postSubmit", proposal);
    expect(cardText(r.value)).toContain("Sent for approval");
    await t.app.outboxWorker.drain();
    for (const who of [aht, head])
      expect(t.connector.texts(personalConversationId(who.aadObjectId)).join("\n")).toContain(
        "Approve",
      );
    expect(t.connector.texts(personalConversationId(rm.aadObjectId))).toEqual([]);
  });

  test("when a post is proposed and then decided, then each time the outbox worker is told at once rather than left to its idle poll", async () => {
    let told = 0;
    t.app.services.outbox.onEnqueued(() => told++);
    const p = await propose("The choir sang beautifully at the carol service.");
    expect(told).toBeGreaterThan(0);
    const before = told;
    await invoke(aht, "postApprove", { postId: p.id, revision: 1, decideAs: "aht-publicity" });
    expect(told).toBeGreaterThan(before);
  });

  test("when someone who holds no copy of a post refreshes it, then they get what a missing post gets and nothing of the post", async () => {
    const text = "Year 4 enjoyed their visit to the museum.";
    const p = await propose(text);
    const colleague = personWith("governor");
    const theirs = await invoke(colleague, "postRefresh", { postId: p.id });
    const missing = await invoke(colleague, "postRefresh", { postId: "P-00000000" });
    expect(theirs).toEqual(missing);
    expect(theirs.type).toBe("application/vnd.microsoft.activity.message");
    expect(JSON.stringify(theirs)).not.toContain(text);
    expect(JSON.stringify(theirs)).not.toContain(author.displayName);
    for (const holder of [author, aht, head])
      expect(cardText((await invoke(holder, "postRefresh", { postId: p.id })).value)).toContain(
        text,
      );
  });

  test("when forged card data names another role or a post that does not exist, then it is refused and nothing changes", async () => {
    const p = await propose("Our choir sang at the town hall tonight.");
    const before = JSON.stringify(await posts());
    for (const [who, data] of [
      [aht, { postId: p!.id, revision: 1, decideAs: "headteacher" }],
      [author, { postId: p!.id, revision: 1, decideAs: "aht-publicity" }],
      [head, { postId: "P-00000000", revision: 1, decideAs: "headteacher" }],
      [head, { postId: p!.id, revision: 7, decideAs: "headteacher" }],
    ] as const) {
      expect((await invoke(who, "postApprove", data)).type).toBe(
        "application/vnd.microsoft.activity.message",
      );
    }
    expect(JSON.stringify(await posts())).toBe(before);
  });

  test("when a day passes without decisions, then each approver is reminded once", async () => {
    const p = await propose("The library is open late on Thursdays.");
    clock.set("2026-11-21T10:00:00Z");
    await remindPendingApprovals(t.app.services, t.app.services.posts);
    expect((await remindersFor(p.id)).map((m) => m.data.recipient).sort()).toEqual(
      [aht.aadObjectId, head.aadObjectId].sort(),
    );
    expect(await remindPendingApprovals(t.app.services, t.app.services.posts)).toBe(0);
    expect(await remindersFor(p.id)).toHaveLength(2);
  });

  test("when both approvers click at the same moment, then both decisions count and it is ready to post", async () => {
    const p = await propose("Sports day is moved to Friday.");
    const [a, b] = await Promise.all([
      invoke(aht, "postApprove", { postId: p!.id, revision: 1, decideAs: "aht-publicity" }),
      invoke(head, "postApprove", { postId: p!.id, revision: 1, decideAs: "headteacher" }),
    ]);
    expect([a.type, b.type]).toEqual([
      "application/vnd.microsoft.card.adaptive",
      "application/vnd.microsoft.card.adaptive",
    ]);
    const after = (await posts()).find((x) => x.id === p.id);
    expect(after!.decisions).toHaveLength(2);
    expect(after!.status).toBe("readyToPost");
    t.connector.clear();
    await t.app.outboxWorker.drain();
    expect(t.connector.texts(personalConversationId(rm.aadObjectId)).join("\n")).toMatch(
      /ready to post/,
    );
    expect(
      t.connector.activities.some(
        (x) =>
          x.method === "PUT" && x.conversationId === personalConversationId(author.aadObjectId),
      ),
    ).toBe(true);
  });

  test("when the Resources Manager marks it posted, then the author is told and the audit has every step", async () => {
    const p = await approved("Year 3 planted the school garden.");
    expect((await invoke(rm, "postMarkPosted", { postId: p!.id, link: "not a link" })).type).toBe(
      "application/vnd.microsoft.activity.message",
    );
    const r = await invoke(rm, "postMarkPosted", {
      postId: p!.id,
      link: "https://facebook.com/northfield/posts/123",
    });
    expect(cardText(r.value)).toContain("Status: Posted");
    await t.app.outboxWorker.drain();
    const audit = (
      await findAll(t.app.services.store.collection(postAuditKind), { where: { postId: p!.id } })
    ).map((a) => a.data.action);
    expect(audit).toEqual(
      expect.arrayContaining([
        "proposed",
        "approve as aht-publicity (revision 1)",
        "approve as headteacher (revision 1)",
        "marked as posted",
      ]),
    );
  });

  test("when a post is sent back for changes and resubmitted, then the old decisions no longer count; a rejection ends it", async () => {
    const flagged = { ...proposal, text: "Congratulations to Jamie Carter!" };
    const shown = await invoke(author, "postSubmit", flagged);
    expect(cardText(shown.value)).toMatch(
      /Check your post before it is sent[\s\S]*may name a person/,
    );
    expect((await posts()).some((p) => p.text === flagged.text)).toBe(false);
    expect(
      String(
        (
          await invoke(author, "postSubmit", {
            ...flagged,
            sendAnyway: "true",
            sendAnywayReason: "",
          })
        ).value,
      ),
    ).toMatch(/Say why/);
    const r = await invoke(author, "postSubmit", {
      ...flagged,
      sendAnyway: "true",
      sendAnywayReason: "Jamie's parents asked us to name him.",
    });
    expect(cardText(r.value)).toMatch(/Sent despite the checks/);
    const id = (await posts()).find((p) => p.text.startsWith("Congratulations"))!.id;
    await invoke(aht, "postApprove", { postId: id, revision: 1, decideAs: "aht-publicity" });
    expect(
      (
        await invoke(head, "postRequestChanges", {
          postId: id,
          revision: 1,
          decideAs: "headteacher",
        })
      ).type,
    ).toBe("application/vnd.microsoft.activity.message");
    await invoke(head, "postRequestChanges", {
      postId: id,
      revision: 1,
      decideAs: "headteacher",
      comment: "No surnames, please.",
    });
    const edited = await invoke(author, "postResubmit", {
      postId: id,
      ...proposal,
      text: "Congratulations to Jamie!",
    });
    expect(cardText(edited.value)).toContain("this is version 2");
    expect(cardText(edited.value)).not.toContain("Jamie Carter");
    const p2 = (await posts()).find((p) => p.id === id)!;
    expect(p2.revision).toBe(2);
    expect(p2.status).toBe("awaitingApproval");
    expect(
      (await invoke(aht, "postApprove", { postId: id, revision: 1, decideAs: "aht-publicity" }))
        .type,
    ).toBe("application/vnd.microsoft.activity.message");
    await invoke(head, "postReject", {
      postId: id,
      revision: 2,
      decideAs: "headteacher",
      comment: "Not this week.",
    });
    expect((await posts()).find((p) => p.id === id)!.status).toBe("rejected");
  });
});
