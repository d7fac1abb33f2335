import { cardText } from "../support/connectorRecorder";
import { installActivity, personalConversationId, post } from "../support/activities";
import { invokeAs, startAppUnderTest, TestClock, type AppUnderTest } from "../support/inProcessApp";
import { personWith, sampleRoster } from "../support/sampleRoster";

/*
 * A case card a handler can work from: a dated timeline (UK dates, school time zone), evidence
 * links that open, the removal colleague chosen from the case's people, and buttons that go
 * once their step is done.
 */
describe("a misuse case's timeline on its card", () => {
  const clock = new TestClock();
  let t: AppUnderTest;
  const teacher = personWith("staff");
  const head = personWith("headteacher");
  const colleague = sampleRoster().find((p) => p.displayName === "Aisha Khan")!;
  const report = {
    kind: "misuse",
    whatWasSeen: "A colleague shared a photo of pupils on their own Instagram.",
    where: "https://instagram.com/p/abc123",
    when: "Yesterday evening",
    concerns: "colleague,pupil",
    subjectId: colleague.aadObjectId,
    rules: "photos",
    urgent: "false",
    evidence: "Screenshot: https://northfield.sharepoint.com/sites/hr/evidence1.png and notes",
  };
  const invoke = (
    who: { aadObjectId: string; displayName: string },
    verb: string,
    data: Record<string, unknown>,
  ) => invokeAs<Record<string, unknown>>(t, who, verb, data);
  const actionTitles = (card: unknown) =>
    ((card as { actions?: { title: string }[] }).actions ?? []).map((a) => a.title);

  beforeAll(async () => {
    // 09:00 UTC in summer is 10:00 in London: the card shows the school's time.
    clock.set("2026-06-01T09:00:00Z");
    t = await startAppUnderTest({ OUTBOX_POLL_MS: "60000", SCHEDULE_TICK_MS: "3600000" }, clock);
    for (const p of [teacher, head, colleague])
      await post(t.app.url, installActivity(p, t.connector.url));
    await t.app.outboxWorker.drain();
  });
  afterAll(async () => t.stop());

  test("when a case is worked step by step, then each step appears on the card's timeline with its UK date and school time, and Mark as investigating goes once done", async () => {
    await invoke(teacher, "submitReport", report);
    t.connector.clear();
    await t.app.outboxWorker.drain();
    const received = t.connector.cards(personalConversationId(head.aadObjectId))[0]!;
    expect(cardText(received)).toContain("Received: 1 June 2026, 10:00");
    expect(cardText(received)).toContain("1 June 2026, 10:00: Received");
    // Evidence links open with a click; the product never turns typed text into links itself.
    const opens = JSON.stringify(received).match(/"url":"https:\/\/[^"]+"/g) ?? [];
    expect(opens).toEqual(
      expect.arrayContaining([
        '"url":"https://northfield.sharepoint.com/sites/hr/evidence1.png"',
        '"url":"https://instagram.com/p/abc123"',
      ]),
    );
    // Facts are wrapping text blocks, not a fact set that clips.
    expect(JSON.stringify(received)).not.toContain('"FactSet"');

    clock.set("2026-06-01T10:30:00Z");
    const acknowledged = await invoke(head, "caseAcknowledge", { caseId: "R-2026-0001" });
    expect(cardText(acknowledged.value)).toContain(
      "1 June 2026, 11:30: Acknowledged by Helen Carter",
    );
    expect(actionTitles(acknowledged.value)).toContain("Mark as investigating");

    clock.set("2026-06-02T08:15:00Z");
    const investigating = await invoke(head, "caseInvestigate", { caseId: "R-2026-0001" });
    expect(cardText(investigating.value)).toContain(
      "2 June 2026, 09:15: Marked as investigating by Helen Carter",
    );
    expect(actionTitles(investigating.value)).not.toContain("Mark as investigating");

    // The removal request offers the colleague the case concerns, by name.
    const removalForm = JSON.stringify(investigating.value);
    expect(removalForm).toContain(`"title":"Aisha Khan","value":"${colleague.aadObjectId}"`);
    clock.set("2026-06-02T09:00:00Z");
    const requested = await invoke(head, "caseRequestRemoval", {
      caseId: "R-2026-0001",
      memberId: colleague.aadObjectId,
      what: "The photo of pupils",
      deadline: "2026-06-04",
    });
    expect(cardText(requested.value)).toContain(
      "2 June 2026, 10:00: Helen Carter asked Aisha Khan to remove a posting by 4 June 2026",
    );
    expect(cardText(requested.value)).toContain(
      "Removal: The photo of pupils (to be removed by 4 June 2026)",
    );
    t.connector.clear();
    await t.app.outboxWorker.drain();
    const [request] = t.connector.cards(personalConversationId(colleague.aadObjectId));
    expect(cardText(request)).toContain("By: 4 June 2026");
    const removalId = String(
      (request as { actions: { data: { removalId: string } }[] }).actions[0]!.data.removalId,
    );

    clock.set("2026-06-03T13:00:00Z");
    await invoke(colleague, "caseConfirmRemoval", { caseId: "R-2026-0001", removalId });
    t.connector.clear();
    await t.app.outboxWorker.drain();
    const headChat = t.connector.activities.filter(
      (a) => a.conversationId === personalConversationId(head.aadObjectId),
    );
    // A new message says it, besides the updated case card.
    const news = headChat.find((a) => a.method === "POST");
    expect(cardText(news?.body.attachments?.[0]?.content)).toMatch(
      /Case R-2026-0001: the posting was removed[\s\S]*Aisha Khan confirmed on 3 June 2026, 14:00/,
    );
    const updated = headChat.find((a) => a.method === "PUT");
    expect(cardText(updated?.body.attachments?.[0]?.content)).toContain(
      "3 June 2026, 14:00: Aisha Khan confirmed the posting was removed",
    );
    // One pair of brackets: "(removed, confirmed on …)", not "(removed (confirmed …))".
    expect(cardText(updated?.body.attachments?.[0]?.content)).toContain(
      "Removal: The photo of pupils (removed, confirmed on 3 June 2026, 14:00)",
    );

    clock.set("2026-06-05T15:00:00Z");
    const closed = await invoke(head, "caseClose", {
      caseId: "R-2026-0001",
      outcome: "advice",
      note: "Spoke to them.",
    });
    expect(cardText(closed.value)).toContain("5 June 2026, 16:00: Closed by Helen Carter");
  });
});
