import { usePlaygroundSession } from "../support/playgroundSession";
import type { PlaygroundUser } from "../support/playgroundUser";
import { personWith } from "../support/sampleRoster";

jest.setTimeout(300_000);

describe("a post for the school's accounts, approved in the Agents Playground", () => {
  const session = usePlaygroundSession({ OUTBOX_POLL_MS: "200", SCHEDULE_TICK_MS: "3600000" });

  async function propose(author: PlaygroundUser, text: string): Promise<void> {
    await author.say("new post");
    await author.waitForText("Propose a post for the school's social media");
    const page = author.page;
    await page.getByLabel("Post text").last().fill(text);
    await page.getByRole("checkbox", { name: "Facebook" }).last().check();
    await page.getByLabel("Intended date").last().fill("2026-12-12");
    for (const start of ["Ensure that permission", "Ensure that there is no identifying", "The post must be a positive", "Any photos for social media", "Where any device is used"]) {
      await page.getByRole("checkbox", { name: new RegExp(`^${start}`) }).last().check();
    }
    await author.clickButton("Send for approval");
  }

  test("when a teacher proposes a post, then both approvers confirm it, the Resources Manager marks it posted, and the author sees each step; a rejection ends another", async () => {
    const author = await session.open(personWith("staff"));
    const aht = await session.open(personWith("aht-publicity"));
    const head = await session.open(personWith("headteacher"));
    const rm = await session.open(personWith("resources-manager"));

    await propose(author, "Well done to Year 6 for a brilliant science fair!");
    await author.waitForText("Sent for approval");
    await author.waitForText("Waiting for approval");
    await aht.waitForText("Well done to Year 6 for a brilliant science fair!", 30_000);
    await aht.clickButton("Approve");
    await aht.waitForText(/Priya Shah, Assistant Headteacher \(Parents, Publicity & Promotion\): Approved/, 30_000);
    await author.waitForText(/Priya Shah, Assistant Headteacher \(Parents, Publicity & Promotion\) approved your post/, 30_000);
    // The author's own copy of the card shows the decision, not only the notice.
    await author.waitForText(/Priya Shah, Assistant Headteacher \(Parents, Publicity & Promotion\): Approved/, 30_000);

    await head.waitForText("Well done to Year 6 for a brilliant science fair!", 30_000);
    await head.clickButton("Approve");
    await head.waitForText("Approved: ready to post");
    await rm.waitForText("Approved: ready to post", 30_000);
    await rm.clickButton("Mark as posted");
    await rm.page.getByLabel("Link to the live post").last().fill("https://facebook.com/northfield/posts/1");
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
    await head.clickButton("Reject");
    await head.page.getByLabel("Reason for rejecting").last().fill("Not suitable for our page.");
    await head.clickButton("Reject the post");
    await author.waitForText(/rejected your post/, 30_000);
    await author.waitForText(/Not suitable for our page\./);
  });
});
