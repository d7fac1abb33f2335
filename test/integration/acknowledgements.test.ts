import fs from "node:fs";
import { acknowledgementKind } from "../../src/features/acknowledgements/acknowledgementRecords";
import {
  acknowledgementRows,
  acknowledgementSummary,
} from "../../src/features/acknowledgements/acknowledgementQueries";
import { findAll } from "../../src/store/findAll";
import { cardText } from "../support/connectorRecorder";
import {
  installActivity,
  invokeActivity,
  messageActivity,
  personalConversationId,
  post,
} from "../support/activities";
import { startAppUnderTest, TestClock, type AppUnderTest } from "../support/inProcessApp";
import { personWith, sampleRoster } from "../support/sampleRoster";

const bundled = fs.readFileSync("assets/policy/staff-social-media-policy.md", "utf8");
/** The bundled text with one section reworded and one added: a plausible next version. */
function nextVersionText(): string {
  const body = bundled.slice(bundled.indexOf("## Introduction"));
  return (
    body.replace(
      "The School may use internet searches",
      "The School may use internet and social media searches",
    ) +
    "\n\n## Artificial intelligence tools\n\nStaff must not paste pupils' personal data into AI tools.\n"
  );
}

describe("policy versions, notice and acknowledgements through the bot", () => {
  const clock = new TestClock();
  let t: AppUnderTest;
  const teacher = personWith("staff");
  const owner = personWith("aht-digital");
  const invoke = (who = teacher, verb: string, data: Record<string, unknown>) =>
    post(t.app.url, invokeActivity(who, t.connector.url, verb, data));

  beforeAll(async () => {
    clock.set("2026-11-02T09:00:00Z");
    t = await startAppUnderTest(
      { OUTBOX_POLL_MS: "60000", SCHEDULE_TICK_MS: "3600000", OUTBOX_RATE_PER_SECOND: "50" },
      clock,
    );
    for (const p of [teacher, owner]) await post(t.app.url, installActivity(p, t.connector.url));
    await t.app.scheduler.runOnce();
    await t.app.outboxWorker.drain();
  });
  afterAll(async () => t.stop());

  test("when the product is installed, then everyone is asked to acknowledge the version in force and the unreachable are recorded", async () => {
    const texts = t.connector.texts(personalConversationId(teacher.aadObjectId)).join("\n");
    expect(texts).toContain("Please acknowledge the Staff Social Media Policy");
    expect(texts).toContain("I have read and understood");
    const summary = await acknowledgementSummary(t.app.services, "2024.07");
    expect(summary).toMatchObject({
      total: sampleRoster().length,
      acknowledged: 0,
      undeliverable: sampleRoster().length - 2,
      outstanding: 2,
    });
  });

  test("when the dashboard asks for several statuses at once, then it gets everyone in any of them", async () => {
    const services = t.app.services;
    const unreachable = await acknowledgementRows(services, "2024.07", { status: "undeliverable" });
    const either = await acknowledgementRows(services, "2024.07", {
      status: ["outstanding", "undeliverable"],
      limit: 500,
    });
    const all = await acknowledgementRows(services, "2024.07", { status: [], limit: 500 });
    expect(unreachable?.total).toBe(sampleRoster().length - 2);
    expect(either?.total).toBe(sampleRoster().length);
    expect(all?.total).toBe(sampleRoster().length);
    expect(
      (await acknowledgementRows(services, "2024.07", { status: ["acknowledged"] }))?.total,
    ).toBe(0);
  });

  test("when a teacher double-clicks the button, then one acknowledgement is stored and both clicks show the receipt", async () => {
    const [a, b] = await Promise.all([
      invoke(teacher, "acknowledgePolicy", { version: "2024.07" }),
      invoke(teacher, "acknowledgePolicy", { version: "2024.07" }),
    ]);
    for (const r of [a, b]) {
      expect(r.status).toBe(200);
      expect(cardText((r.body as { value: unknown }).value)).toMatch(
        /Acknowledged on 2 November 2026 \(version 2024\.07\)/,
      );
      expect(cardText((r.body as { value: unknown }).value)).not.toContain(
        "I have read and understood",
      );
    }
    const acks = await findAll(t.app.services.store.collection(acknowledgementKind), {
      where: { version: "2024.07", aadObjectId: teacher.aadObjectId },
    });
    expect(acks).toHaveLength(1);
    expect(acks[0]!.data.channel).toBe("teams-card");
  });

  test("when the teacher types policy, then they see the version in force and their own status", async () => {
    t.connector.clear();
    await post(t.app.url, messageActivity(teacher, t.connector.url, "policy"));
    const text = t.connector.texts().join("\n");
    expect(text).toContain("In force: Version 2024.07");
    expect(text).toContain("You: Acknowledged on 2 November 2026");
  });

  test("when the owner types policy reviewed, then the review is recorded and policy shows the next review a year on", async () => {
    t.connector.clear();
    await post(t.app.url, messageActivity(teacher, t.connector.url, "policy reviewed"));
    expect(t.connector.texts().join("\n")).toContain(
      '"policy reviewed" is not something your role can do',
    );
    await post(t.app.url, messageActivity(owner, t.connector.url, "policy reviewed"));
    expect(t.connector.texts().join("\n")).toContain(
      "Recorded: version 2024.07 was reviewed on 2 November 2026 with no changes. The next review is due on 2 November 2027.",
    );
    t.connector.clear();
    await post(t.app.url, messageActivity(owner, t.connector.url, "policy"));
    expect(t.connector.texts().join("\n")).toContain("Next review: 2 November 2027");
  });

  test("when a teacher tries to publish, then it is refused and nothing changes", async () => {
    const r = await invoke(teacher, "publishPolicy", {
      label: "2027.01",
      effectiveFrom: "2027-01-05",
      summary: "x",
      text: nextVersionText(),
    });
    expect(String((r.body as { value: string }).value)).toMatch(
      /Only the policy owner or the Headteacher/,
    );
    expect(await t.app.services.policyVersions.get("2027.01")).toBeUndefined();
  });

  test("when the owner gives less than a month's notice, then it is refused with the earliest date", async () => {
    const r = await invoke(owner, "publishPolicy", {
      label: "2026.12",
      effectiveFrom: "2026-11-30",
      summary: "x",
      text: nextVersionText(),
    });
    expect(String((r.body as { value: string }).value)).toMatch(
      /earliest effective date is 2026-12-02/,
    );
    expect(await t.app.services.policyVersions.get("2026.12")).toBeUndefined();
  });

  test("when the text is malformed, then nothing is published and the reason names the line", async () => {
    const r = await invoke(owner, "publishPolicy", {
      label: "2027.01",
      effectiveFrom: "2027-01-05",
      summary: "x",
      text: "Just some words with no headings",
    });
    expect(String((r.body as { value: string }).value)).toMatch(
      /could not be read as a policy.*text before the first ## heading/s,
    );
    expect((await t.app.services.policyVersions.inForce())?.label).toBe("2024.07");
  });

  test("when the owner publishes with proper notice, then it waits for the governors, and once the Chair records their approval staff are notified with what changed", async () => {
    t.connector.clear();
    const r = await invoke(owner, "publishPolicy", {
      label: "2027.01",
      effectiveFrom: "2027-01-05",
      summary: "Adds a section on AI tools.",
      text: nextVersionText(),
    });
    expect(cardText((r.body as { value: unknown }).value)).toMatch(
      /Waiting for the governors' approval/,
    );
    await t.app.outboxWorker.drain();
    expect(t.connector.texts(personalConversationId(teacher.aadObjectId)).join("\n")).not.toContain(
      "A new version",
    );
    expect(await t.app.services.policyVersions.get("2027.01")).toBeUndefined();
    t.connector.clear();
    const approved = await invoke(personWith("chair-of-governors"), "policyGovernorsApprove", {
      label: "2027.01",
      revision: 1,
      approvalBody: "LGB",
      approvalMeeting: "Autumn term meeting",
      approvalDate: clock.now().toISOString().slice(0, 10),
    });
    expect(cardText((approved.body as { value: unknown }).value)).toMatch(/Approved and published/);
    await t.app.outboxWorker.drain();
    const text = t.connector.texts(personalConversationId(teacher.aadObjectId)).join("\n");
    expect(text).toContain("A new version of the Staff Social Media Policy");
    expect(text).toContain("Added: Artificial intelligence tools");
    expect(text).toContain("Changed: Recruitment");
    expect((await t.app.services.policyVersions.upcoming())?.label).toBe("2027.01");
  });

  test("when a second change is published while one is pending, then it is refused", async () => {
    const r = await invoke(owner, "publishPolicy", {
      label: "2027.02",
      effectiveFrom: "2027-02-05",
      summary: "x",
      text: nextVersionText() + "\n## More\n\nText.\n",
    });
    expect(String((r.body as { value: string }).value)).toMatch(/already waiting to take effect/);
  });

  test("when the old version is superseded, then acknowledging it is refused and the current one is offered", async () => {
    clock.set("2027-01-06T09:00:00Z");
    t.app.services.policyVersions.forget();
    const r = await invoke(personWith("aht-digital"), "acknowledgePolicy", { version: "2024.07" });
    const text = cardText((r.body as { value: unknown }).value);
    expect(text).toMatch(/Version 2024\.07 has been replaced/);
    expect(text).toContain("2027.01");
    expect(text).toContain("I have read and understood");
  });

  test("when the teacher acknowledges the new version, then it is recorded against it", async () => {
    const r = await invoke(teacher, "acknowledgePolicy", { version: "2027.01" });
    expect(cardText((r.body as { value: unknown }).value)).toMatch(
      /Acknowledged on 6 January 2027 \(version 2027\.01\)/,
    );
    expect((await acknowledgementSummary(t.app.services, "2027.01"))?.acknowledged).toBe(1);
  });

  test.each([
    [{ version: "" }],
    [{ version: "x".repeat(100) }],
    [{ version: "no-such-version" }],
    [{}],
  ])(
    "when the card data is %j, then a clear message comes back and nothing is stored",
    async (data) => {
      const before = (await findAll(t.app.services.store.collection(acknowledgementKind))).length;
      const r = await invoke(teacher, "acknowledgePolicy", data);
      expect(r.status).toBe(200);
      expect((r.body as { type: string }).type).toBe("application/vnd.microsoft.activity.message");
      expect((await findAll(t.app.services.store.collection(acknowledgementKind))).length).toBe(
        before,
      );
    },
  );
});
