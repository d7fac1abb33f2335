import { usePlaygroundSession } from "../support/playgroundSession";
import type { PlaygroundUser } from "../support/playgroundUser";
import { personWith } from "../support/sampleRoster";

jest.setTimeout(300_000);

describe("a post for the school's accounts, approved in the Agents Playground", () => {
  const session = usePlaygroundSession({ OUTBOX_POLL_MS: "200", SCHEDULE_TICK_MS: "3600000" });

  // One playground per person for the whole suite: a second one would take over their chat.
  const users = new Map<string, Promise<PlaygroundUser>>();
  const as = (role: Parameters<typeof personWith>[0]) => {
    if (!users.has(role)) users.set(role, session.open(personWith(role)));
    return users.get(role)!;
  };

  /** Waits until the text appears more often than `before` times (earlier cards may show it too). */
  async function waitForMore(user: PlaygroundUser, text: string, before: number): Promise<void> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const n = (await user.conversationText()).split(text).length - 1;
      if (n > before) return;
      if (Date.now() > deadline)
        throw new Error(`"${text}" still appears ${n} times for ${user.person.displayName}`);
      await user.page.waitForTimeout(200);
    }
  }
  const count = async (user: PlaygroundUser, text: string) =>
    (await user.conversationText()).split(text).length - 1;
  /** Buttons a person can press now (the Playground keeps earlier cards, some with no buttons). */
  const visibleButtons = (user: PlaygroundUser, title: string) =>
    user.page.getByRole("button", { name: title, exact: true }).locator("visible=true").count();

  async function fillForm(author: PlaygroundUser, text: string): Promise<void> {
    await author.say("new post");
    await author.waitForText("Propose a post for the school's social media");
    const page = author.page;
    await page.getByLabel("Post text").last().fill(text);
    await page.getByRole("checkbox", { name: "Facebook" }).last().check();
    await page.getByLabel("Intended date").last().fill("2026-12-12");
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
  }

  async function propose(author: PlaygroundUser, text: string): Promise<void> {
    await fillForm(author, text);
    await author.clickButton("Send for approval");
  }

  test("when a teacher proposes a post, then both approvers confirm it, the Resources Manager marks it posted, and the author sees each step; a rejection ends another", async () => {
    const author = await as("staff");
    const aht = await as("aht-publicity");
    const head = await as("headteacher");
    const rm = await as("resources-manager");

    await propose(author, "Well done to Year 6 for a brilliant science fair!");
    await author.waitForText("Sent for approval");
    await author.waitForText("Waiting for approval");
    await aht.waitForText("Well done to Year 6 for a brilliant science fair!", 30_000);
    await aht.clickButton("Approve");
    await aht.waitForText(
      /Priya Shah, Assistant Headteacher \(Parents, Publicity & Promotion\): Approved/,
      30_000,
    );
    await author.waitForText(
      /Priya Shah, Assistant Headteacher \(Parents, Publicity & Promotion\) approved your post/,
      30_000,
    );
    // The author's own copy of the card shows the decision, not only the notice.
    await author.waitForText(
      /Priya Shah, Assistant Headteacher \(Parents, Publicity & Promotion\): Approved/,
      30_000,
    );

    await head.waitForText("Well done to Year 6 for a brilliant science fair!", 30_000);
    await head.clickButton("Approve");
    await head.waitForText("Approved: ready to post");
    await rm.waitForText("Approved: ready to post", 30_000);
    await rm.clickButton("Mark as posted");
    await rm.page
      .getByLabel("Link to the live post")
      .last()
      .fill("https://facebook.com/northfield/posts/1");
    await rm.clickButton("Confirm it is live");
    await author.waitForText(/Helen Carter, Headteacher approved your post/, 30_000);
    await author.waitForText(/Your post is live/, 30_000);
    await author.waitForText(/Helen Carter, Headteacher: Approved/);
    // Every decision updated the one card in place: the author never got a second copy.
    const authorView = await author.conversationText();
    expect(authorView.match(/Proposed post by/g)).toHaveLength(1);
    await author.screenshot("post-approval-author-posted");

    await propose(author, "Photos from the school disco are now online!");
    await head.waitForText("Photos from the school disco are now online!", 30_000);
    const reason = await head.openShowCard("Reject", "Reason for rejecting");
    await reason.fill("Not suitable for our page.");
    await head.clickButton("Reject the post");
    await author.waitForText(/rejected your post/, 30_000);
    await author.waitForText(/Not suitable for our page\./);
  });

  test("when the Headteacher proposes a post, then only the AHT is asked, her proposal shows as her confirmation, and once approved it goes to the Resources Manager", async () => {
    const head = await as("headteacher");
    const aht = await as("aht-publicity");
    const rm = await as("resources-manager");
    const readyForRm = await count(rm, "Approved: ready to post");
    await propose(head, "Our choir sang beautifully at the carol service.");
    await head.waitForText("As the Headteacher, proposing it counts as your confirmation");
    const receipt = await head.waitForText(
      "It has gone to the Assistant Headteacher (Parents, Publicity & Promotion) to confirm",
    );
    expect(receipt).not.toMatch(/gone to[^.]*the Headteacher to confirm/);
    await head.waitForText("Helen Carter, Headteacher: Confirmed by proposing it", 30_000);
    // Her own copy is the author's: she is not asked for the key her proposal already gave.
    expect(await visibleButtons(head, "Approve")).toBe(0);
    await aht.waitForText("Our choir sang beautifully at the carol service.", 30_000);
    await aht.waitForText("Helen Carter, Headteacher: Confirmed by proposing it");
    await aht.screenshot("post-approval-head-proposes-aht");
    const ready = await count(aht, "Approved: ready to post");
    await aht.clickButton("Approve");
    await waitForMore(aht, "Approved: ready to post", ready);
    await rm.waitForText("Our choir sang beautifully at the carol service.", 30_000);
    // Handed to the Resources Manager: a ready-to-post card she can act on.
    await waitForMore(rm, "Approved: ready to post", readyForRm);
    expect(await visibleButtons(rm, "Mark as posted")).toBeGreaterThan(0);
    await head.waitForText(
      /Priya Shah, Assistant Headteacher \(Parents, Publicity & Promotion\) approved your post/,
      30_000,
    );
    await waitForMore(head, "Approved: ready to post", 0);
  });

  test("when a teacher's post names a pupil on the consent list, then the flags show before sending, and approval waits until the Headteacher overrides with a reason", async () => {
    const teacher = await as("staff");
    const head = await as("headteacher");
    await fillForm(teacher, "Oliver won the spelling bee! Call 07700 900123 for tickets.");
    await teacher.clickButton("Send for approval");
    const check = await teacher.waitForText("Check your post before it is sent");
    await teacher.waitForText('"Oliver" matches a pupil whose parents have withheld consent');
    expect(check).not.toContain("Bennett");
    await teacher.screenshot("post-approval-flags-before-sending");
    // Nothing went to the approvers yet.
    expect(await head.conversationText()).not.toContain("spelling bee");
    await teacher.page
      .getByLabel(/Reason for sending it as it is/)
      .last()
      .fill("It is the school office number; Oliver's parents agreed.");
    const sent = await count(teacher, "Sent for approval");
    await teacher.clickButton("Send anyway");
    await waitForMore(teacher, "Sent despite the checks", 0);
    await waitForMore(teacher, "Sent for approval", sent);
    await head.waitForText("Oliver won the spelling bee!", 30_000);
    await head.waitForText("Approval waits: a name matches the no-photo/no-name list");
    await head.screenshot("post-approval-consent-block");
    // Blocked: no Approve to press until the check is overridden.
    expect(await visibleButtons(head, "Approve")).toBe(0);
    await head.clickButton("Override the consent check");
    await head.page
      .getByLabel("Why it may go ahead despite the consent list")
      .last()
      .fill("His parents have since agreed in writing.");
    await head.clickButton("Override the check");
    await head.waitForText(
      "Helen Carter overrode the consent check: His parents have since agreed in writing.",
      30_000,
    );
    expect(await visibleButtons(head, "Approve")).toBe(1);
    const approvals = await count(teacher, "Helen Carter, Headteacher approved your post");
    await head.clickButton("Approve");
    await waitForMore(teacher, "Helen Carter, Headteacher approved your post", approvals);
  });
});
