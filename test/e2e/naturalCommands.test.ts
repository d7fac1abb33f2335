import { usePlaygroundSession } from "../support/playgroundSession";
import { personWith, sampleRoster } from "../support/sampleRoster";

jest.setTimeout(240_000);

describe("commands in staff's own words, in the Agents Playground", () => {
  const session = usePlaygroundSession({ OUTBOX_POLL_MS: "200", SCHEDULE_TICK_MS: "3600000" });

  test('when a teacher writes "I want to report something", then the confidential report form opens and can be sent', async () => {
    const teacher = await session.open(personWith("staff"));
    await teacher.waitForText("Welcome");
    // A card arriving re-renders the chat and clears a half-filled form: let the acknowledgement
    // prompt (sent on install) arrive first.
    await teacher.waitForText("Please acknowledge the Staff Social Media Policy", 30_000);
    await teacher.say("I want to report something");
    await teacher.waitForText("This goes in confidence to the Headteacher");
    const text = await teacher.conversationText();
    // A report is never taken for a question to the policy owner.
    expect(text).not.toContain("Ask the policy owner");
    await teacher.page
      .getByLabel("What did you see (or what were you asked)?")
      .last()
      .fill("A post on a colleague's account shows pupils' faces.");
    await teacher.page.getByLabel("Where (a link, or the platform)").last().fill("Instagram");
    await teacher.page.getByLabel("When").last().fill("Yesterday");
    await teacher.page.getByRole("checkbox", { name: "A colleague" }).last().check();
    await teacher.clickButton("Send the report");
    await teacher.waitForText(/Report R-\d{4}-0001 received/, 45_000);
    await teacher.screenshot("natural-command-report");
  });

  test("when a teacher tells what she saw, asks casually for a post, asks after her post and says she has read the policy, then each opens what she meant", async () => {
    const teacher = await session.open(personWith("staff"));
    await teacher.waitForText("Welcome");
    // A situation told, with no question and no word "report".
    await teacher.say(
      "someone has made a fake facebook page with our school badge and its posting rude stuff about staff",
    );
    await teacher.waitForText("This goes in confidence to the Headteacher");
    await teacher.say(
      "could we get a shout out for the under 11s football win on the school insta",
    );
    await teacher.waitForText("both confirm it before the Resources Manager posts it");
    await teacher.say("has my post about the bake sale gone up yet");
    await teacher.waitForText("You have not proposed any posts yet");
    await teacher.say("i need to say ive read the new version");
    await teacher.waitForText(/In force\s*:?\s*Version [\w.]+/);
    expect(await teacher.conversationText()).not.toContain("You asked:");
    await teacher.screenshot("natural-command-told-in-own-words");
  });

  test("when the Headteacher asks who has not read the policy, then she sees what waits for her and sends the reminders from chat", async () => {
    const head = await session.open(personWith("headteacher"));
    await head.waitForText("Welcome");
    // The acknowledgement prompt sent on install redraws the chat and closes an open ShowCard.
    await head.waitForText("Please acknowledge the Staff Social Media Policy", 30_000);
    await head.say("has anyone not read the policy yet?");
    await head.waitForText("What is waiting for you", 30_000);
    await head.waitForText(/Acknowledgements of version [\w.]+ \(in force\): \d+ of \d+/);
    await head.screenshot("natural-command-waiting-for-you");
    await head.pressInShowCard("Remind those who have not", "Send the reminders");
    await head.waitForText(
      /One reminder about version [\w.]+ is going to \d+ (?:person|people)/,
      30_000,
    );
    await head.screenshot("natural-command-reminders-sent");
  });

  test("when a teacher asks for permission, asks what permissions she has and offers a suggestion in her own words, then each form or list opens", async () => {
    const teacher = await session.open(personWith("staff"));
    await teacher.waitForText("Welcome");
    await teacher.say("i need to ask for permission to use the school logo on our class page");
    await teacher.waitForText("The policy asks for written permission before these");
    await teacher.say("what permissions have i got");
    await teacher.waitForText("You have not asked for any written permission");
    await teacher.say("i'd like to make a suggestion");
    await teacher.waitForText("considers every suggestion at the yearly review");
    expect(await teacher.conversationText()).not.toContain("You asked:");
    await teacher.screenshot("natural-command-permission-and-suggestion");
  });

  test("when a teacher passes on a blogger's approach and tells an idea for the policy in her own words, then the media enquiry form and the suggestion form open with her words in them; the Headteacher's to-do list is what waits for her", async () => {
    const other = sampleRoster().filter((p) => p.roles.length === 1 && p.roles[0] === "staff")[1];
    if (!other) throw new Error("the sample roster has one member of staff only");
    const teacher = await session.open(other);
    await teacher.waitForText("Welcome");
    const approach =
      "a blogger messaged me on insta wanting to write about our new uniform, can you send this to the head";
    await teacher.say(approach);
    await teacher.waitForText("direct enquiries for publication to the Headteacher");
    // The form starts from what she told, for her to complete.
    await expect(
      teacher.page
        .getByLabel(/^What they asked/)
        .last()
        .inputValue(),
    ).resolves.toBe(approach);
    const idea = "it would be good if the policy said something about staff using AI chatbots";
    await teacher.say(idea);
    await teacher.waitForText("considers every suggestion at the yearly review");
    await expect(
      teacher.page
        .getByLabel(/^Your suggestion/)
        .last()
        .inputValue(),
    ).resolves.toBe(idea);
    // Neither was taken for a policy question, nor sent on to the policy owner.
    expect(await teacher.conversationText()).not.toContain("You asked:");
    await teacher.screenshot("natural-command-media-and-idea");
    await teacher.clickButton("Send the suggestion");
    await teacher.waitForText("Suggestion recorded for the review", 30_000);

    const head = await session.open(personWith("headteacher"));
    await head.say("anything on my to do list?");
    await head.waitForText("What is waiting for you", 30_000);
  });

  test("when the Assistant Headteacher says she is off sick and someone else should approve posts, then the deputy form opens and she names a colleague from its list", async () => {
    const aht = await session.open(personWith("aht-publicity"));
    const deputy = personWith("staff");
    await aht.waitForText("Welcome");
    // The acknowledgement prompt sent on install redraws the chat and clears a half-filled form.
    await aht.waitForText("Please acknowledge the Staff Social Media Policy", 30_000);
    await aht.say("im off sick next week, can someone else approve posts for me");
    await aht.waitForText("While you are away, your deputy confirms posts in your place");
    // A small school's staff are listed: the Agents Playground has no search-as-you-type.
    const page = aht.page;
    await page
      .getByRole("combobox", { name: /Deputy/ })
      .last()
      .click();
    await page
      .getByRole("option", { name: `${deputy.displayName} (${deputy.department})` })
      .click();
    const lastDay = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel("Last day").last().fill(lastDay);
    await page
      .getByLabel(/^Why \(for example/)
      .last()
      .fill("Off sick");
    await aht.clickButton("Name the deputy");
    await aht.waitForText(
      new RegExp(`${deputy.displayName} stands in for the Assistant Headteacher`),
      30_000,
    );
    await aht.screenshot("natural-command-deputy");
  });

  test("when the policy owner says the staff did the online safety training, then she records it for the whole staff with one tick", async () => {
    // The policy owner records training too. (The Headteacher's acknowledgement prompt went out in
    // an earlier test of this session and would not come again to wait for.)
    const owner = await session.open(personWith("aht-digital"));
    const staff = sampleRoster().filter(
      (p) => !p.roles.some((r) => r === "governor" || r === "chair-of-governors"),
    );
    await owner.waitForText("Welcome");
    await owner.waitForText("Please acknowledge the Staff Social Media Policy", 30_000);
    await owner.say("the whole staff did the online safety training today");
    await owner.waitForText("Record training");
    const page = owner.page;
    const groups = page.getByRole("combobox", { name: /Or whole groups/ }).last();
    // A multi-select list: the playground draws a checkbox beside each choice and stays open.
    await groups.click();
    await page
      .getByText(`Everyone except the governors (${staff.length})`, { exact: true })
      .last()
      .click();
    await page.keyboard.press("Escape");
    await page.getByRole("combobox", { name: /^What/ }).last().click();
    await page.getByRole("option", { name: "Safeguarding and social media" }).click();
    const nextYear = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel("Counts until").last().fill(nextYear);
    await owner.clickButton("Record");
    const [a, b, c] = staff;
    await owner.waitForText(
      `${a!.displayName}, ${b!.displayName}, ${c!.displayName} and ${staff.length - 3} others: Safeguarding and social media`,
      30_000,
    );
    await owner.screenshot("natural-command-training-for-the-staff");
  });

  test("when a teacher asks how to report a colleague's post, then the policy answers and the button opens the form", async () => {
    const teacher = await session.open(personWith("staff"));
    await teacher.waitForText("Welcome");
    await teacher.say("how would I go about reporting a post by another teacher?");
    await teacher.waitForText("What the policy says");
    await teacher.clickButton("Start a report");
    await teacher.waitForText("This goes in confidence to the Headteacher");
    await teacher.say("thanks!");
    const text = await teacher.waitForText("You're welcome");
    expect(text).not.toContain("Hello!");
    await teacher.screenshot("natural-command-question-and-report");
  });

  test("when a teacher tells what a parent showed her and the answer is unsure, then Did you mean opens the section on the School's reputation, and the report is one click away", async () => {
    const teacher = await session.open(sampleRoster().filter((p) => p.roles.length === 1)[2]!);
    await teacher.waitForText("Welcome");
    await teacher.waitForText("Please acknowledge the Staff Social Media Policy", 30_000);
    await teacher.say(
      "a parent at the school gate showed me a nasty facebook post about mr price, what do i do",
    );
    await teacher.waitForText("Did you mean");
    await teacher.clickButton("Protecting our business reputation");
    // The chosen section is now quoted (its heading over a quotation), not offered.
    await teacher.waitForText(/Protecting our business reputation\s+“/);
    await teacher.clickButton("Start a report");
    await teacher.waitForText("This goes in confidence to the Headteacher");
    await teacher.screenshot("natural-command-did-you-mean-and-report");
  });

  test("when a colleague asks for help and a policy question in one message, then the policy answers it and the help card is not shown", async () => {
    const colleague = await session.open(personWith("governor"));
    await colleague.waitForText("Welcome");
    await colleague.say("can you help me, do i have to follow this as a governor");
    const text = await colleague.waitForText("What the policy says");
    expect(text).toContain("Who is covered by this policy?");
    expect(text).not.toContain("What I can do for you");
    await colleague.screenshot("natural-command-help-and-question");
  });

  test("when a teacher @mentions the bot with report in the Staffroom group chat, then the group hears only that a private message was sent and the form is in their personal chat", async () => {
    const teacher = await session.open(personWith("staff"));
    await teacher.waitForText("Welcome");
    const page = teacher.page;
    await page.getByText("Staffroom").first().click();
    const editor = page.locator('[data-lexical-editor="true"]');
    await editor.click();
    await editor.pressSequentially("@Soc");
    // Pick the bot from the mention list, then carry on typing where the caret is.
    await page.getByRole("menuitem", { name: "Social Media Policy" }).click();
    await page.keyboard.type(" report");
    await page.keyboard.press("Enter");
    const group = await teacher.waitForText("I've sent you a private message.");
    // The form (not just the welcome's list of commands) stays out of the group.
    expect(group).not.toContain("What did you see");
    await teacher.screenshot("natural-command-group-chat");
    await page.getByText("Personal Chat").first().click();
    await teacher.waitForText("What did you see (or what were you asked)?", 30_000);
  });
});
