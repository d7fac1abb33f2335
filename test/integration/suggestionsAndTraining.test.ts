import type { Person } from "../../src/domain/people/person";
import { permissionKind } from "../../src/features/permissions/permissionRecords";
import { suggestionKind } from "../../src/features/suggestions/suggestionRecords";
import { trainingRecordKind } from "../../src/features/training/trainingRecords";
import { findAll } from "../../src/store/findAll";
import { installActivity, personalConversationId, post } from "../support/activities";
import { cardText } from "../support/connectorRecorder";
import {
  invokeAs,
  sayTo,
  startAppUnderTest,
  TestClock,
  type AppUnderTest,
} from "../support/inProcessApp";
import { personWith, sampleRoster } from "../support/sampleRoster";

/*
 * Staff suggestions for the review and training records, through the running bot: suggest (by
 * command and from the button under an answer), the owner answers, the suggester is told;
 * training recorded, who is due, case sharing warns, and a speaking-on-behalf approval that
 * waited for training comes into force.
 */
describe("suggestions for the review and training records", () => {
  const clock = new TestClock();
  let t: AppUnderTest;
  const roster = sampleRoster();
  const teacher = personWith("staff");
  const owner = personWith("aht-digital");
  const head = personWith("headteacher");
  const colleague = roster.filter((p) => p.roles.length === 1)[1]!;
  const invoke = (who: Person, verb: string, data: Record<string, unknown>) =>
    invokeAs(t, who, verb, data);
  const say = (who: Person, text: string) => sayTo(t, who, text);
  const inbox = async (who: Person) => {
    await t.app.outboxWorker.drain();
    return t.connector.texts(personalConversationId(who.aadObjectId)).join("\n");
  };
  const api = async (who: Person, path: string) => {
    const response = await fetch(`${t.app.url}/api/tab${path}`, {
      headers: { "x-local-user": who.aadObjectId },
    });
    return { status: response.status, body: await response.text() };
  };
  const suggestions = async () =>
    (await findAll(t.app.services.store.collection(suggestionKind))).map((r) => r.data);

  beforeAll(async () => {
    clock.set("2026-11-02T09:00:00Z");
    t = await startAppUnderTest({ OUTBOX_POLL_MS: "60000", SCHEDULE_TICK_MS: "3600000" }, clock);
    for (const p of [teacher, owner, head, colleague])
      await post(t.app.url, installActivity(p, t.connector.url));
    await t.app.scheduler.runOnce();
    await t.app.outboxWorker.drain();
    t.connector.clear();
  });
  afterAll(async () => t.stop());

  test("when a teacher types suggest with a suggestion, then it is recorded for the review and the policy owner gets a card to answer it", async () => {
    expect(await say(teacher, "suggest Add a section on AI image generators")).toContain(
      "Suggestion recorded for the review",
    );
    t.connector.clear();
    expect(await inbox(owner)).toContain("Add a section on AI image generators");
    expect((await suggestions())[0]).toMatchObject({
      suggesterId: teacher.aadObjectId,
      status: "open",
      policyVersion: "2024.07",
    });
  });

  test("when a policy answer is shown, then a button under it opens the suggestion form, and sending it records the suggestion", async () => {
    expect(await say(teacher, "Can I post photos of pupils on my own Instagram?")).toContain(
      "Suggest an addition",
    );
    expect(cardText((await invoke(teacher, "suggestionOpen", {})).value)).toContain(
      "Suggest an addition for the policy's review",
    );
    expect(String((await invoke(teacher, "suggestionSubmit", { text: "  " })).value)).toMatch(
      /Write the suggestion/,
    );
    expect(
      cardText(
        (
          await invoke(teacher, "suggestionSubmit", {
            text: "Say what to do about WhatsApp class groups",
          })
        ).value,
      ),
    ).toContain("Suggestion recorded");
    expect(await suggestions()).toHaveLength(2);
  });

  test("when the suggestion is answered, then only the owner or the Headteacher may, not adopted needs a reason, and the suggester is told", async () => {
    const [s] = (await suggestions()).filter((x) => x.text.startsWith("Add a section"));
    expect(
      String(
        (
          await invoke(teacher, "suggestionAnswer", {
            suggestionId: s!.id,
            outcome: "adopted",
            version: "2027.01",
          })
        ).value,
      ),
    ).toMatch(/Only the policy owner/);
    expect(
      String(
        (await invoke(owner, "suggestionAnswer", { suggestionId: s!.id, outcome: "notAdopted" }))
          .value,
      ),
    ).toMatch(/reason/);
    expect(
      String(
        (await invoke(owner, "suggestionAnswer", { suggestionId: s!.id, outcome: "adopted" }))
          .value,
      ),
    ).toMatch(/which version/);
    t.connector.clear();
    expect(
      cardText(
        (
          await invoke(owner, "suggestionAnswer", {
            suggestionId: s!.id,
            outcome: "adopted",
            version: "2027.01",
          })
        ).value,
      ),
    ).toContain("adopted in version 2027.01");
    expect(await inbox(teacher)).toContain("Your suggestion was adopted");
    expect(
      String(
        (await invoke(head, "suggestionAnswer", { suggestionId: s!.id, outcome: "considered" }))
          .value,
      ),
    ).toMatch(/already been answered/);
  });

  test("when the suggestions are opened on the dashboard, then the owner sees them with their outcome and a teacher is refused", async () => {
    const listed = await api(owner, "/suggestions");
    expect(listed.status).toBe(200);
    expect(listed.body).toContain("adopted in version 2027.01");
    expect(listed.body).toContain("waiting for the review");
    expect((await api(teacher, "/suggestions")).status).toBe(403);
  });

  test("when training is recorded, then only the Headteacher or the owner may, and the dashboard shows who is still due", async () => {
    const due = await api(head, "/training/due");
    expect(due.status).toBe(200);
    expect(due.body).toContain(head.displayName);
    expect(due.body).toContain("no training recorded");
    expect((await api(teacher, "/training/due")).status).toBe(403);
    const input = {
      personId: head.aadObjectId,
      topic: "administrationAndInvestigations",
      detail: "LA course",
      completedOn: "2026-10-01",
      validUntil: "2027-09-30",
    };
    expect(String((await invoke(teacher, "trainingRecord", input)).value)).toMatch(
      /Only the Headteacher or the policy owner/,
    );
    expect(
      String((await invoke(owner, "trainingRecord", { ...input, validUntil: "2026-09-01" })).value),
    ).toMatch(/cannot run out before/);
    expect(cardText((await invoke(owner, "trainingRecord", input)).value)).toContain(
      "valid until 2027-09-30",
    );
    const after = await api(head, "/training/due");
    expect(JSON.parse(after.body).items.map((r: { person: string }) => r.person)).not.toContain(
      head.displayName,
    );
  });

  test("when the Headteacher records one training for several people at once, then each has a record and a message, and a name not on the roster records no one", async () => {
    const records = async () =>
      (await findAll(t.app.services.store.collection(trainingRecordKind))).map((r) => r.data);
    const before = (await records()).length;
    const input = {
      topic: "safeguardingOnline",
      detail: "INSET day",
      completedOn: "2026-10-02",
      validUntil: "2027-10-01",
    };
    expect(
      String(
        (
          await invoke(head, "trainingRecord", {
            ...input,
            personId: `${teacher.aadObjectId},not-on-the-roster`,
          })
        ).value,
      ),
    ).toMatch(/not on the staff roster/);
    expect(await records()).toHaveLength(before);
    const done = cardText(
      (
        await invoke(head, "trainingRecord", {
          ...input,
          personId: `${teacher.aadObjectId},${colleague.aadObjectId}`,
        })
      ).value,
    );
    expect(done).toContain(`${teacher.displayName} and ${colleague.displayName}`);
    expect(done).toContain("valid until 2027-10-01");
    const recorded = (await records()).filter((r) => r.detail === "INSET day");
    expect(recorded.map((r) => r.personId).sort()).toEqual(
      [teacher.aadObjectId, colleague.aadObjectId].sort(),
    );
    for (const who of [teacher, colleague])
      expect(await inbox(who)).toContain("Your training is recorded");
  });

  test("when the Headteacher records training for whole groups, then the form offers the roster's groups and each member gets a record; a group the roster no longer has records no one", async () => {
    const records = async () =>
      (await findAll(t.app.services.store.collection(trainingRecordKind))).map((r) => r.data);
    const governors = roster.filter((p) => p.roles.some((r) => r.includes("governor")));
    const science = roster.filter((p) => p.department === "Science");
    const form = await say(head, "record training");
    // The department called Governors is the governors' group: offered once.
    expect(form).not.toContain("department:governors");
    expect(form).toContain(`Everyone the policy covers (${roster.length})`);
    expect(form).toContain(`All governors (${governors.length})`);
    expect(form).toContain(`Science (${science.length})`);
    const input = {
      topic: "safeguardingOnline",
      detail: "Governors' workshop",
      completedOn: "2026-10-03",
      validUntil: "2027-10-02",
    };
    const before = (await records()).length;
    for (const [data, refusal] of [
      [{ groups: "department:no-such-department" }, /no longer on the roster/],
      [{ personId: "", groups: "" }, /Choose who completed/],
      [{ groups: "Everyone,<b>" }, /group/],
    ] as const)
      expect(String((await invoke(head, "trainingRecord", { ...input, ...data })).value)).toMatch(
        refusal,
      );
    expect(await records()).toHaveLength(before);
    const done = cardText(
      (
        await invoke(head, "trainingRecord", {
          ...input,
          personId: science[0]!.aadObjectId,
          groups: "governors,department:science",
        })
      ).value,
    );
    expect(done).toContain("Training recorded");
    const recorded = (await records()).filter((r) => r.detail === "Governors' workshop");
    expect(recorded.map((r) => r.personId).sort()).toEqual(
      [...governors, ...science].map((p) => p.aadObjectId).sort(),
    );
  });

  test("when a case is shared with a colleague who has no current training, then the handler is warned", async () => {
    const report = {
      kind: "misuse",
      whatWasSeen: "A colleague shared a photo of pupils on their own Instagram.",
      where: "Instagram",
      when: "Yesterday evening",
      concerns: "colleague,pupil",
      subjectId: teacher.aadObjectId,
      rules: "h",
      urgent: "false",
      evidence: "",
    };
    expect(cardText((await invoke(colleague, "submitReport", report)).value)).toContain("received");
    const warned = cardText(
      (
        await invoke(head, "caseShare", {
          caseId: "R-2026-0001",
          email: owner.email,
          reason: "Advice on data protection.",
        })
      ).value,
    );
    expect(warned).toContain(`${owner.displayName} has no current training`);
    await invoke(head, "trainingRecord", {
      personId: colleague.aadObjectId,
      topic: "administrationAndInvestigations",
      completedOn: "2026-10-01",
      validUntil: "2027-09-30",
    });
    expect(
      cardText(
        (
          await invoke(head, "caseShare", {
            caseId: "R-2026-0001",
            email: colleague.email,
            reason: "Witness.",
          })
        ).value,
      ),
    ).not.toContain("has no current training");
  });

  test("when the Headteacher requires training before speaking on behalf of the School, then it waits for it and comes into force once recorded", async () => {
    await invoke(teacher, "permissionRequest", {
      kind: "speakingOnBehalf",
      what: "Run the school's sports day live updates",
      where: "School X account",
      from: "2026-11-10",
      until: "2027-07-31",
    });
    const [p] = (await findAll(t.app.services.store.collection(permissionKind))).map((r) => r.data);
    expect(
      cardText(
        (
          await invoke(head, "permissionApprove", {
            requestId: p!.id,
            revision: 1,
            trainingRequired: "speakingOnBehalf",
          })
        ).value,
      ),
    ).toContain("Waiting for training to be recorded");
    expect((await api(head, "/training/due")).body).toContain(
      "required by the Headteacher before speaking on behalf of the School",
    );
    t.connector.clear();
    expect(
      cardText(
        (
          await invoke(head, "trainingRecord", {
            personId: teacher.aadObjectId,
            topic: "speakingOnBehalf",
            completedOn: "2026-11-02",
            validUntil: "2027-11-01",
          })
        ).value,
      ),
    ).toContain("1 permission(s) waiting for it are now in force");
    expect(await inbox(teacher)).toContain("Your permission is now in force");
  });
});
