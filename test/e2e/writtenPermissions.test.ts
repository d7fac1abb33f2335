import { usePlaygroundSession } from "../support/playgroundSession";
import { personWith, sampleRoster } from "../support/sampleRoster";

jest.setTimeout(300_000);

/*
 * In the real Agents Playground: a teacher asks a colleague's written permission to post a
 * photo of them; the colleague consents on their own card; the teacher's post proposal then
 * shows the approvers that the permission is in place.
 */
describe("a colleague's written permission, given in the Agents Playground", () => {
  const session = usePlaygroundSession({ OUTBOX_POLL_MS: "200", SCHEDULE_TICK_MS: "3600000" });
  const plain = sampleRoster().filter((p) => p.roles.length === 1 && p.roles[0] === "staff");
  const teacher = plain[0]!;
  const colleague = plain[1]!;
  const day = (offset: number) =>
    new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

  test("when a teacher asks a colleague's permission to post a photo of them and the colleague consents, then the post proposal shows the permission in place", async () => {
    const asker = await session.open(teacher);
    const them = await session.open(colleague);
    const approver = await session.open(personWith("aht-publicity"));

    await asker.say("ask permission");
    await asker.waitForText("Ask for written permission");
    const page = asker.page;
    await page
      .getByLabel("What exactly (the photo, the post, the comment)")
      .last()
      .fill(`A photo of ${colleague.displayName} judging the science fair`);
    await page.getByLabel("Where (which account, site or outlet)").last().fill("Facebook");
    await page.getByLabel("Until (last day)").last().fill(day(30));
    // A small school's colleagues are listed (a larger one's are searched: Data.Query, which
    // the Agents Playground does not support yet); the playground draws a Fluent combobox.
    await page
      .getByRole("combobox", { name: /The colleague \(they consent on their own card\)/ })
      .last()
      .click();
    await page
      .getByRole("option", { name: `${colleague.displayName} (${colleague.department})` })
      .click();
    await asker.clickButton("Ask for permission");
    await asker.waitForText("Status: Waiting for a decision", 30_000);

    await them.waitForText(`judging the science fair`, 30_000);
    await them.clickButton("I consent");
    await them.clickButton("Give my written consent");
    await them.waitForText("Status: In place", 30_000);
    await asker.waitForText(`${colleague.displayName} consented`, 30_000);
    await them.screenshot("written-permission-colleague-consented");

    await asker.say("new post");
    await asker.waitForText("Propose a post for the school's social media");
    await page
      .getByLabel("Post text")
      .last()
      .fill(`Thank you ${colleague.displayName} for judging our science fair!`);
    await page.getByRole("checkbox", { name: "Facebook" }).last().check();
    await page.getByLabel("Intended date").last().fill(day(7));
    for (const start of [
      "Ensure that permission",
      "Ensure that there is no identifying",
      "The post must be a positive",
      "Any photos for social media",
      "Where any device is used",
    ]) {
      await page
        .getByRole("checkbox", { name: new RegExp(`^${start}`) })
        .last()
        .check();
    }
    await asker.clickButton("Send for approval");
    // Naming a person makes the pre-send check ask first; the written permission is the reason.
    const after = await asker.waitForText(
      /Sent for approval|Check your post before it is sent/,
      30_000,
    );
    if (!/Sent for approval/.test(after)) {
      await page
        .getByLabel(/Reason for sending it as it is/)
        .last()
        .fill("The colleague gave written permission in the register.");
      await asker.clickButton("Send anyway");
    }
    await approver.waitForText(
      `Permission in place: ${colleague.displayName}'s written permission`,
      30_000,
    );
    await approver.screenshot("written-permission-post-card");
  });
});
