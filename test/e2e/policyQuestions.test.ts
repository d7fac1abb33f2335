import { curatedAnswerKind } from "../../src/app/qa/records";
import { findAll } from "../../src/store/findAll";
import { SqliteStore } from "../../src/store/sqlite/sqliteStore";
import { usePlaygroundSession } from "../support/playgroundSession";
import { personWith, sampleRoster } from "../support/sampleRoster";

jest.setTimeout(240_000);

describe("policy questions in the Agents Playground", () => {
  const session = usePlaygroundSession({ OUTBOX_POLL_MS: "200", SCHEDULE_TICK_MS: "3600000" });

  test("when a teacher asks, then the policy is quoted; an out-of-scope question goes to the policy owner, whose saved answer reaches the teacher and is offered for a question like it", async () => {
    const teacher = await session.open(personWith("staff"));
    // Opened (installed) before the escalation is sent, so the card reaches them at once.
    const owner = await session.open(personWith("aht-digital"));

    await teacher.say("Does the school monitor my social media use on school computers?");
    await teacher.waitForText("What the policy says");
    await teacher.waitForText("reserves the right to monitor");
    expect(await teacher.conversationText()).toContain("Monitoring");
    await teacher.screenshot("qa-teacher-quoted-answer");

    await teacher.say("What time does the canteen open?");
    await teacher.waitForText("The policy does not say");
    await teacher.clickButton("Ask the policy owner");
    await teacher.waitForText("Sent to the policy owner");

    await owner.waitForText("What time does the canteen open?", 30_000);
    await owner.waitForText(teacher.person.displayName);
    // The bundled version is overdue for its annual review, so the owner is also reminded; a card
    // arriving re-renders the chat and clears a half-typed answer, so let it arrive first.
    await owner.waitForText("due for its annual review", 30_000);
    await owner.page
      .getByLabel("Your answer")
      .last()
      .fill("The canteen opens at 8am; staff may use it from 7.45.");
    await owner.page
      .getByRole("checkbox", { name: "Save as an answer for similar questions" })
      .last()
      .check();
    await owner.screenshot("qa-owner-escalation");
    await owner.clickButton("Send the answer");
    await owner.waitForText(/Answered by .+ and saved as an answer for similar questions/);

    await teacher.waitForText("The policy owner answered your question", 30_000);
    await teacher.waitForText("staff may use it from 7.45");

    // Asked again in other words: the saved question is offered, and one click shows its answer.
    await teacher.say("is the canteen open first thing in the morning");
    await teacher.waitForText("The policy owner has answered a question like this:");
    await teacher.waitForText("“What time does the canteen open?”");
    await teacher.screenshot("qa-teacher-saved-answer-offered");
    await teacher.clickButton("See their answer");
    await teacher.waitForText(/Answered by the policy owner on \d{1,2} \w+ \d{4}/);
    await teacher.screenshot("qa-teacher-saved-answer");

    const store = SqliteStore.inDataDir(session.server().dataDir);
    try {
      const saved = await findAll(store.collection(curatedAnswerKind));
      expect(saved.map((s) => s.data.question)).toEqual(["What time does the canteen open?"]);
    } finally {
      await store.close();
    }
  });

  test("when a teacher's question could mean two parts of the policy, then Did you mean offers them as buttons and the one clicked is quoted", async () => {
    // Another member of staff than the first test's, so each has a chat of their own.
    const other = sampleRoster().filter((p) => p.roles.length === 1 && p.roles[0] === "staff")[1];
    if (!other) throw new Error("the sample roster has one member of staff only");
    const teacher = await session.open(other);

    // Photos on a phone, or being on social media on it in working time? The engine answers its
    // likeliest reading and offers the other as a button.
    await teacher.say("Can I use my phone?");
    await teacher.waitForText("Did you mean:");
    // The likeliest reading is quoted first; the other section's words are not on the card yet.
    const before = await teacher.conversationText();
    expect(before).toContain("Photographs for use of Social Media");
    expect(before).not.toContain("for personal purposes");
    await teacher.screenshot("qa-did-you-mean");

    // The card is replaced in place by that section's sentences, quoted verbatim, and offers the
    // section it answered first as the other choice.
    await teacher.clickButton("Personal use of social media");
    await teacher.waitForText("for personal purposes");
    const after = await teacher.conversationText();
    const personalUse = /Personal use of social media\s+“[^”]*for personal purposes[^”]*”/;
    expect(after).toMatch(personalUse);
    await expect(
      teacher.page
        .getByRole("button", { name: "Photographs for use of Social Media", exact: true })
        .count(),
    ).resolves.toBeGreaterThan(0);
    await teacher.screenshot("qa-did-you-mean-opened");
  });

  test("when a teacher asks about a remark on a colleague in everyday words, then the card quotes the one rule about staff, under the sentence that introduces its list", async () => {
    const third = sampleRoster().filter((p) => p.roles.length === 1 && p.roles[0] === "staff")[2];
    if (!third) throw new Error("the sample roster has two members of staff only");
    const teacher = await session.open(third);

    // No word of the question is in the rule: bank questions like it are linked to that sentence.
    await teacher.say(
      "i put a sarky comment on the pta page about the new head, will i get in trouble",
    );
    await teacher.waitForText("Current, past or prospective Staff");
    const card = await teacher.conversationText();
    expect(card).toContain("Staff must not post disparaging or defamatory statements about:");
    // Only that item of the list, not the list's other items.
    expect(card).not.toContain("Current, past or prospective pupils");
    await teacher.screenshot("qa-quoted-list-item");
  });
});
