import fs from "node:fs";
import path from "node:path";
import { acknowledgementKind } from "../../src/features/acknowledgements/acknowledgementRecords";
import { findAll } from "../../src/store/findAll";
import { SqliteStore } from "../../src/store/sqlite/sqliteStore";
import { usePlaygroundSession } from "../support/playgroundSession";
import { personWith } from "../support/sampleRoster";

jest.setTimeout(180_000);

describe("a new version approved by the governors and acknowledged, in the Agents Playground", () => {
  const session = usePlaygroundSession({ OUTBOX_POLL_MS: "200", SCHEDULE_TICK_MS: "3600000" });

  let teacher: Awaited<ReturnType<typeof session.open>>;

  test("when the policy owner sends a new version and the Chair records the governors' approval, then a teacher's card arrives and acknowledging updates it in place, stored once", async () => {
    teacher = await session.open(personWith("staff"));
    const owner = await session.open(personWith("aht-digital"));
    await teacher.waitForText("Please acknowledge the Staff Social Media Policy");
    // The owner's chat settles first (her own acknowledgement card, the overdue review's
    // reminder): the Playground redraws every card when one lands, emptying a form being filled.
    await owner.waitForText("Please acknowledge the Staff Social Media Policy", 30_000);
    await owner.waitForText("due for its annual review", 30_000);

    await owner.say("publish policy");
    await owner.waitForText("Prepare a new version of the policy");
    const effective = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    const bundled = fs.readFileSync(
      path.join(__dirname, "../../assets/policy/staff-social-media-policy.md"),
      "utf8",
    );
    const text =
      bundled.slice(bundled.indexOf("## Introduction")) +
      "\n\n## Artificial intelligence tools\n\nStaff must not put pupils' personal data into AI tools.\n";
    const page = owner.page;
    await page.getByLabel("Version label").last().fill("2099.01");
    await page.getByLabel("Takes effect on").last().fill(effective);
    await page
      .getByLabel("Summary of the changes for staff")
      .last()
      .fill("Adds a section on AI tools.");
    await page
      .getByLabel(/The full policy text/)
      .last()
      .fill(text);
    await owner.clickButton("Send to the governors for approval");
    await owner.waitForText("Waiting for the governors' approval");
    await owner.screenshot("acknowledgement-owner-sent-to-governors");

    // The Board of Governors approves amendments before they take effect: the Chair records it.
    const chair = await session.open(personWith("chair-of-governors"));
    await chair.waitForText("Record the governors' approval", 30_000);
    // Her own acknowledgement card arrives too; the Playground redraws every card when one
    // lands (closing an open form), so the form is filled once her chat has settled.
    await chair.waitForText("Please acknowledge the Staff Social Media Policy", 30_000);
    await chair.fillShowCard("Record the governors' approval", [
      ["Approved by (the governors' body)", "LGB"],
      ["Meeting", "Autumn term"],
      ["Date of the decision", new Date().toISOString().slice(0, 10)],
    ]);
    await chair.clickButton("Record approval");
    await chair.waitForText("Approved and published", 30_000);
    await chair.screenshot("acknowledgement-chair-approved");

    await teacher.waitForText("A new version of the Staff Social Media Policy", 30_000);
    await teacher.waitForText("Added: Artificial intelligence tools");
    await teacher.clickButton("I have read and understood");
    await teacher.waitForText("(version 2099.01)");
    await teacher.screenshot("acknowledgement-teacher-acknowledged");
    const conversation = await teacher.conversationText();
    expect(conversation).toMatch(/Acknowledged on \d{1,2} \w+ \d{4} \(version 2099\.01\)/);

    const store = SqliteStore.inDataDir(session.server().dataDir);
    try {
      const acks = await findAll(store.collection(acknowledgementKind), {
        where: { version: "2099.01" },
      });
      expect(acks.map((a) => a.data.aadObjectId)).toEqual([teacher.person.aadObjectId]);
    } finally {
      await store.close();
    }
  });

  test("when the teacher asks for their status and then acknowledges, then the status card above says so: no card goes on saying not yet", async () => {
    await teacher.say("policy");
    await teacher.waitForText("Not yet acknowledged", 30_000);
    await teacher.screenshot("acknowledgement-status-before");
    await teacher.clickButton("I have read and understood");
    await teacher.waitForText(/In force[\s\S]*You:?\s*Acknowledged on \d{1,2} \w+ \d{4}/, 30_000);
    const deadline = Date.now() + 30_000;
    while (
      (await teacher.conversationText()).includes("Not yet acknowledged") &&
      Date.now() < deadline
    )
      await teacher.page.waitForTimeout(200);
    await teacher.screenshot("acknowledgement-status-after");
    expect(await teacher.conversationText()).not.toContain("Not yet acknowledged");
  });
});
