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

  test("when the headteacher opens the app, then the welcome card offers the dashboard", async () => {
    const head = personWith("headteacher");
    const user = await session.open(head);
    await user.waitForText(`Welcome, ${head.displayName.split(" ")[0]}`);
    await user.waitForText("Open the dashboard");
  });
});
