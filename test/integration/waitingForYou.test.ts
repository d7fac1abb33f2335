import fs from "node:fs";
import path from "node:path";
import { findAll } from "../../src/store/findAll";
import { outboxKind } from "../../src/outbox/outboxMessage";
import { cardText } from "../support/connectorRecorder";
import { installActivity, post } from "../support/activities";
import {
  invokeAs,
  sayTo,
  startAppUnderTest,
  TestClock,
  type AppUnderTest,
} from "../support/inProcessApp";
import { STAFF_PROTOCOL_TICKED } from "../support/postFixtures";
import { personWith } from "../support/sampleRoster";

/*
 * "What is waiting for me?" in the words of those the policy gives work to: the approvers, the
 * Resources Manager, the Headteacher chasing acknowledgements. The phrasings are the developer's
 * own (test/fixtures/command-phrasings.json), none in the training bank.
 */
const phrasings = (
  JSON.parse(
    fs.readFileSync(path.join(__dirname, "../fixtures/command-phrasings.json"), "utf8"),
  ) as Record<string, string[]>
)["waitingForYou"]!;

describe("what is waiting for you, through the bot", () => {
  const clock = new TestClock();
  let t: AppUnderTest;
  const teacher = personWith("staff");
  const aht = personWith("aht-publicity");
  const head = personWith("headteacher");
  const rm = personWith("resources-manager");
  const text = "Well done to Year 6 on the science fair!";

  const reminders = async () =>
    (await findAll(t.app.services.store.collection(outboxKind))).filter((m) =>
      m.data.key.startsWith("remind:"),
    );

  beforeAll(async () => {
    clock.set("2026-11-20T09:00:00Z");
    t = await startAppUnderTest({ OUTBOX_POLL_MS: "60000", SCHEDULE_TICK_MS: "3600000" }, clock);
    for (const p of [teacher, aht, head, rm])
      await post(t.app.url, installActivity(p, t.connector.url));
    await invokeAs(t, teacher, "postSubmit", {
      text,
      accounts: "Facebook",
      intendedDate: "2026-12-01",
      imageLinks: "",
      ...STAFF_PROTOCOL_TICKED,
    });
    await t.app.outboxWorker.drain();
  });
  afterAll(async () => t.stop());

  /** Phrasings that opened the card directly; the rest were taken as policy questions. */
  const opened: string[] = [];
  test.each(phrasings)(
    "when the Headteacher writes %j and it opens the card, then it says what waits for her: the post to approve and who has not acknowledged",
    async (said) => {
      const reply = await sayTo(t, head, said);
      if (!/What is waiting for you/.test(reply)) return;
      opened.push(said);
      expect(reply).toMatch(/Posts waiting for your approval: 1/);
      expect(reply).toContain(text);
      expect(reply).toMatch(/Acknowledgements of version [\w.]+ \(in force\): 0 of \d+/);
      expect(reply).toMatch(/Remind those who have not/);
    },
  );

  test("when all the phrasings have been tried, then at least five in six opened the card", () => {
    console.log(
      `waiting for you: ${opened.length} of ${phrasings.length} phrasings opened the card`,
    );
    expect(opened.length / phrasings.length).toBeGreaterThanOrEqual(5 / 6);
  });

  test("when the Resources Manager asks, then she sees what is ready to post (nothing yet), not the approvals", async () => {
    const reply = await sayTo(t, rm, "what have i got to post");
    expect(reply).toMatch(/Approved posts to put on the school's accounts: 0/);
    expect(reply).not.toMatch(/Posts waiting for your approval/);
    expect(reply).not.toMatch(/Acknowledgements of version/);
  });

  test("when the AHT (Publicity) asks, then the post waits for her too; once she approves it, it no longer does", async () => {
    expect(await sayTo(t, aht, "what's waiting for me")).toMatch(
      /Posts waiting for your approval: 1/,
    );
    const proposal = (
      await findAll(t.app.services.store.collection(outboxKind), {
        where: { recipient: aht.aadObjectId },
      })
    ).find((m) => m.data.card.template === "postCard")!;
    const postId = String(proposal.data.card.data["postId"]);
    await invokeAs(t, aht, "postApprove", { postId, revision: 1, decideAs: "aht-publicity" });
    expect(await sayTo(t, aht, "what's waiting for me")).toMatch(
      /Posts waiting for your approval: 0/,
    );
  });

  test("when a teacher writes the same words, then no one's work is shown: it stays a question", async () => {
    for (const said of phrasings.slice(0, 3)) {
      const reply = await sayTo(t, teacher, said);
      expect(reply).not.toMatch(/What is waiting for you|Acknowledgements of version/);
    }
  });

  test("when a teacher forges the reminder button, then it is refused and nobody is reminded", async () => {
    const version = (await t.app.services.policyVersions.inForce())!.label;
    const answer = await invokeAs<string>(t, teacher, "waitingRemind", { version });
    expect(JSON.stringify(answer.value)).toMatch(/Only the Headteacher and the policy owner/);
    expect(await reminders()).toHaveLength(0);
  });

  test("when the Headteacher presses Send the reminders, then one reminder per person not yet acknowledged is queued, and the card says how many", async () => {
    const version = (await t.app.services.policyVersions.inForce())!.label;
    const bad = await invokeAs<string>(t, head, "waitingRemind", { version: "../x" });
    expect(JSON.stringify(bad.value)).not.toMatch(/Reminders on their way/);
    const answer = await invokeAs(t, head, "waitingRemind", { version });
    const shown = cardText(answer.value);
    const queued = Number(/going to (\d+) (?:person|people)/.exec(shown)?.[1]);
    expect(queued).toBeGreaterThan(0);
    expect(await reminders()).toHaveLength(queued);
  });
});
