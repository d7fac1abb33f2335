import type { Browser } from "playwright-core";
import { launchChromium } from "../support/browser";
import { startServerUnderTest, type ServerUnderTest } from "../support/appServer";
import { PlaygroundUser } from "../support/playgroundUser";
import { personWith, sampleRoster } from "../support/sampleRoster";

jest.setTimeout(120_000);

describe("the bot in the Microsoft 365 Agents Playground", () => {
  let server: ServerUnderTest;
  let browser: Browser;
  const users: PlaygroundUser[] = [];

  beforeAll(async () => {
    server = await startServerUnderTest();
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const u of users) await u.close();
    await browser?.close();
    await server?.stop();
  });

  test("when a teacher opens the app, then the welcome card greets them and help lists only what staff can do", async () => {
    const teacher = personWith("staff");
    const user = await PlaygroundUser.open(browser, teacher, sampleRoster(), `${server.url}/api/messages`);
    users.push(user);
    await user.waitForText(`Welcome, ${teacher.displayName.split(" ")[0]}`);
    await user.say("help");
    const text = await user.waitForText("What I can do for you");
    expect(text).toContain("You are listed as: Staff");
    expect(text).not.toContain("Open the dashboard");
    await user.screenshot("playground-help-teacher");
  });

  test("when the headteacher opens the app, then the welcome card offers the dashboard", async () => {
    const head = personWith("headteacher");
    const user = await PlaygroundUser.open(browser, head, sampleRoster(), `${server.url}/api/messages`);
    users.push(user);
    await user.waitForText(`Welcome, ${head.displayName.split(" ")[0]}`);
    await user.waitForText("Open the dashboard");
  });
});
