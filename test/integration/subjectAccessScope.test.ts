import { misuseCaseKind } from "../../src/features/reports/caseRecords";
import { collectPersonalData } from "../../src/cli/personalData";
import type { Person } from "../../src/domain/people/person";
import { installActivity, post } from "../support/activities";
import { cardText } from "../support/connectorRecorder";
import { invokeAs, startAppUnderTest, TestClock, type AppUnderTest } from "../support/inProcessApp";
import { sampleRoster } from "../support/sampleRoster";

/*
 * Subject access over one case that touches everyone: a report about the Headteacher (so the
 * Chair handles it), shared with a colleague, with a question to the reporter and their reply,
 * and a removal request to a third member of staff. Each person's export holds only their part.
 */
describe("subject access exports of a case about the Headteacher", () => {
  const clock = new TestClock();
  let t: AppUnderTest;
  const roster = sampleRoster();
  const byName = (name: string) => roster.find((p) => p.displayName === name)!;
  const reporter = byName("Daniel Price");
  const head = byName("Helen Carter");
  const chair = byName("Margaret Owen");
  const sharedWith = byName("Liam Hyde");
  const remover = byName("Megan Lewis");
  const bystander = byName("Aisha Khan");
  const words = {
    report: "The Headteacher posted a pupil's photo on a personal Instagram account.",
    question: "Which account was it, and is the photo still there?",
    reply: "It was on the private account; it was still up this morning.",
    shareNote: "Liam advises on the social media policy for this case.",
    removal: "Please take down the reshared photo on your Instagram story.",
  };
  const invoke = (who: Person, verb: string, data: Record<string, unknown>) =>
    invokeAs(t, who, verb, data);

  beforeAll(async () => {
    clock.set("2026-11-02T09:00:00Z");
    t = await startAppUnderTest({ OUTBOX_POLL_MS: "60000", SCHEDULE_TICK_MS: "3600000" }, clock);
    for (const p of [reporter, head, chair, sharedWith, remover, bystander])
      await post(t.app.url, installActivity(p, t.connector.url));
    const receipt = await invoke(reporter, "submitReport", {
      kind: "misuse",
      whatWasSeen: words.report,
      where: "Instagram",
      when: "Yesterday",
      concerns: "headteacher",
      subjectId: head.aadObjectId,
      rules: "",
      urgent: "false",
      evidence: "",
    });
    expect(cardText(receipt.value)).toContain("R-2026-0001 received");
    const c = "R-2026-0001";
    expect(
      cardText(
        (
          await invoke(chair, "caseShare", {
            caseId: c,
            email: sharedWith.email,
            reason: words.shareNote,
          })
        ).value,
      ),
    ).toContain(c);
    expect(
      cardText(
        (await invoke(chair, "caseAskReporter", { caseId: c, question: words.question })).value,
      ),
    ).toContain(c);
    const questionId = (await t.app.services.store.collection(misuseCaseKind).get(c))!.data
      .questions[0]!.id;
    expect(
      (await invoke(reporter, "caseReply", { caseId: c, questionId, reply: words.reply })).type,
    ).toBe("application/vnd.microsoft.card.adaptive");
    expect(
      cardText(
        (
          await invoke(chair, "caseRequestRemoval", {
            caseId: c,
            memberEmail: remover.email,
            what: words.removal,
            deadline: "2026-11-20",
          })
        ).value,
      ),
    ).toContain(c);
    const stored = (await t.app.services.store.collection(misuseCaseKind).get(c))!.data;
    expect(stored).toMatchObject({
      sharedWith: [sharedWith.aadObjectId],
      removals: [expect.objectContaining({ memberId: remover.aadObjectId })],
    });
  });
  afterAll(async () => t.stop());

  const exportOf = async (p: Person) => {
    const data = await collectPersonalData(
      t.app.services,
      p.aadObjectId,
      p,
      clock.now().toISOString(),
    );
    // The reports module's sections (typed by name only, like every module's).
    const sections = data as unknown as {
      misuseCases: unknown[];
      caseActions: { action: string }[];
    };
    return { data: sections, json: JSON.stringify(data) };
  };

  test.each([
    ["the reporter", () => reporter],
    ["the Headteacher it concerns", () => head],
    ["the Chair who handles it", () => chair],
    ["the colleague it was shared with", () => sharedWith],
    ["the member asked to remove a posting", () => remover],
    ["a bystander", () => bystander],
  ])("when %s is exported, then nobody else's id and no share note is in it", async (_who, who) => {
    const person = who();
    const { json } = await exportOf(person);
    for (const other of roster.filter((p) => p.aadObjectId !== person.aadObjectId))
      expect(json).not.toContain(other.aadObjectId);
    expect(json).not.toContain(words.shareNote);
    if (person !== reporter) {
      for (const secret of [reporter.displayName, reporter.email, words.question, words.reply])
        expect(json).not.toContain(secret);
    }
  });

  test("when the reporter is exported, then they get their report, the question put to them and their reply", async () => {
    const { data } = await exportOf(reporter);
    expect(data.misuseCases).toEqual([
      expect.objectContaining({
        role: "reporter",
        submission: expect.objectContaining({ whatWasSeen: words.report }),
        questions: [expect.objectContaining({ question: words.question, reply: words.reply })],
      }),
    ]);
  });

  test("when the Headteacher it concerns is exported, then they get what was reported and not who reported it or the questions", async () => {
    const { data } = await exportOf(head);
    expect(data.misuseCases).toEqual([
      expect.objectContaining({
        role: "subject",
        submission: expect.objectContaining({ whatWasSeen: words.report }),
        questions: [],
      }),
    ]);
  });

  test("when the member only asked to remove a posting is exported, then they get their removal request and nothing of the report", async () => {
    const { data, json } = await exportOf(remover);
    expect(data.misuseCases).toEqual([
      {
        reference: "R-2026-0001",
        role: "asked to remove a posting",
        removalRequests: [expect.objectContaining({ what: words.removal, confirmedAt: null })],
      },
    ]);
    for (const secret of [words.report, 'Instagram","when', "headteacher"])
      expect(json).not.toContain(secret);
  });

  test("when the Chair is exported, then their actions on the case are there without the colleague's id", async () => {
    const { data } = await exportOf(chair);
    expect(data.caseActions.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        "shared the case with a colleague",
        "asked the reporter a question",
        "asked for a posting to be removed",
      ]),
    );
    expect(data.misuseCases).toEqual([]);
  });
});
