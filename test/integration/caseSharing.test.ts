import { caseAuditKind, misuseCaseKind } from "../../src/features/reports/caseRecords";
import { outboxKind } from "../../src/outbox/outboxMessage";
import { findAll } from "../../src/store/findAll";
import { cardText } from "../support/connectorRecorder";
import { installActivity, personalConversationId, post } from "../support/activities";
import { invokeAs, startAppUnderTest, TestClock, type AppUnderTest } from "../support/inProcessApp";
import { personWith, sampleRoster } from "../support/sampleRoster";

/*
 * "Share the case with": the policy lets only a case's recipient, and the people they share it
 * with, read it. Through the bot over HTTP, with the stored case compared before and after.
 */
describe("sharing a misuse case through the bot", () => {
  const clock = new TestClock();
  let t: AppUnderTest;
  const roster = sampleRoster();
  const teacher = personWith("staff");
  const head = personWith("headteacher");
  const chair = personWith("chair-of-governors");
  const deputy = personWith("aht-digital");
  const bystander = roster.find((p) => p.roles.includes("line-manager") && p.roles.length === 2)!;
  const colleague = roster.filter((p) => p.roles.length === 1)[1]!;
  const report = {
    kind: "misuse",
    whatWasSeen: "A colleague shared a photo of pupils on their own Instagram.",
    where: "Instagram",
    when: "Yesterday evening",
    concerns: "colleague,pupil",
    subjectId: colleague.aadObjectId,
    rules: "h",
    urgent: "false",
    evidence: "",
  };
  const reason = "Needs to advise on the data protection breach.";
  const invoke = (
    who: { aadObjectId: string; displayName: string },
    verb: string,
    data: Record<string, unknown>,
  ) => invokeAs(t, who, verb, data);
  const share = (
    who: { aadObjectId: string; displayName: string },
    caseId: string,
    email: string,
    why = reason,
  ) => invoke(who, "caseShare", { caseId, email, reason: why });
  const stored = async () =>
    JSON.stringify(
      (await findAll(t.app.services.store.collection(misuseCaseKind))).map((r) => r.data),
    );
  const queued = async () => (await findAll(t.app.services.store.collection(outboxKind))).length;
  const caseNo = (n: number) => `R-2026-000${n}`;

  beforeAll(async () => {
    clock.set("2026-11-02T09:00:00Z");
    t = await startAppUnderTest({ OUTBOX_POLL_MS: "60000", SCHEDULE_TICK_MS: "3600000" }, clock);
    for (const p of [teacher, head, chair, deputy, bystander, colleague])
      await post(t.app.url, installActivity(p, t.connector.url));
    await t.app.scheduler.runOnce();
    expect(cardText((await invoke(teacher, "submitReport", report)).value)).toContain(
      `${caseNo(1)} received`,
    );
    expect(
      cardText(
        (
          await invoke(teacher, "submitReport", {
            ...report,
            concerns: "headteacher",
            subjectId: head.aadObjectId,
          })
        ).value,
      ),
    ).toContain(`${caseNo(2)} received`);
    await t.app.outboxWorker.drain();
  });
  afterAll(async () => t.stop());

  test("when the handler's case card arrives, then it offers to share the case", () => {
    const headsCard = t.connector
      .texts(personalConversationId(head.aadObjectId))
      .find((x) => x.includes(`Confidential report ${caseNo(1)}`));
    expect(headsCard).toContain("Share the case");
  });

  test("when the handler opens Share the case, then the roster is listed to choose from, without the reporter or the colleague it concerns", () => {
    const card = t.connector
      .cards(personalConversationId(head.aadObjectId))
      .find((c) => JSON.stringify(c).includes(`Confidential report ${caseNo(1)}`));
    const picker = JSON.stringify(card).match(/"id":"personId"[^\]]*\]/)?.[0] ?? "";
    expect(picker).toContain(deputy.aadObjectId);
    expect(picker).not.toContain(teacher.aadObjectId);
    expect(picker).not.toContain(colleague.aadObjectId);
    expect(picker).not.toContain(head.aadObjectId);
  });

  test("when the person chosen is not on the roster, or nobody is chosen, then nothing is shared", async () => {
    const before = await stored();
    const unknown = await invoke(head, "caseShare", {
      caseId: caseNo(1),
      personId: "no-such-id",
      reason,
    });
    expect(String(unknown.value)).toMatch(/not on the staff roster/);
    const none = await invoke(head, "caseShare", { caseId: caseNo(1), reason });
    expect(String(none.value)).toMatch(/Choose the person to share it with/);
    expect(await stored()).toBe(before);
  });

  test("when someone it was not shared with acts on it, then it is not one they can see", async () => {
    const before = await stored();
    const r = await invoke(deputy, "caseInvestigate", { caseId: caseNo(1) });
    expect(r.type).toBe("application/vnd.microsoft.activity.message");
    expect(String(r.value)).toMatch(/no case with that reference that you can see/);
    expect(await stored()).toBe(before);
  });

  test("when the Headteacher shares the case with the Deputy, then the Deputy gets the case card, can act on it, and every reader's card says who it is shared with", async () => {
    t.connector.clear();
    // As the card's picker sends it: the person's id.
    const r = await invoke(head, "caseShare", {
      caseId: caseNo(1),
      personId: deputy.aadObjectId,
      reason,
    });
    expect(r.type).toBe("application/vnd.microsoft.card.adaptive");
    expect(cardText(r.value)).toContain(`Shared with: ${deputy.displayName}`);
    expect(cardText(r.value)).toContain("Share the case");
    const c = (await findAll(t.app.services.store.collection(misuseCaseKind))).find(
      (x) => x.id === caseNo(1),
    )!.data;
    expect(c.sharedWith).toEqual([deputy.aadObjectId]);
    expect(c.history.at(-1)).toMatchObject({
      by: head.aadObjectId,
      what: `shared with ${deputy.aadObjectId}`,
      note: reason,
    });
    // The audit says who shared with whom; the handler's reason stays with the case.
    const audit = await findAll(t.app.services.store.collection(caseAuditKind), {
      where: { caseReference: caseNo(1) },
    });
    expect(audit.map((a) => a.data.action)).toContain(`shared with ${deputy.aadObjectId}`);
    expect(JSON.stringify(audit)).not.toContain("data protection");

    await t.app.outboxWorker.drain();
    const toDeputy = t.connector.texts(personalConversationId(deputy.aadObjectId)).join("\n");
    expect(toDeputy).toContain(`Confidential report ${caseNo(1)}`);
    expect(toDeputy).toContain(`${head.displayName} shared this case with you: ${reason}`);
    expect(toDeputy).toContain("Mark as investigating");
    expect(toDeputy).not.toContain("Share the case");
    expect(t.connector.texts(personalConversationId(deputy.aadObjectId))).toHaveLength(1);
    expect(t.connector.texts(personalConversationId(bystander.aadObjectId))).toEqual([]);
    expect(t.connector.texts(personalConversationId(teacher.aadObjectId))).toEqual([]);

    t.connector.clear();
    const investigating = await invoke(deputy, "caseInvestigate", { caseId: caseNo(1) });
    expect(cardText(investigating.value)).toContain("Status: Being investigated");
    expect(cardText(investigating.value)).not.toContain("Share the case");
    await t.app.outboxWorker.drain();
    // The Headteacher's card follows, and the reporter hears the status only.
    expect(t.connector.texts(personalConversationId(head.aadObjectId)).join("\n")).toContain(
      "Status: Being investigated",
    );
    expect(t.connector.texts(personalConversationId(teacher.aadObjectId)).join("\n")).toMatch(
      /Your report R-2026-0001: being investigated/,
    );
  });

  test("when someone else acts on the shared case, then it is still not one they can see", async () => {
    const before = await stored();
    for (const r of [
      await invoke(bystander, "caseAcknowledge", { caseId: caseNo(1) }),
      await share(bystander, caseNo(1), bystander.email),
    ]) {
      expect(r.type).toBe("application/vnd.microsoft.activity.message");
      expect(String(r.value)).toMatch(/no case with that reference that you can see/);
    }
    expect(await stored()).toBe(before);
  });

  test.each([
    [
      "the Deputy passes it on",
      () => deputy,
      caseNo(1),
      () => bystander.email,
      reason,
      /Only the person the case was sent to can share it/,
    ],
    [
      "the card carries a forged reference",
      () => head,
      "../../etc",
      () => deputy.email,
      reason,
      /check the form: caseId/,
    ],
    [
      "the case does not exist",
      () => head,
      "R-2026-9999",
      () => bystander.email,
      reason,
      /no case with that reference that you can see/,
    ],
    [
      "the email is not on the roster",
      () => head,
      caseNo(1),
      () => "nobody@northfield.example.sch.uk",
      reason,
      /nobody@northfield.example.sch.uk is not on the staff roster/,
    ],
    [
      "the text is not an email",
      () => head,
      caseNo(1),
      () => "Liam",
      reason,
      /check the form: email/,
    ],
    [
      "the reason is too long",
      () => head,
      caseNo(1),
      () => bystander.email,
      "x".repeat(301),
      /check the form: An answer is over its limit of 300 characters/,
    ],
    [
      "no reason is given",
      () => head,
      caseNo(1),
      () => bystander.email,
      "  ",
      /check the form: reason/,
    ],
    ["it is the reporter", () => head, caseNo(1), () => teacher.email, reason, /made the report/],
    [
      "it is the colleague the report concerns",
      () => head,
      caseNo(1),
      () => colleague.email,
      reason,
      /concerns .*: it cannot be shared with them/,
    ],
    [
      "the Deputy shares it with themselves",
      () => deputy,
      caseNo(1),
      () => deputy.email,
      reason,
      /Only the person the case was sent to/,
    ],
    [
      "the Headteacher shares again with the Deputy",
      () => head,
      caseNo(1),
      () => deputy.email,
      reason,
      /can already read case R-2026-0001/,
    ],
    [
      "the excluded Headteacher shares the case about them",
      () => head,
      caseNo(2),
      () => deputy.email,
      reason,
      /no case with that reference that you can see/,
    ],
    [
      "the Chair shares the case about the Headteacher with the Headteacher",
      () => chair,
      caseNo(2),
      () => head.email,
      reason,
      /concerns Helen Carter/,
    ],
  ])(
    "when %s, then a clear message comes back and nothing changes",
    async (_n, who, caseId, email, why, expected) => {
      const before = await stored();
      const messages = await queued();
      const r = await share(who(), caseId, email(), why);
      expect(r.type).toBe("application/vnd.microsoft.activity.message");
      expect(String(r.value)).toMatch(expected);
      expect(await stored()).toBe(before);
      expect(await queued()).toBe(messages);
    },
  );

  test("when the case is about the Headteacher, then the Headteacher still cannot read it", async () => {
    const r = await invoke(head, "caseAcknowledge", { caseId: caseNo(2) });
    expect(String(r.value)).toMatch(/no case with that reference that you can see/);
  });

  test("when the case is closed, then it can no longer be shared and the card stops offering to", async () => {
    const closed = await invoke(deputy, "caseClose", {
      caseId: caseNo(1),
      outcome: "advice",
      note: "Spoke to them.",
    });
    expect(cardText(closed.value)).toContain("Status: Closed");
    const headsView = await invoke(head, "caseInvestigate", { caseId: caseNo(1) });
    expect(String(headsView.value)).toMatch(/closed/);
    const before = await stored();
    const r = await share(head, caseNo(1), bystander.email);
    expect(String(r.value)).toMatch(/Case R-2026-0001 is closed/);
    expect(await stored()).toBe(before);
    await t.app.outboxWorker.drain();
    const last = t.connector.cards(personalConversationId(head.aadObjectId)).at(-1);
    expect(cardText(last)).toContain("Status: Closed");
    expect(cardText(last)).not.toContain("Share the case");
  });
});
