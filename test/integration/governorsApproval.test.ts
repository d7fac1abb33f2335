import fs from "node:fs";
import { publishVersion } from "../../src/features/acknowledgements/publishVersion";
import { collectPersonalData } from "../../src/cli/personalData";
import type { Person } from "../../src/domain/people/person";
import { policyDraftKind } from "../../src/features/governorsApproval/draftRecords";
import { installActivity, personalConversationId, post } from "../support/activities";
import { cardText } from "../support/connectorRecorder";
import { invokeAs, startAppUnderTest, TestClock, type AppUnderTest } from "../support/inProcessApp";
import { personWith } from "../support/sampleRoster";

/*
 * Governors approve changes before they take effect, through the running bot: the owner's new
 * version waits as a draft; publishing it without the recorded approval is refused; the Chair
 * records the approval on their card and it is published with the month's notice; the front
 * page then says who approved it and when.
 */
const bundled = fs.readFileSync("assets/policy/staff-social-media-policy.md", "utf8");
const text = (extra: string) =>
  `${bundled.slice(bundled.indexOf("## Introduction"))}\n\n## ${extra}\n\nStaff must not paste pupils' personal data into ${extra}.\n`;

describe("the governors' approval of a new version", () => {
  const clock = new TestClock();
  let t: AppUnderTest;
  const owner = personWith("aht-digital");
  const head = personWith("headteacher");
  const chair = personWith("chair-of-governors");
  const teacher = personWith("staff");
  const invoke = (who: Person, verb: string, data: Record<string, unknown>) =>
    invokeAs(t, who, verb, data);
  const inbox = async (who: Person) => {
    await t.app.outboxWorker.drain();
    return t.connector.texts(personalConversationId(who.aadObjectId)).join("\n");
  };
  const draft = async (label: string) =>
    (await t.app.services.store.collection(policyDraftKind).get(label))?.data;
  const today = () => clock.now().toISOString().slice(0, 10);

  beforeAll(async () => {
    clock.set("2026-11-02T09:00:00Z");
    t = await startAppUnderTest(
      { OUTBOX_POLL_MS: "60000", SCHEDULE_TICK_MS: "3600000", OUTBOX_RATE_PER_SECOND: "50" },
      clock,
    );
    for (const p of [owner, head, chair, teacher])
      await post(t.app.url, installActivity(p, t.connector.url));
    await t.app.scheduler.runOnce();
    await t.app.outboxWorker.drain();
    t.connector.clear();
  });
  afterAll(async () => t.stop());

  test("when the owner sends a new version, then it waits for the governors: the Chair gets the card, staff get nothing", async () => {
    const r = await invoke(owner, "publishPolicy", {
      label: "2026.12",
      effectiveFrom: "2026-12-02",
      summary: "Adds AI tools.",
      text: text("AI tools"),
    });
    expect(cardText(r.value)).toContain("Waiting for the governors' approval");
    expect(cardText(r.value)).toContain("Added");
    const chairs = await inbox(chair);
    expect(chairs).toContain("Record the governors' approval");
    expect(chairs).toContain("AI tools");
    expect(await inbox(teacher)).toBe("");
    expect(await t.app.services.policyVersions.get("2026.12")).toBeUndefined();
  });

  test("when anyone publishes it before the governors' approval is recorded, then it is refused and nothing is published", async () => {
    for (const who of [owner, head]) {
      expect(
        await publishVersion(t.app.services, who, {
          label: "2026.12",
          effectiveFrom: "2026-12-02",
        }),
      ).toMatchObject({ ok: false, code: "PUBLISH.NOT_APPROVED" });
      expect(
        String(
          (
            await invoke(who, "policyPublishApproved", {
              label: "2026.12",
              effectiveFrom: "2026-12-02",
            })
          ).value,
        ),
      ).toMatch(/record their approval of this draft first/);
    }
    expect(
      await publishVersion(t.app.services, owner, {
        label: "never-drafted",
        effectiveFrom: "2026-12-02",
      }),
    ).toMatchObject({ ok: false, code: "PUBLISH.NOT_APPROVED" });
    expect(await t.app.services.policyVersions.get("2026.12")).toBeUndefined();
  });

  test("when someone other than the Chair, or a stale card, records the approval, then it is refused and the draft is unchanged", async () => {
    const before = JSON.stringify(await draft("2026.12"));
    for (const [who, data] of [
      [head, { label: "2026.12", revision: 1 }],
      [owner, { label: "2026.12", revision: 1 }],
      [teacher, { label: "2026.12", revision: 1 }],
      [chair, { label: "2026.12", revision: 4 }],
      [chair, { label: "2099.99", revision: 1 }],
    ] as const) {
      const r = await invoke(who, "policyGovernorsApprove", {
        ...data,
        approvalBody: "LGB",
        approvalMeeting: "Autumn",
        approvalDate: today(),
      });
      expect(r.type).toBe("application/vnd.microsoft.activity.message");
    }
    const future = await invoke(chair, "policyGovernorsApprove", {
      label: "2026.12",
      revision: 1,
      approvalBody: "LGB",
      approvalMeeting: "Autumn",
      approvalDate: "2026-12-25",
    });
    expect(String(future.value)).toMatch(/in the future/);
    expect(JSON.stringify(await draft("2026.12"))).toBe(before);
  });

  test("when the Chair records it after the proposed date stopped giving a month's notice, then it is approved but not published, and the owner publishes on a later date", async () => {
    clock.set("2026-11-05T18:00:00Z");
    t.connector.clear();
    const r = await invoke(chair, "policyGovernorsApprove", {
      label: "2026.12",
      revision: 1,
      approvalBody: "LGB",
      approvalMeeting: "Autumn term meeting",
      approvalDate: "2026-11-04",
    });
    expect(cardText(r.value)).toContain("Approved by the governors: not yet published");
    expect(await t.app.services.policyVersions.get("2026.12")).toBeUndefined();
    expect(await inbox(owner)).toContain("Publish and notify staff");
    // The notice period is still enforced: 2 December is less than a month from 5 November.
    expect(
      String(
        (
          await invoke(owner, "policyPublishApproved", {
            label: "2026.12",
            effectiveFrom: "2026-12-02",
          })
        ).value,
      ),
    ).toMatch(/earliest effective date is 2026-12-05/);
    expect(
      String(
        (
          await invoke(teacher, "policyPublishApproved", {
            label: "2026.12",
            effectiveFrom: "2026-12-07",
          })
        ).value,
      ),
    ).toMatch(/Only the policy owner/);
    t.connector.clear();
    const published = await invoke(owner, "policyPublishApproved", {
      label: "2026.12",
      effectiveFrom: "2026-12-07",
    });
    expect(cardText(published.value)).toContain("Version 2026.12 published");
    const notice = await inbox(teacher);
    expect(notice).toContain("A new version of the Staff Social Media Policy");
    expect(notice).toContain("Added: AI tools");
    expect((await draft("2026.12"))?.status).toBe("published");
  });

  test("when the version is published, then its front page says who approved it and when, whatever the file claimed", async () => {
    const page = await (await fetch(`${t.app.url}/policy/2026.12`)).text();
    expect(page).toContain("Approved by LGB (Autumn term meeting) on 2026-11-04.");
    expect(page).not.toContain("Approved by LGB on 2024-06-26");
    expect((await t.app.services.policyVersions.get("2026.12"))?.document.meta).toMatchObject({
      approvedBy: "LGB (Autumn term meeting)",
      approvedOn: "2026-11-04",
    });
  });

  test("when the approval trail is opened on the dashboard, then the owner and the Chair see it and a teacher is refused", async () => {
    const api = async (who: Person) => {
      const response = await fetch(`${t.app.url}/api/tab/policy/approval-trail`, {
        headers: { "x-local-user": who.aadObjectId },
      });
      return { status: response.status, body: await response.text() };
    };
    for (const who of [owner, chair, head]) {
      const r = await api(who);
      expect(r.status).toBe(200);
      expect(r.body).toContain("Approved by LGB on 2026-11-04 (Autumn term meeting)");
    }
    expect((await api(teacher)).status).toBe(403);
  });

  test("when the owner and the Chair ask for their personal data, then the draft they prepared and the approval they recorded are in it", async () => {
    const of = async (p: Person) =>
      (await collectPersonalData(t.app.services, p.aadObjectId, p, "now")) as unknown as Record<
        string,
        unknown[]
      >;
    expect((await of(owner)).policyDraftsPrepared).toHaveLength(1);
    expect((await of(chair)).governorsApprovalsRecorded).toEqual([
      expect.objectContaining({ label: "2026.12", body: "LGB", date: "2026-11-04" }),
    ]);
  });
});
