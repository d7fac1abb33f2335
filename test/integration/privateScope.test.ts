import path from "node:path";
import Database from "better-sqlite3";
import { CASE_VERBS } from "../../src/features/reports/cards/reportVerbs";
import { POST_VERBS } from "../../src/features/posts/cards/postVerbs";
import { installActivity, invokeActivity, messageActivity, post } from "../support/activities";
import { cardText } from "../support/connectorRecorder";
import { startAppUnderTest, TestClock, type AppUnderTest } from "../support/inProcessApp";
import { personWith } from "../support/sampleRoster";

/*
 * Reports and cases stay in private chat: a card action from a group chat or a channel is
 * refused on both paths (Action.Execute invokes and the Action.Submit message fallback), changes
 * nothing, and nothing confidential is posted where colleagues can read it.
 */
describe("reports and case actions outside a private chat", () => {
  const clock = new TestClock();
  let t: AppUnderTest;
  const teacher = personWith("staff");
  const head = personWith("headteacher");
  const words = "A colleague shared a photo of pupils on their own Instagram.";
  const report = {
    kind: "misuse",
    whatWasSeen: words,
    where: "Instagram",
    when: "Yesterday",
    concerns: "pupil",
    rules: "",
    urgent: "false",
    evidence: "",
  };
  const shared = {
    groupChat: {
      id: "19:staffroom@thread.v2",
      conversationType: "groupChat",
      tenantId: "tenant-1",
    },
    channel: {
      id: "19:announcements@thread.tacv2",
      conversationType: "channel",
      tenantId: "tenant-1",
    },
  } as const;

  beforeAll(async () => {
    clock.set("2026-11-02T09:00:00Z");
    t = await startAppUnderTest({ OUTBOX_POLL_MS: "60000", SCHEDULE_TICK_MS: "3600000" }, clock);
    for (const p of [teacher, head]) await post(t.app.url, installActivity(p, t.connector.url));
    // One real case, made in private, for the case verbs to aim at.
    const receipt = await post(
      t.app.url,
      invokeActivity(teacher, t.connector.url, CASE_VERBS.submit, report),
    );
    expect(cardText((receipt.body as { value: unknown }).value)).toContain("R-2026-0001 received");
    await t.app.outboxWorker.drain();
  });
  afterAll(async () => t.stop());

  function records(): string {
    const db = new Database(path.join(t.dataDir, "policy-bot.sqlite"), { readonly: true });
    try {
      const tables = db
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB 'rec_*' AND name != 'rec_conversationReferences' ORDER BY name",
        )
        .all() as { name: string }[];
      return JSON.stringify(
        tables.map(({ name }) => [
          name,
          db.prepare(`SELECT id, version FROM ${name} ORDER BY id`).all(),
        ]),
      );
    } finally {
      db.close();
    }
  }

  const cases: [string, typeof teacher, string, Record<string, unknown>][] = [
    ["a report", teacher, CASE_VERBS.submit, report],
    ["an acknowledgement", head, CASE_VERBS.acknowledge, { caseId: "R-2026-0001" }],
    [
      "a question to the reporter",
      head,
      CASE_VERBS.ask,
      { caseId: "R-2026-0001", question: "Is it still up?" },
    ],
    [
      "a share",
      head,
      CASE_VERBS.share,
      { caseId: "R-2026-0001", email: personWith("aht-digital").email, reason: "policy advice" },
    ],
    [
      "a closure",
      head,
      CASE_VERBS.close,
      { caseId: "R-2026-0001", outcome: "advice", note: "Spoke to them." },
    ],
    [
      "a post proposal",
      teacher,
      POST_VERBS.submit,
      { text: "Sports day!", accounts: "Facebook", intendedDate: "2026-12-01", imageLinks: "" },
    ],
  ];

  for (const [where, conversation] of Object.entries(shared)) {
    test.each(cases)(
      `when %s is sent from a ${where} as Action.Execute, then it is refused and nothing changes`,
      async (_what, who, verb, data) => {
        const before = records();
        t.connector.clear();
        const { status, body } = await post(t.app.url, {
          ...invokeActivity(who, t.connector.url, verb, data),
          conversation,
        });
        expect(status).toBe(200);
        expect(body).toMatchObject({
          type: "application/vnd.microsoft.activity.message",
          value: expect.stringMatching(/private chat/),
        });
        expect(records()).toBe(before);
        await t.app.outboxWorker.drain();
        expect(t.connector.activities).toEqual([]);
      },
    );

    test.each(cases)(
      `when %s is sent from a ${where} as Action.Submit, then it is refused and nothing confidential is posted there`,
      async (_what, who, verb, data) => {
        const before = records();
        t.connector.clear();
        const activity = {
          ...messageActivity(who, t.connector.url, ""),
          conversation,
          value: { verb, ...data },
        };
        expect((await post(t.app.url, activity)).status).toBe(200);
        expect(records()).toBe(before);
        await t.app.outboxWorker.drain();
        const inShared = t.connector.activities.filter((a) => a.conversationId === conversation.id);
        expect(t.connector.cards(conversation.id)).toEqual([]);
        expect(
          inShared.map((a) => JSON.stringify([a.body.text, a.body.attachments])).join("\n"),
        ).not.toMatch(new RegExp(`${words}|R-2026-0001|${teacher.displayName}`));
        expect(t.connector.texts(conversation.id).join("\n")).toMatch(/private chat/);
        expect(t.connector.activities.filter((a) => a.conversationId !== conversation.id)).toEqual(
          [],
        );
      },
    );
  }
});
