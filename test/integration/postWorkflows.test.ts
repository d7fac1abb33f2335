import {
  postAuditKind,
  postProposalKind,
  approverDeputyKind,
  DEPUTIES_AUDIT_ID,
} from "../../src/features/posts/postRecords";
import { remindPendingApprovals } from "../../src/features/posts/postSchedule";
import { findAll } from "../../src/store/findAll";
import { cardText } from "../support/connectorRecorder";
import {
  installActivity,
  messageActivity,
  personalConversationId,
  post,
} from "../support/activities";
import { invokeAs, startAppUnderTest, TestClock, type AppUnderTest } from "../support/inProcessApp";
import { STAFF_PROTOCOL_TICKED } from "../support/postFixtures";
import { personWith, sampleRoster } from "../support/sampleRoster";

/*
 * Workflows as a school lives them: an approver proposing, a deputy standing in, safeguarding
 * flags before sending and a consent-list hit that holds approval, the final card's text.
 */
describe("post workflows through the bot", () => {
  const clock = new TestClock();
  let t: AppUnderTest;
  const author = personWith("staff");
  const aht = personWith("aht-publicity");
  const head = personWith("headteacher");
  const rm = personWith("resources-manager");
  const deputy = sampleRoster().find((p) => p.displayName === "Rachel Green")!;
  const proposal = {
    text: "Well done to Year 6 on their science fair projects!",
    accounts: "Facebook",
    intendedDate: "2026-12-12",
    imageLinks: "",
    ...STAFF_PROTOCOL_TICKED,
  };
  const invoke = (
    who: { aadObjectId: string; displayName: string },
    verb: string,
    data: Record<string, unknown>,
  ) => invokeAs(t, who, verb, data);
  const posts = async () =>
    (await findAll(t.app.services.store.collection(postProposalKind))).map((r) => r.data);
  const audit = async (postId: string) =>
    (await findAll(t.app.services.store.collection(postAuditKind), { where: { postId } })).map(
      (a) => a.data.action,
    );
  const chat = (who: { aadObjectId: string }) =>
    t.connector.texts(personalConversationId(who.aadObjectId)).join("\n");

  beforeAll(async () => {
    clock.set("2026-12-01T09:00:00Z");
    t = await startAppUnderTest(
      { OUTBOX_POLL_MS: "60000", SCHEDULE_TICK_MS: "3600000", POST_APPROVAL_REMINDER_HOURS: "24" },
      clock,
    );
    for (const p of [author, aht, head, rm, deputy])
      await post(t.app.url, installActivity(p, t.connector.url));
    await t.app.scheduler.runOnce();
    await t.app.outboxWorker.drain();
  });
  afterAll(async () => t.stop());
  beforeEach(() => t.connector.clear());

  test("when the Headteacher proposes a post, then her proposal is her confirmation (card and audit), only the AHT is asked, and once the AHT approves it goes to the Resources Manager", async () => {
    const r = await invoke(head, "postSubmit", {
      ...proposal,
      text: "Our choir sang beautifully at the carol service.",
    });
    const receipt = cardText(r.value);
    expect(receipt).toContain("As the Headteacher, proposing it counts as your confirmation");
    expect(receipt).toContain(
      "It has gone to the Assistant Headteacher (Parents, Publicity & Promotion) to confirm",
    );
    expect(receipt).not.toMatch(/gone to[^.]*the Headteacher to confirm/);
    const p = (await posts()).find((x) => x.text.startsWith("Our choir"))!;
    expect(await audit(p.id)).toEqual(
      expect.arrayContaining(["proposed", "confirmed as headteacher by proposing it (revision 1)"]),
    );
    await t.app.outboxWorker.drain();
    expect(chat(aht)).toMatch(/Helen Carter, Headteacher: Confirmed by proposing it/);
    expect(chat(aht)).toContain("Approve");
    expect(chat(aht)).toMatch(
      /Waiting for the Assistant Headteacher \(Parents, Publicity & Promotion\)/,
    );
    expect(chat(aht)).toContain("Date: 12 December 2026");
    // The Headteacher's own copy is the author's view: no buttons to approve her own post.
    expect(chat(head)).not.toMatch(/\bApprove\b/);

    await invoke(aht, "postApprove", { postId: p.id, revision: 1, decideAs: "aht-publicity" });
    expect((await posts()).find((x) => x.id === p.id)!.status).toBe("readyToPost");
    await t.app.outboxWorker.drain();
    expect(chat(rm)).toMatch(/Approved: ready to post/);
  });

  test("when the Headteacher names a deputy and a post waits past the reminder period, then it is escalated to the deputy, who approves it for her; the card and the audit show it", async () => {
    t.connector.clear();
    await post(t.app.url, messageActivity(head, t.connector.url, "deputy"));
    expect(chat(head)).toContain("Name a deputy for post approvals");
    // A small school's staff are listed to choose from (no search needed), never the approver.
    const form = JSON.stringify(t.connector.cards());
    expect(form).toContain(`"value":"${deputy.aadObjectId}"`);
    expect(form).not.toContain(`"value":"${head.aadObjectId}"`);
    // The other approver cannot be the deputy: two people must confirm.
    expect(
      String(
        (
          await invoke(head, "postNameDeputy", {
            key: "headteacher",
            deputyId: aht.aadObjectId,
            from: "2026-12-01",
            until: "2026-12-05",
            reason: "Course",
          })
        ).value,
      ),
    ).toMatch(/two different people/);
    const named = await invoke(head, "postNameDeputy", {
      key: "headteacher",
      deputyId: deputy.aadObjectId,
      from: "2026-12-01",
      until: "2026-12-05",
      reason: "Illness",
    });
    expect(cardText(named.value)).toMatch(
      /Rachel Green stands in for the Headteacher \(Helen Carter\) from 1 December 2026 to 5 December 2026: Illness/,
    );
    const [arrangement] = (await findAll(t.app.services.store.collection(approverDeputyKind))).map(
      (r) => r.data,
    );
    expect(arrangement).toMatchObject({
      approverId: head.aadObjectId,
      deputyId: deputy.aadObjectId,
      key: "headteacher",
    });
    expect(await audit(DEPUTIES_AUDIT_ID)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^named ${deputy.aadObjectId} deputy for headteacher from 2026-12-01 to 2026-12-05`,
        ),
      ),
    ]);
    await t.app.outboxWorker.drain();
    expect(chat(deputy)).toContain("Helen Carter named you as deputy for the Headteacher");

    await invoke(aht, "postSubmit", {
      ...proposal,
      text: "The Year 3 trip to the museum was a great success.",
    });
    const p = (await posts()).find((x) => x.text.startsWith("The Year 3"))!;
    await t.app.outboxWorker.drain();
    expect(chat(deputy)).not.toContain("The Year 3 trip");
    // Within the reminder period (23 of 24 hours) the Headteacher still has it to herself.
    clock.set("2026-12-02T08:00:00Z");
    await remindPendingApprovals(t.app.services, t.app.services.posts);
    await t.app.outboxWorker.drain();
    expect(chat(deputy)).not.toContain("The Year 3 trip");
    expect(await audit(p.id)).not.toContain(
      `escalated to deputy for headteacher (standing in for ${head.aadObjectId})`,
    );
    clock.set("2026-12-02T10:00:00Z");
    await remindPendingApprovals(t.app.services, t.app.services.posts);
    await t.app.outboxWorker.drain();
    expect(chat(deputy)).toContain("The Year 3 trip");
    expect(chat(deputy)).toMatch(/Rachel Green stands in for the Headteacher/);
    expect(await audit(p.id)).toContain(
      `escalated to deputy for headteacher (standing in for ${head.aadObjectId})`,
    );

    const decided = await invoke(deputy, "postApprove", {
      postId: p.id,
      revision: 1,
      decideAs: "headteacher",
    });
    expect(cardText(decided.value)).toMatch(
      /Rachel Green, deputy for Helen Carter as Headteacher: Approved/,
    );
    expect((await posts()).find((x) => x.id === p.id)!.status).toBe("readyToPost");
    expect(await audit(p.id)).toContain(
      `approve as headteacher, deputy for ${head.aadObjectId} (revision 1)`,
    );

    // After the period, the deputy can no longer decide.
    clock.set("2026-12-07T10:00:00Z");
    await invoke(aht, "postSubmit", { ...proposal, text: "Our football team won the league." });
    const later = (await posts()).find((x) => x.text.startsWith("Our football"))!;
    expect(
      String(
        (
          await invoke(deputy, "postApprove", {
            postId: later.id,
            revision: 1,
            decideAs: "headteacher",
          })
        ).value,
      ),
    ).toMatch(/deputy they named/);
  });

  test("when a post names a pupil on the consent list, then the author sees the flag before sending without the surname; once sent, approval waits until an approver overrides with a reason (audited)", async () => {
    const text = "Oliver won the spelling bee! Call 07700 900123 for tickets.";
    const shown = await invoke(author, "postSubmit", { ...proposal, text });
    const check = cardText(shown.value);
    expect(check).toContain("Check your post before it is sent");
    expect(check).toContain('"Oliver" matches a pupil whose parents have withheld consent');
    expect(check).toContain("phone number");
    expect(check).not.toContain("Bennett");
    expect((await posts()).some((p) => p.text === text)).toBe(false);
    await t.app.outboxWorker.drain();
    expect(chat(head)).not.toContain("spelling bee");

    await invoke(author, "postSubmit", {
      ...proposal,
      text,
      sendAnyway: "true",
      sendAnywayReason: "It is the school office number.",
    });
    const p = (await posts()).find((x) => x.text === text)!;
    await t.app.outboxWorker.drain();
    const headView = chat(head);
    expect(headView).toContain("Approval waits: a name matches the no-photo/no-name list");
    expect(headView).toContain("sent it despite these checks: It is the school office number.");
    expect(headView).toContain("Override the consent check");
    expect(
      String(
        (await invoke(head, "postApprove", { postId: p.id, revision: 1, decideAs: "headteacher" }))
          .value,
      ),
    ).toMatch(/no-photo\/no-name list/);

    const overridden = await invoke(head, "postOverrideConsent", {
      postId: p.id,
      revision: 1,
      overrideReason: "His parents have since agreed in writing.",
    });
    expect(cardText(overridden.value)).toMatch(
      /Helen Carter overrode the consent check: His parents have since agreed in writing\./,
    );
    expect(await audit(p.id)).toEqual(
      expect.arrayContaining([
        "sent despite safeguarding flags (phone, consent)",
        "overrode the consent-list check (revision 1): His parents have since agreed in writing.",
      ]),
    );
    expect(
      (await invoke(head, "postApprove", { postId: p.id, revision: 1, decideAs: "headteacher" }))
        .type,
    ).toBe("application/vnd.microsoft.card.adaptive");
  });

  test("when a post is edited and resent, then the approvers are told in a new message, and the final cards show the final text only", async () => {
    const first = "Congratulations to the netball team, call 07700 900456!";
    await invoke(author, "postSubmit", {
      ...proposal,
      text: first,
      sendAnyway: "true",
      sendAnywayReason: "Coach's number, checked.",
    });
    const p = (await posts()).find((x) => x.text === first)!;
    await invoke(head, "postRequestChanges", {
      postId: p.id,
      revision: 1,
      decideAs: "headteacher",
      changesComment: "No phone numbers, please.",
    });
    await t.app.outboxWorker.drain();
    t.connector.clear();
    await invoke(author, "postResubmit", {
      postId: p.id,
      ...proposal,
      text: "Congratulations to the netball team!",
    });
    await t.app.outboxWorker.drain();
    for (const who of [aht, head])
      expect(chat(who)).toContain(`${author.displayName} changed their post and sent it back`);
    const posted = t.connector.activities.filter(
      (a) => a.method === "POST" && a.conversationId === personalConversationId(head.aadObjectId),
    );
    expect(posted.length).toBeGreaterThan(0);

    await invoke(aht, "postApprove", { postId: p.id, revision: 2, decideAs: "aht-publicity" });
    await invoke(head, "postApprove", { postId: p.id, revision: 2, decideAs: "headteacher" });
    t.connector.clear();
    await t.app.outboxWorker.drain();
    for (const who of [aht, head, rm]) {
      expect(chat(who)).toContain("Approved: ready to post");
      expect(chat(who)).not.toContain("07700 900456");
      expect(chat(who)).not.toContain("Changed from");
    }
  });
});

describe("each account's limits on the post form", () => {
  let t: AppUnderTest;
  const author = personWith("staff");
  const invoke = (verb: string, data: Record<string, unknown>) => invokeAs(t, author, verb, data);
  beforeAll(async () => {
    t = await startAppUnderTest({ OUTBOX_POLL_MS: "60000", SCHEDULE_TICK_MS: "3600000" });
    await post(t.app.url, installActivity(author, t.connector.url));
  });
  afterAll(async () => t.stop());

  test("when the form opens, then it says each account's limits", async () => {
    await post(t.app.url, messageActivity(author, t.connector.url, "new post"));
    const form = cardText(t.connector.cards(personalConversationId(author.aadObjectId)).at(-1));
    expect(form).toContain("X: up to 280 characters.");
    expect(form).toContain("Instagram: needs a photo, up to 2,200 characters.");
  });

  test.each([
    [
      "a 596-character post for X",
      { text: "Well done everyone. ".repeat(30).slice(0, 596), accounts: "X" },
      "X allows 280 characters and this post has 596",
    ],
    [
      "an Instagram post without a photo",
      { text: "Well done everyone!", accounts: "Instagram" },
      "Instagram needs at least one photo",
    ],
    [
      "a 5,000-character post",
      { text: "y".repeat(5000), accounts: "Facebook" },
      "The post is 5,000 characters; the limit is 2,000. Nothing was sent",
    ],
  ])(
    "when it is %s, then it is refused with a clear message and nothing is stored",
    async (_n, content, message) => {
      const r = await invoke("postSubmit", {
        intendedDate: "2026-12-12",
        imageLinks: "",
        ...STAFF_PROTOCOL_TICKED,
        ...content,
      });
      expect(r.type).toBe("application/vnd.microsoft.activity.message");
      expect(String(r.value)).toContain(message);
      expect(await findAll(t.app.services.store.collection(postProposalKind))).toEqual([]);
    },
  );

  test("when the reason for sending anyway is over its limit, then the form said the limit and the post is refused saying it, nothing stored", async () => {
    await post(t.app.url, messageActivity(author, t.connector.url, "new post"));
    const form = JSON.stringify(
      t.connector.cards(personalConversationId(author.aadObjectId)).at(-1),
    );
    expect(form).toContain("Links to the photos or files (one per line), at most 10");
    const r = await invoke("postSubmit", {
      text: "Call 07700 900123 for tickets to the summer fair.",
      accounts: "Facebook",
      intendedDate: "2026-12-12",
      imageLinks: "",
      ...STAFF_PROTOCOL_TICKED,
      sendAnyway: "true",
      sendAnywayReason: "z".repeat(1001),
    });
    expect(r.type).toBe("application/vnd.microsoft.activity.message");
    expect(String(r.value)).toContain(
      "An answer is over its limit of 1,000 characters, as its label says. Nothing was sent",
    );
    expect(String(r.value)).not.toContain("sendAnywayReason");
    expect(await findAll(t.app.services.store.collection(postProposalKind))).toEqual([]);
  });

  test("when the X post fits and the Instagram one has a photo, then both are accepted", async () => {
    const r = await invoke("postSubmit", {
      intendedDate: "2026-12-12",
      ...STAFF_PROTOCOL_TICKED,
      text: "Well done everyone!",
      accounts: "X,Instagram",
      imageLinks: "https://northfield.sharepoint.com/photo.jpg",
    });
    expect(cardText(r.value)).toContain("Sent for approval");
  });
});
