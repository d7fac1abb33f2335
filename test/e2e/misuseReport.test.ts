import { usePlaygroundSession } from "../support/playgroundSession";
import type { PlaygroundUser } from "../support/playgroundUser";
import { personWith, sampleRoster } from "../support/sampleRoster";

jest.setTimeout(240_000);

describe("a confidential misuse report in the Agents Playground", () => {
  const session = usePlaygroundSession({ OUTBOX_POLL_MS: "200", SCHEDULE_TICK_MS: "3600000" });

  async function report(user: PlaygroundUser, concern: string, what: string): Promise<void> {
    await user.say("report");
    await user.waitForText("This goes in confidence to the Headteacher");
    const page = user.page;
    await page.getByLabel("What did you see (or what were you asked)?").last().fill(what);
    await page.getByLabel("Where (a link, or the platform)").last().fill("Facebook");
    await page.getByLabel("When").last().fill("This morning");
    await page.getByRole("checkbox", { name: concern }).last().check();
    await user.clickButton("Send the report");
  }

  test("when a teacher reports, then the Headteacher gets the case, acknowledges it, and the teacher sees the status; a report about the Headteacher goes to the Chair", async () => {
    const teacher = await session.open(personWith("staff"));
    const head = await session.open(personWith("headteacher"));
    const chair = await session.open(personWith("chair-of-governors"));
    const deputy = await session.open(personWith("aht-digital"));
    const colleague = await session.open(
      sampleRoster().find((p) => p.displayName === "Aisha Khan")!,
    );

    await report(
      teacher,
      "A colleague",
      "A colleague posted photos of pupils on their personal account.",
    );
    await teacher.waitForText(/Report R-\d{4}-0001 received/);
    await head.waitForText(/Confidential report R-\d{4}-0001/, 30_000);
    await head.screenshot("misuse-report-head-case");
    await head.clickButton("Acknowledge");
    await head.waitForText(/Status:?\s*Acknowledged/);
    const day = String.raw`\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December) \d{4}, \d{2}:\d{2}`;
    await head.waitForText(new RegExp(`Received:?\\s*${day}`));
    await head.waitForText(new RegExp(`${day}: Acknowledged by Helen Carter`));
    await teacher.waitForText(/Your report R-\d{4}-0001: acknowledged/, 30_000);
    await teacher.screenshot("misuse-report-teacher-status");

    // Each step lands on the timeline; "Mark as investigating" goes once it is done.
    await head.clickButton("Mark as investigating");
    await head.waitForText(new RegExp(`${day}: Marked as investigating by Helen Carter`), 30_000);
    await head.waitForText(/Status:?\s*Being investigated/);
    expect(
      await head.page
        .getByRole("button", { name: "Mark as investigating", exact: true })
        .locator("visible=true")
        .count(),
    ).toBe(0);
    // The case names nobody: the colleague is chosen from the roster, not typed.
    await head.openShowCard("Request removal", "Remove by");
    await head.page
      .getByRole("combobox", { name: /Colleague to ask \(the case names nobody\)/ })
      .last()
      .click();
    await head.page.getByRole("option", { name: "Aisha Khan", exact: true }).click();
    await head.page
      .getByLabel(/What should be removed/)
      .last()
      .fill("The photos of pupils");
    await head.page
      .getByLabel("Remove by")
      .last()
      .fill(new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10));
    await head.clickButton("Send the request");
    await head.waitForText(
      new RegExp(
        `${day}: Helen Carter asked Aisha Khan to remove a posting by \\d{1,2} \\w+ \\d{4}`,
      ),
      30_000,
    );
    await head.screenshot("misuse-report-head-timeline");

    // The Headteacher shares the case: the form renders, and the Deputy gets the case card.
    // Chosen from the roster (a small school's is listed; a large one's is searched).
    await head.openShowCard("Share the case", "Why they need to see it");
    await head.page
      .getByRole("combobox", { name: /The person to share it with/ })
      .last()
      .click();
    await head.page
      .getByRole("option", { name: personWith("aht-digital").displayName, exact: true })
      .click();
    await head.page
      .getByLabel("Why they need to see it")
      .last()
      .fill("Advice on the data protection side.");
    await head.clickButton(/^Share$/);
    await head.waitForText(/Shared with:?\s*Liam Hyde/);
    await deputy.waitForText(
      /shared this case with you: Advice on the data protection side/,
      30_000,
    );
    await deputy.screenshot("misuse-report-shared-case");

    // The colleague confirms the removal on her own card: the Headteacher is told in a new
    // message and the case's timeline has the step; closing it is the last step on the timeline.
    await colleague.waitForText(/Please remove a posting \(case R-\d{4}-0001\)/, 30_000);
    await colleague.clickButton("I have removed it");
    await colleague.waitForText("You confirmed it has been removed. Thank you.", 30_000);
    await head.waitForText(/Case R-\d{4}-0001: the posting was removed/, 30_000);
    await head.waitForText(
      new RegExp(`${day}: Aisha Khan confirmed the posting was removed`),
      30_000,
    );
    await head.openShowCard("Close the case", { button: "Close" });
    await head.page
      .getByRole("combobox", { name: /Outcome/ })
      .last()
      .click();
    await head.page.getByRole("option", { name: "Advice given", exact: true }).click();
    await head.clickButton(/^Close$/);
    await head.waitForText(new RegExp(`${day}: Closed by Helen Carter`), 30_000);
    await head.waitForText(/Status:?\s*Closed/);
    await head.screenshot("misuse-report-head-closed");

    await report(
      teacher,
      "The Headteacher",
      "The Headteacher's personal account shared a pupil's name.",
    );
    await teacher.waitForText(/Report R-\d{4}-0002 received/);
    await chair.waitForText(/Confidential report R-\d{4}-0002/, 30_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await head.conversationText()).not.toMatch(/R-\d{4}-0002/);
  });
});
