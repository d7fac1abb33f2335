import { usePlaygroundSession } from "../support/playgroundSession";
import { personWith } from "../support/sampleRoster";

jest.setTimeout(120_000);

describe("the bot in the Microsoft 365 Agents Playground", () => {
  const session = usePlaygroundSession();

  test("when a teacher opens the app, then the welcome card greets them and help lists only what staff can do", async () => {
    const teacher = personWith("staff");
    const user = await session.open(teacher);
    await user.waitForText(`Welcome, ${teacher.displayName.split(" ")[0]}`);
    await user.say("help");
    const text = await user.waitForText("What I can do for you");
    expect(text).toContain("You are listed as: Staff");
    expect(text).not.toContain("Open the dashboard");
    await user.screenshot("playground-help-teacher");
  });

  test("when the headteacher opens the app locally and clicks Open the dashboard, then the dashboard opens signed in as them", async () => {
    const head = personWith("headteacher");
    const user = await session.open(head);
    await user.waitForText(`Welcome, ${head.displayName.split(" ")[0]}`);
    await user.waitForText("Open the dashboard");
    const opened = user.page.context().waitForEvent("page", { timeout: 15_000 });
    // The card's Action.OpenUrl: a link or a button depending on the renderer.
    await user.page.getByText("Open the dashboard", { exact: true }).last().click();
    const tab = await opened;
    // Local mode: the plain page, naming the person (no Teams SSO outside Teams).
    expect(new URL(tab.url()).searchParams.get("user")).toBe(head.aadObjectId);
    await tab
      .getByRole("heading", { name: "Staff Social Media Policy: acknowledgements" })
      .waitFor({ timeout: 30_000 });
    await tab.getByRole("heading", { name: "Completion" }).waitFor({ timeout: 30_000 });
    await tab.screenshot({ path: "test-output/playground-open-dashboard.png", fullPage: true });
    await tab.close();
  });
});
