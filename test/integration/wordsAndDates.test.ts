import { cardText } from "../support/connectorRecorder";
import {
  installActivity,
  invokeActivity,
  messageActivity,
  personalConversationId,
  post,
} from "../support/activities";
import { startAppUnderTest, type AppUnderTest } from "../support/inProcessApp";
import { personWith } from "../support/sampleRoster";

/* The words people read: one UK date format, articles, role titles that read as one person. */
describe("words and dates", () => {
  let t: AppUnderTest;
  const teacher = personWith("staff");
  const chat = () => t.connector.texts(personalConversationId(teacher.aadObjectId)).join("\n");
  beforeAll(async () => {
    t = await startAppUnderTest({ OUTBOX_POLL_MS: "60000", SCHEDULE_TICK_MS: "3600000" });
  });
  afterAll(async () => t.stop());
  beforeEach(() => t.connector.clear());

  test("when the app is installed, then the welcome's date reads like the cards' and each command is named, then what to type", async () => {
    await post(t.app.url, installActivity(teacher, t.connector.url));
    const welcome = chat();
    expect(welcome).toMatch(
      /in force since \d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\)/,
    );
    expect(welcome).not.toMatch(/since \d{4}-\d{2}-\d{2}/);
    expect(welcome).toContain("Ask about the policy: Get the policy");
    expect(welcome).toContain("Type: Can I post photos of pupils on my own Instagram?");
    expect(welcome).not.toMatch(/^ask Can I post/m);
  });

  test.each([
    ["thanks!", /You're welcome/],
    ["Thank you very much", /You're welcome/],
    ["bye", /Goodbye/],
  ])("when someone says %j, then the bot answers in kind", async (said, answer) => {
    await post(t.app.url, messageActivity(teacher, t.connector.url, said));
    expect(chat()).toMatch(answer);
    expect(chat()).not.toContain("Hello!");
  });

  test("when a report is sent, then the receipt says it went to the Headteacher, with the article", async () => {
    const r = await post(
      t.app.url,
      invokeActivity(teacher, t.connector.url, "submitReport", {
        kind: "misuse",
        whatWasSeen: "Someone posted a pupil's photo.",
        where: "Facebook",
        when: "Today",
        concerns: "school",
      }),
    );
    expect(cardText((r.body as { value: unknown }).value)).toContain(
      "sent in confidence to the Headteacher.",
    );
  });

  test("when the report form opens, then it says who can read a report instead of 'Nobody else sees it'", async () => {
    await post(t.app.url, messageActivity(teacher, t.connector.url, "report"));
    const form = chat();
    expect(form).not.toContain("Nobody else sees it");
    expect(form).toContain("any colleague they choose to share the case with");
  });

  test("when a card names the two approvers, then each role title reads as one person", async () => {
    await post(t.app.url, messageActivity(teacher, t.connector.url, "new post"));
    expect(chat()).toContain(
      "The Assistant Headteacher (Parents, Publicity & Promotion) and the Headteacher both confirm it",
    );
    expect(chat()).not.toContain("Assistant Headteacher, Parents");
  });
});
