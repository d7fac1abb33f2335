import { mediaEnquiryKind, writtenApprovalKind } from "../../src/features/reports/mediaEnquiries";
import { caseAuditKind } from "../../src/features/reports/caseRecords";
import { findAll } from "../../src/store/findAll";
import { cardText } from "../support/connectorRecorder";
import {
  installActivity,
  messageActivity,
  personalConversationId,
  post,
} from "../support/activities";
import { invokeAs, startAppUnderTest, TestClock, type AppUnderTest } from "../support/inProcessApp";
import { personWith } from "../support/sampleRoster";

describe("media enquiries through the bot", () => {
  const clock = new TestClock();
  let t: AppUnderTest;
  const teacher = personWith("staff");
  const head = personWith("headteacher");
  const aht = personWith("aht-publicity");
  const enquiry = {
    caller: "Sam Reed, 01632 960000",
    outlet: "Northfield Gazette",
    question: "Can you comment on the new uniform policy?",
    deadline: "2026-12-03",
  };
  const invoke = (
    who: { aadObjectId: string; displayName: string },
    verb: string,
    data: Record<string, unknown>,
  ) => invokeAs(t, who, verb, data);
  const chat = (who: { aadObjectId: string }) =>
    t.connector.texts(personalConversationId(who.aadObjectId)).join("\n");

  beforeAll(async () => {
    clock.set("2026-12-01T10:00:00Z");
    t = await startAppUnderTest({ OUTBOX_POLL_MS: "60000", SCHEDULE_TICK_MS: "3600000" }, clock);
    for (const p of [teacher, head, aht])
      await post(t.app.url, installActivity(p, t.connector.url));
    await t.app.outboxWorker.drain();
  });
  afterAll(async () => t.stop());
  beforeEach(() => t.connector.clear());

  test("when a teacher types media enquiry, then they get the short form, not the misuse form", async () => {
    await post(t.app.url, messageActivity(teacher, t.connector.url, "media enquiry"));
    const form = JSON.stringify(t.connector.cards(personalConversationId(teacher.aadObjectId)));
    expect(form).toContain("Pass on a media enquiry");
    expect(form).toContain("Which newspaper, station or site");
    expect(form).not.toMatch(/rules of the policy|Evidence|Request removal/);
    // The misuse form no longer offers a media enquiry as a kind of report.
    await post(t.app.url, messageActivity(teacher, t.connector.url, "report"));
    expect(
      JSON.stringify(t.connector.cards(personalConversationId(teacher.aadObjectId)).at(-1)),
    ).not.toContain("A media enquiry");
  });

  test("when a teacher passes on an enquiry, then only the Headteacher gets its own card, and the teacher is told not to respond yet", async () => {
    const receipt = await invoke(teacher, "mediaEnquirySubmit", enquiry);
    expect(cardText(receipt.value)).toMatch(
      /Media enquiry M-2026-0001 passed on to the Headteacher[\s\S]*do not respond/i,
    );
    await t.app.outboxWorker.drain();
    const card = chat(head);
    expect(card).toContain("Media enquiry M-2026-0001");
    expect(card).toContain("Outlet: Northfield Gazette");
    expect(card).toContain("Their deadline: 3 December 2026");
    expect(card).toContain("Approve a reply");
    expect(card).not.toContain("Request removal");
    expect(chat(aht)).toBe("");
  });

  test("when someone other than the Headteacher, or no words, then nothing is decided", async () => {
    expect(
      String(
        (
          await invoke(aht, "mediaEnquiryApprove", {
            enquiryId: "M-2026-0001",
            approvedWords: "Fine",
          })
        ).value,
      ),
      // Not passed to them: the answer a missing enquiry gets (test/integration/caseOracle).
    ).toMatch(/no media enquiry with that reference that you can see/);
    expect(
      String(
        (
          await invoke(head, "mediaEnquiryApprove", {
            enquiryId: "M-2026-0001",
            approvedWords: " ",
          })
        ).value,
      ),
    ).toMatch(/written approval/);
    expect((await findAll(t.app.services.store.collection(writtenApprovalKind))).length).toBe(0);
  });

  test("when the Headteacher approves a reply, then a written approval is recorded with the words, the teacher gets it in writing, and it is audited", async () => {
    clock.set("2026-12-01T14:05:00Z");
    const r = await invoke(head, "mediaEnquiryApprove", {
      enquiryId: "M-2026-0001",
      approvedWords: "The school consulted parents and will share details in the newsletter.",
    });
    expect(cardText(r.value)).toContain(
      "Reply approved in writing by Helen Carter on 1 December 2026, 14:05",
    );
    const [approval] = (await findAll(t.app.services.store.collection(writtenApprovalKind))).map(
      (x) => x.data,
    );
    expect(approval).toMatchObject({
      kind: "mediaReply",
      reference: "M-2026-0001",
      grantedTo: teacher.aadObjectId,
      grantedBy: head.aadObjectId,
      wording: "The school consulted parents and will share details in the newsletter.",
    });
    const [stored] = (await findAll(t.app.services.store.collection(mediaEnquiryKind))).map(
      (x) => x.data,
    );
    expect(stored!.decision).toMatchObject({ approved: true, writtenApprovalId: approval!.id });
    await t.app.outboxWorker.drain();
    expect(chat(teacher)).toMatch(
      /Written approval to reply to Northfield Gazette \(M-2026-0001\)[\s\S]*Helen Carter, Headteacher, approved on 1 December 2026, 14:05 that you may reply with: The school consulted parents/,
    );
    const audit = (
      await findAll(t.app.services.store.collection(caseAuditKind), {
        where: { caseReference: "M-2026-0001" },
      })
    ).map((a) => a.data.action);
    // With the Assistant Headteacher's refused attempt above.
    expect(audit.sort()).toEqual(
      [
        "media enquiry passed on",
        "read refused",
        `reply approved in writing (${approval!.id})`,
      ].sort(),
    );
    expect(
      String(
        (
          await invoke(head, "mediaEnquiryDecline", {
            enquiryId: "M-2026-0001",
            declineReason: "Changed my mind",
          })
        ).value,
      ),
    ).toMatch(/already been answered/);
  });

  test("when the Headteacher declines, then no written approval exists and the teacher is told not to respond", async () => {
    await invoke(teacher, "mediaEnquirySubmit", { ...enquiry, deadline: "" });
    await invoke(head, "mediaEnquiryDecline", {
      enquiryId: "M-2026-0002",
      declineReason: "Tell them the school does not comment on staffing.",
    });
    await t.app.outboxWorker.drain();
    expect(chat(teacher)).toMatch(
      /Do not respond to Northfield Gazette \(M-2026-0002\)[\s\S]*does not comment on staffing/,
    );
    expect((await findAll(t.app.services.store.collection(writtenApprovalKind))).length).toBe(1);
  });
});
