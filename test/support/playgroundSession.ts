import type { Browser } from "playwright-core";
import type { Person } from "../../src/domain/people/person";
import { startServerUnderTest, type ServerUnderTest } from "./appServer";
import { launchChromium } from "./browser";
import { PlaygroundUser } from "./playgroundUser";
import { sampleRoster } from "./sampleRoster";

/*
 * What every playground end-to-end suite needs: the built server as its own process, one
 * Chromium, and a playground per person, all stopped after the suite.
 */
export interface PlaygroundSession {
  readonly server: () => ServerUnderTest;
  open(person: Person): Promise<PlaygroundUser>;
}

export function usePlaygroundSession(env: Record<string, string> = {}): PlaygroundSession {
  let server: ServerUnderTest | undefined;
  let browser: Browser | undefined;
  const users: PlaygroundUser[] = [];

  beforeAll(async () => {
    server = await startServerUnderTest(env);
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const u of users) await u.close();
    await browser?.close();
    await server?.stop();
  });

  return {
    server: () => server!,
    async open(person: Person) {
      const user = await PlaygroundUser.open(
        browser!,
        person,
        sampleRoster(),
        `${server!.url}/api/messages`,
      );
      users.push(user);
      return user;
    },
  };
}
