import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { askedQuestionKind } from "../../src/app/qa/records";
import { misuseCaseKind } from "../../src/features/reports/caseRecords";
import { postProposalKind } from "../../src/features/posts/postRecords";
import {
  messageActivity,
  invokeActivity,
  personalConversationId,
  post,
} from "../support/activities";
import { cardText } from "../support/connectorRecorder";
import { startAppUnderTest, TestClock, type AppUnderTest } from "../support/inProcessApp";
import { STAFF_PROTOCOL_TICKED } from "../support/postFixtures";
import { personWith } from "../support/sampleRoster";
import type { RecordKind } from "../../src/ports";

/*
 * Per-person limits on questions, reports and posts, counted in the store: a restart or a
 * second instance on the same store goes on counting, and the next hour starts afresh.
 */
jest.setTimeout(120_000);

describe("per-person rate limits", () => {
  const clock = new TestClock();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-bot-limits-"));
  const limits = {
    RATE_LIMIT_QUESTIONS_PER_HOUR: "3",
    RATE_LIMIT_REPORTS_PER_HOUR: "2",
    RATE_LIMIT_POSTS_PER_HOUR: "2",
  };
  const env = {
    DATA_DIR: dataDir,
    OUTBOX_POLL_MS: "60000",
    SCHEDULE_TICK_MS: "3600000",
    ...limits,
  };
  const teacher = personWith("staff");
  const running: AppUnderTest[] = [];
  const start = async () => {
    const t = await startAppUnderTest(env, clock);
    running.push(t);
    return t;
  };
  const stopApp = async (t: AppUnderTest) => {
    running.splice(running.indexOf(t), 1);
    // Not t.stop(): that removes the data folder the next instance opens.
    await t.app.stop();
    await t.connector.stop();
  };
  const count = async <T>(t: AppUnderTest, kind: RecordKind<T>) =>
    t.app.services.store.collection(kind).count();

  async function ask(t: AppUnderTest, question: string): Promise<string> {
    t.connector.clear();
    await post(t.app.url, messageActivity(teacher, t.connector.url, question));
    return t.connector.texts(personalConversationId(teacher.aadObjectId)).join("\n");
  }

  beforeAll(() => clock.set("2026-11-02T09:05:00Z"));
  afterAll(async () => {
    for (const t of [...running]) await stopApp(t);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test("when a person asks more questions in an hour than allowed, then the extra one is refused clearly, even after a restart and on a second instance", async () => {
    const first = await start();
    for (const n of [1, 2, 3])
      expect(await ask(first, `ask Can I post photo number ${n} of a school trip?`)).not.toMatch(
        /as many as I take/,
      );
    expect(await ask(first, "ask Can I post one more photo?")).toMatch(
      /You have sent 3 questions this hour, as many as I take: please wait/,
    );
    expect(await count(first, askedQuestionKind)).toBe(3);

    await stopApp(first);
    const restarted = await start();
    const second = await start();
    expect(await ask(restarted, "ask After a restart, can I post?")).toMatch(/as many as I take/);
    expect(await ask(second, "ask On another instance, can I post?")).toMatch(/as many as I take/);
    expect(await count(second, askedQuestionKind)).toBe(3);

    clock.set("2026-11-02T10:00:01Z");
    expect(await ask(second, "ask In the next hour, can I post a photo?")).not.toMatch(
      /as many as I take/,
    );
    expect(await count(second, askedQuestionKind)).toBe(4);
  });

  test("when a person sends more reports in an hour than allowed, then the extra one is refused and no case card is queued", async () => {
    const t = running[0]!;
    const report = {
      kind: "disparaging",
      whatWasSeen: "A page says untrue things about the school.",
      where: "Facebook",
      when: "Today",
      concerns: "school",
      rules: "",
      urgent: "false",
      evidence: "",
    };
    const submit = async () =>
      (await post(t.app.url, invokeActivity(teacher, t.connector.url, "submitReport", report)))
        .body as { type: string; value: unknown };
    for (let i = 0; i < 2; i++) expect(cardText((await submit()).value)).toMatch(/received/);
    const refused = await submit();
    expect(refused.type).toBe("application/vnd.microsoft.activity.message");
    expect(String(refused.value)).toMatch(/You have sent 2 reports this hour, as many as I take/);
    expect(await count(t, misuseCaseKind)).toBe(2);
    expect(
      await t.app.services.outbox.byKey(
        `case:R-2026-0002:${personWith("headteacher").aadObjectId}`,
      ),
    ).toBeDefined();
    expect(
      await t.app.services.outbox.byKey(
        `case:R-2026-0003:${personWith("headteacher").aadObjectId}`,
      ),
    ).toBeUndefined();
    expect(await running[1]!.app.services.store.collection(misuseCaseKind).count()).toBe(2);
  });

  test("when a person proposes more posts in an hour than allowed, then the extra one is refused", async () => {
    const t = running[1]!;
    const proposal = {
      text: "Well done to Year 6!",
      accounts: "Facebook",
      intendedDate: "2026-12-01",
      imageLinks: "",
      ...STAFF_PROTOCOL_TICKED,
    };
    const propose = async () =>
      (await post(t.app.url, invokeActivity(teacher, t.connector.url, "postSubmit", proposal)))
        .body as { type: string; value: unknown };
    for (let i = 0; i < 2; i++) expect(cardText((await propose()).value)).toMatch(/approval/i);
    expect(String((await propose()).value)).toMatch(
      /You have sent 2 post proposals this hour, as many as I take/,
    );
    expect(await count(t, postProposalKind)).toBe(2);
  });
});
