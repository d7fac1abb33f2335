import type { Person } from "../../src/domain/people/person";
import {
  installActivity,
  messageActivity,
  personalConversationId,
  post,
} from "../support/activities";
import { startAppUnderTest, type AppUnderTest } from "../support/inProcessApp";
import { personWith } from "../support/sampleRoster";

/*
 * Teams and group chats are seen by everyone in them: what the bot says there holds nothing about
 * the person who added it or wrote to it. Personal content stays in the personal chat.
 */
const CHANNEL = "19:staffroom@thread.tacv2";
const GROUP_CHAT = "19:meeting-planning@thread.v2";

function inConversation<T extends { conversation: Record<string, unknown> }>(
  activity: T,
  id: string,
  conversationType: "channel" | "groupChat",
): T {
  return {
    ...activity,
    conversation: { id, conversationType, isGroup: true, tenantId: "tenant-1" },
    channelData: {
      tenant: { id: "tenant-1" },
      ...(conversationType === "channel"
        ? { team: { id: CHANNEL, name: "Staff room" }, channel: { id: CHANNEL } }
        : {}),
    },
  };
}

/** In a channel or group chat Teams delivers a message to the bot only when it is @mentioned. */
function mentioning<T extends { text: string; recipient: { id: string } }>(activity: T): T {
  const at = "<at>Social Media Policy</at>";
  return {
    ...activity,
    text: `${at} ${activity.text}`,
    entities: [
      {
        type: "mention",
        text: at,
        mentioned: { id: activity.recipient.id, name: "Social Media Policy" },
      },
    ],
  };
}

describe("the bot in a team channel or a group chat", () => {
  let t: AppUnderTest;
  const head = personWith("headteacher");
  const teacher = personWith("staff");
  const personalMarks = (person: Person) => [
    person.displayName,
    person.displayName.split(" ")[0]!,
    "Welcome",
    "You are listed as",
    "Publish a new version",
    "not yet acknowledged",
    "acknowledged on",
  ];

  beforeAll(async () => {
    t = await startAppUnderTest({ OUTBOX_POLL_MS: "60000" });
  });
  afterAll(async () => t.stop());
  beforeEach(() => t.connector.clear());

  test("when the Headteacher adds the app to a team, then the channel gets a neutral introduction and no personal card", async () => {
    await post(
      t.app.url,
      inConversation(installActivity(head, t.connector.url), CHANNEL, "channel"),
    );
    const said = t.connector.texts(CHANNEL);
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/private chat/);
    for (const mark of personalMarks(head)) expect(said[0]).not.toContain(mark);
    expect(t.connector.texts(personalConversationId(head.aadObjectId))).toEqual([]);
  });

  test("when someone asks for the policy in the channel, then the channel is only told a private message was sent", async () => {
    await post(
      t.app.url,
      inConversation(
        mentioning(messageActivity(teacher, t.connector.url, "policy")),
        CHANNEL,
        "channel",
      ),
    );
    const said = t.connector.texts(CHANNEL);
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/private message/);
    for (const mark of personalMarks(teacher)) expect(said[0]).not.toContain(mark);
    expect(t.connector.cards(CHANNEL)).toHaveLength(0);
  });

  test("when the Headteacher asks for help in a group chat, then the reply is the neutral introduction, not their role commands", async () => {
    await post(
      t.app.url,
      inConversation(
        mentioning(messageActivity(head, t.connector.url, "help")),
        GROUP_CHAT,
        "groupChat",
      ),
    );
    const said = t.connector.texts(GROUP_CHAT);
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/private chat/);
    for (const mark of personalMarks(head)) expect(said[0]).not.toContain(mark);
  });

  test.each([
    "help",
    "my status",
    "report misuse",
    "propose a post",
    "publish policy",
    "can I friend a parent?",
  ])(
    "when someone types %s in a group chat, then the one reply holds nothing about them",
    async (text) => {
      await post(
        t.app.url,
        inConversation(
          mentioning(messageActivity(head, t.connector.url, text)),
          GROUP_CHAT,
          "groupChat",
        ),
      );
      const said = t.connector.texts(GROUP_CHAT);
      expect(said).toHaveLength(1);
      for (const mark of personalMarks(head)) expect(said[0]).not.toContain(mark);
    },
  );

  test("when the same person installs the app for themselves, then the personal chat gets the welcome with their commands", async () => {
    await post(t.app.url, installActivity(head, t.connector.url));
    const said = t.connector.texts(personalConversationId(head.aadObjectId)).join("\n");
    expect(said).toContain(`Welcome, ${head.displayName.split(" ")[0]}`);
    expect(said).toContain("Publish a new version");
  });
});
