import { proposePost } from "../../src/features/posts/postApprovals";
import { collectPersonalData } from "../../src/cli/personalData";
import type { Person } from "../../src/domain/people/person";
import type { PostContent } from "../../src/domain/posts/postProposal";
import { permissionKind } from "../../src/features/permissions/permissionRecords";
import {
  noticeExpiredPermissions,
  purgeEndedPermissions,
  remindPhotoDeletion,
} from "../../src/features/permissions/writtenPermissions";
import type { TabSession } from "../../src/http/tabApiContract";
import { outboxKind } from "../../src/outbox/outboxMessage";
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
 * The written permissions register through the running bot: a teacher asks a colleague's
 * permission to post a photo of them, the colleague consents on their own card, and the post
 * card then says the permission is in place; device photos are chased until confirmed deleted;
 * everything is in the subject access export and the dashboard register.
 */
describe("written permissions through the bot", () => {
  const clock = new TestClock();
  let t: AppUnderTest;
  const plain = sampleRoster().filter((p) => p.roles.length === 1 && p.roles[0] === "staff");
  const teacher = plain[0]!;
  const colleague = plain[1]!;
  const other = plain[2]!;
  const head = personWith("headteacher");
  const publicity = personWith("aht-publicity");
  const invoke = (who: Person, verb: string, data: Record<string, unknown>) =>
    invokeAs(t, who, verb, data);
  const say = (who: Person, text: string) => sayTo(t, who, text);
  const requests = async () =>
    (await findAll(t.app.services.store.collection(permissionKind))).map((r) => r.data);
  const inbox = async (who: Person) => {
    await t.app.outboxWorker.drain();
    return t.connector.texts(personalConversationId(who.aadObjectId)).join("\n");
  };
  const ticked: PostContent["checklist"] = {
    parentalPermission: true,
    noIdentifyingInformation: true,
    positiveAndRelevant: true,
    approvedDevice: true,
    deletedFromPersonalDevice: true,
  };
  const photo = {
    kind: "relatedPerson",
    what: `A photo of ${colleague.displayName} running the science fair`,
    where: "Facebook",
    from: "2026-11-20",
    until: "2026-12-31",
    subjectType: "colleague",
    colleagueId: colleague.aadObjectId,
  };

  beforeAll(async () => {
    clock.set("2026-11-20T09:00:00Z");
    t = await startAppUnderTest({ OUTBOX_POLL_MS: "60000", SCHEDULE_TICK_MS: "3600000" }, clock);
    for (const p of [teacher, colleague, other, head, publicity])
      await post(t.app.url, installActivity(p, t.connector.url));
    await t.app.scheduler.runOnce();
    await t.app.outboxWorker.drain();
    t.connector.clear();
  });
  afterAll(async () => t.stop());

  test("when a teacher types ask permission, then the request card lists the kinds and their colleagues", async () => {
    const text = await say(teacher, "ask permission");
    expect(text).toContain("Ask for written permission");
    expect(text).toContain(colleague.displayName);
    expect(text).toContain(
      "Take photos for social media on a device that does not belong to the School",
    );
  });

  test.each([
    ["no colleague", { ...photo, colleagueId: "" }, /not on the staff roster/],
    [
      "someone not on the roster",
      { ...photo, colleagueId: "00000000-0000-0000-0000-000000000000" },
      /not on the staff roster/,
    ],
    ["an ended period", { ...photo, from: "2026-10-01", until: "2026-10-31" }, /already ended/],
    ["no where", { ...photo, where: "" }, /where/],
  ])(
    "when the request has %s, then it is refused and nothing is stored",
    async (_n, data, reason) => {
      const r = await invoke(teacher, "permissionRequest", data);
      expect(r.type).toBe("application/vnd.microsoft.activity.message");
      expect(String(r.value)).toMatch(reason);
      expect(await requests()).toEqual([]);
    },
  );

  test("when the teacher asks, then the colleague gets their own card to consent and the teacher sees it waiting", async () => {
    const r = await invoke(teacher, "permissionRequest", photo);
    expect(cardText(r.value)).toContain("Waiting for a decision");
    t.connector.clear();
    const theirs = await inbox(colleague);
    expect(theirs).toContain("I consent");
    expect(theirs).toContain("running the science fair");
    // The Headteacher does not decide a colleague's consent, and gets no card for it.
    expect(await inbox(head)).not.toContain("running the science fair");
  });

  test("when someone other than the colleague tries to consent, or the card is stale, then it is refused and nothing changes", async () => {
    const [p] = await requests();
    const before = JSON.stringify(await requests());
    for (const [who, data] of [
      [head, { requestId: p!.id, revision: 1 }],
      [teacher, { requestId: p!.id, revision: 1 }],
      [other, { requestId: p!.id, revision: 1 }],
      [colleague, { requestId: p!.id, revision: 5 }],
      [colleague, { requestId: "WP-nothere", revision: 1 }],
    ] as const) {
      expect((await invoke(who, "permissionApprove", data)).type).toBe(
        "application/vnd.microsoft.activity.message",
      );
    }
    expect(JSON.stringify(await requests())).toBe(before);
  });

  test("when the colleague consents on their own card, then the teacher is told and a post naming them shows the permission in place", async () => {
    const [p] = await requests();
    t.connector.clear();
    const r = await invoke(colleague, "permissionApprove", {
      requestId: p!.id,
      revision: 1,
      approveReason: "Happy for this one",
    });
    expect(cardText(r.value)).toContain("In place");
    expect(await inbox(teacher)).toContain(`${colleague.displayName} consented`);
    t.connector.clear();
    const proposed = await proposePost(
      t.app.services,
      t.app.services.posts,
      teacher,
      {
        text: `Thank you ${colleague.displayName} for a brilliant science fair!`,
        accounts: ["Facebook"],
        intendedDate: "2026-11-25",
        imageLinks: [],
        checklist: ticked,
      },
      "Checked.",
    );
    expect(proposed.ok && proposed.value.post).toBeTruthy();
    const approvers = await inbox(publicity);
    expect(approvers).toContain(
      `Permission in place: ${colleague.displayName}'s written permission`,
    );
  });

  test("when a post names a colleague who has not consented, then the approvers see the permission is missing", async () => {
    t.connector.clear();
    const proposed = await proposePost(
      t.app.services,
      t.app.services.posts,
      teacher,
      {
        text: `Congratulations ${other.displayName} on the marathon!`,
        accounts: ["Facebook"],
        intendedDate: "2026-11-25",
        imageLinks: [],
        checklist: ticked,
      },
      "Checked.",
    );
    expect(proposed.ok && proposed.value.post).toBeTruthy();
    expect(await inbox(head)).toContain(
      `No permission yet: ${other.displayName}'s written permission is needed`,
    );
  });

  test("when a device is approved, then the teacher is reminded each day until they confirm the photos were deleted", async () => {
    await invoke(teacher, "permissionRequest", {
      kind: "personalDevicePhotos",
      what: "Sports day photos on my phone",
      where: "School Facebook",
      from: "2026-11-21",
      until: "2026-11-21",
    });
    const device = (await requests()).find((x) => x.kind === "personalDevicePhotos")!;
    expect(
      (await invoke(other, "permissionApprove", { requestId: device.id, revision: 1 })).type,
    ).toBe("application/vnd.microsoft.activity.message");
    expect(
      cardText(
        (await invoke(publicity, "permissionApprove", { requestId: device.id, revision: 1 })).value,
      ),
    ).toContain("not yet confirmed");
    expect(await remindPhotoDeletion(t.app.services)).toBe(0); // before the day
    clock.set("2026-11-21T16:00:00Z");
    expect(await remindPhotoDeletion(t.app.services)).toBe(1);
    expect(await remindPhotoDeletion(t.app.services)).toBe(0); // once a day
    clock.set("2026-11-22T16:00:00Z");
    expect(await remindPhotoDeletion(t.app.services)).toBe(1);
    t.connector.clear();
    expect(await inbox(teacher)).toContain("I have deleted the photos from my device");
    expect(
      cardText(
        (await invoke(teacher, "permissionConfirmDeletion", { requestId: device.id })).value,
      ),
    ).toContain("confirmed on 2026-11-22");
    clock.set("2026-11-23T16:00:00Z");
    expect(await remindPhotoDeletion(t.app.services)).toBe(0);
    // Its one day has passed: the teacher is told once that it expired.
    expect(await noticeExpiredPermissions(t.app.services)).toBe(1);
    expect(await noticeExpiredPermissions(t.app.services)).toBe(0);
    expect(await inbox(teacher)).toContain("A written permission has expired");
  });

  test("when the colleague withdraws their consent, then the teacher is told and the register no longer lists it in force", async () => {
    const p = (await requests()).find((x) => x.kind === "relatedPerson")!;
    t.connector.clear();
    expect(
      cardText(
        (
          await invoke(colleague, "permissionWithdraw", {
            requestId: p.id,
            withdrawReason: "Changed my mind",
          })
        ).value,
      ),
    ).toContain("Withdrawn");
    expect(await inbox(teacher)).toContain(`${colleague.displayName} withdrew the permission`);
    expect(await say(teacher, "my permissions")).toMatch(/running the science fair.*withdrawn/);
  });

  test("when the register is opened on the dashboard, then deciders see it and plain staff are refused", async () => {
    const api = async (who: Person, path: string) => {
      const response = await fetch(`${t.app.url}/api/tab${path}`, {
        headers: { "x-local-user": who.aadObjectId },
      });
      return { status: response.status, json: (await response.json()) as Record<string, unknown> };
    };
    await invoke(teacher, "permissionRequest", {
      kind: "brandOrConfidential",
      what: "The crest on the sports day banner",
      where: "School website",
      from: "2026-11-23",
      until: "2026-12-01",
    });
    const session = (await api(head, "/session")).json as unknown as TabSession;
    const panel = session.panels.find((p) => p.id === "writtenPermissions");
    expect(panel?.table?.columns.map((c) => c.key)).toContain("standing");
    const rows = await api(head, "/permissions/register");
    expect(rows.status).toBe(200);
    expect(JSON.stringify(rows.json)).toContain("The crest on the sports day banner");
    expect(JSON.stringify(rows.json)).toContain("waiting for a decision");
    expect(JSON.stringify(rows.json)).not.toContain("Changed my mind");
    // Approved and ending within a fortnight: the register says it is expiring.
    await invoke(other, "permissionRequest", {
      kind: "brandOrConfidential",
      what: "The crest on the concert programme",
      where: "School website",
      from: "2026-11-23",
      until: "2026-12-01",
    });
    const programme = (await requests()).find(
      (x) => x.what === "The crest on the concert programme",
    )!;
    await invoke(head, "permissionApprove", { requestId: programme.id, revision: 1 });
    const register = JSON.stringify((await api(head, "/permissions/register")).json);
    expect(register).toMatch(
      /The crest on the concert programme[^}]*"standing":"in place, expiring soon"/,
    );
    expect(register).toMatch(
      /The crest on the sports day banner[^}]*"standing":"waiting for a decision"/,
    );
    expect((await api(teacher, "/permissions/register")).status).toBe(403);
  });

  test("when a subject access export is made, then the requester's requests and the colleague's consents are in it", async () => {
    const at = new Date().toISOString();
    const sections = async (p: Person) =>
      (await collectPersonalData(t.app.services, p.aadObjectId, p, at)) as unknown as Record<
        string,
        { kind?: string }[]
      >;
    const mine = await sections(teacher);
    expect(mine.permissionsRequested!.map((p) => p.kind).sort()).toEqual([
      "brandOrConfidential",
      "personalDevicePhotos",
      "relatedPerson",
    ]);
    const theirs = await sections(colleague);
    expect(theirs.permissionsAboutYou).toHaveLength(1);
    expect(JSON.stringify(theirs.permissionsAboutYou)).not.toContain(teacher.aadObjectId);
    const decider = await sections(publicity);
    expect(decider.permissionDecisions).toHaveLength(1);
  });

  test("when the retention period has passed since a permission ended, then it is purged; one still running is kept", async () => {
    clock.set("2028-01-05T09:00:00Z");
    const before = await requests();
    expect(await purgeEndedPermissions(t.app.services, 365)).toBe(3);
    const left = await requests();
    expect(left.map((p) => p.kind)).toEqual(["brandOrConfidential"]);
    expect(before).toHaveLength(4);
    // A message record of the decisions stays in the outbox log: delivery state only.
    expect(
      (
        await findAll(t.app.services.store.collection(outboxKind), {
          where: { purpose: "permissionDecision" },
        })
      ).length,
    ).toBeGreaterThan(0);
  });
});
