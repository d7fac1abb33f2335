import { createLogger } from "../../src/logging";
import { EntraRoster } from "../../src/identity/entraRoster";
import { parseRoleGroups } from "../../src/identity/roleGroups";
import { staticTokenProvider } from "../../src/graph/tokenProvider";
import { GraphApi } from "../../src/graph/graphClient";
import {
  installActivity,
  messageActivity,
  personalConversationId,
  post,
} from "../support/activities";
import { seedEntra, STAFF_GROUP_ID } from "../support/entraDirectory";
import { GRAPH_TEST_TOKEN, GraphTestServer } from "../support/graphTestServer";
import { startAppUnderTest, type AppUnderTest } from "../support/inProcessApp";
import { sampleRoster } from "../support/sampleRoster";

/*
 * The staff roster from Entra ID through Graph: transitive members of the "all staff" group, roles
 * from the role groups, refreshed on a schedule; leavers vanish at the next refresh and stop
 * receiving messages.
 */
const logger = createLogger("silent");
const people = sampleRoster();

function graphOn(server: GraphTestServer): GraphApi {
  return new GraphApi(
    { baseUrl: server.baseUrl, timeoutMs: 3000, maxRetries: 3, retryDelaySeconds: 0 },
    staticTokenProvider(GRAPH_TEST_TOKEN),
  );
}

describe("the roster read from Entra groups", () => {
  let server: GraphTestServer;
  let settings: {
    staffGroupId: string;
    roleGroups: ReturnType<typeof parseRoleGroups>["groups"];
    refreshMs: number;
  };

  beforeEach(async () => {
    server = await new GraphTestServer({ directoryPageSize: 3 }).start();
    const env = seedEntra(server, people);
    settings = {
      staffGroupId: env.ENTRA_STAFF_GROUP_ID!,
      roleGroups: parseRoleGroups(env.ENTRA_ROLE_GROUPS).groups,
      refreshMs: 60_000,
    };
  });
  afterEach(async () => server.stop());

  test("when loaded, then everyone in the staff group (nested groups included) is on it, with the roles their groups give", async () => {
    const roster = await EntraRoster.load(graphOn(server), settings, logger);
    const all = await roster.all();
    expect(all).toHaveLength(people.length);
    for (const person of people) {
      const found = await roster.find(person.aadObjectId);
      expect(found).toMatchObject({
        displayName: person.displayName,
        email: person.email,
        department: person.department,
      });
      expect([...found!.roles].sort()).toEqual([...person.roles].sort());
    }
    // Pages of three members: the roster followed @odata.nextLink to the end.
    const staffPages = server.requests.filter((r) => r.path.includes(STAFF_GROUP_ID));
    expect(staffPages.length).toBe(Math.ceil(people.length / 3));
  });

  test("when Graph returns the staff with limited information (no User.Read.All), then the roster refuses to load and names the permission", async () => {
    server.limitedUserInformation = true;
    await expect(EntraRoster.load(graphOn(server), settings, logger)).rejects.toThrow(
      new RegExp(
        `${people.length} of ${people.length} members .*limited information.*User\\.Read\\.All`,
      ),
    );
  });

  test("when a refresh meets limited information after a good load, then the last roster is kept, never nameless staff", async () => {
    const roster = await EntraRoster.load(graphOn(server), settings, logger);
    server.limitedUserInformation = true;
    await expect(roster.refresh()).rejects.toThrow(/User\.Read\.All/);
    const all = await roster.all();
    expect(all).toHaveLength(people.length);
    expect(all.every((p) => p.displayName !== p.aadObjectId && p.displayName.length > 0)).toBe(
      true,
    );
  });

  test("when a guests group is configured, then the agency staff and volunteers in it are on the roster too, with their roles", async () => {
    const GUESTS = "5a1c0e9e-0000-4000-8000-0000000000ab";
    const VOLUNTEERS = "5a1c0e9e-0000-4000-8000-0000000000ac";
    server.addUser({
      id: "guest-agency-1",
      displayName: "Pat Supply",
      mail: "pat.supply@agency.example",
      department: "Supply",
    });
    server.addUser({
      id: "guest-volunteer-1",
      displayName: "Vi Reader",
      mail: "vi@volunteers.example",
      department: "Volunteers",
    });
    server.setGroupMembers(GUESTS, ["guest-agency-1", "guest-volunteer-1"]);
    server.setGroupMembers(VOLUNTEERS, ["guest-volunteer-1"]);
    const withGuests = {
      ...settings,
      guestGroupId: GUESTS,
      roleGroups: [...settings.roleGroups, { role: "volunteer" as const, groupId: VOLUNTEERS }],
    };
    const roster = await EntraRoster.load(graphOn(server), withGuests, logger);
    expect(await roster.all()).toHaveLength(people.length + 2);
    expect(await roster.find("guest-agency-1")).toMatchObject({
      displayName: "Pat Supply",
      roles: ["staff"],
    });
    expect((await roster.find("guest-volunteer-1"))?.roles).toEqual(["volunteer", "staff"]);
    // Without the setting, guests are not on it.
    expect(
      await (await EntraRoster.load(graphOn(server), settings, logger)).find("guest-agency-1"),
    ).toBeUndefined();
  });

  test("when an account is disabled, then that person is not on the roster", async () => {
    const leaver = people[6]!;
    server.addUser({
      id: leaver.aadObjectId,
      displayName: leaver.displayName,
      mail: leaver.email,
      accountEnabled: false,
    });
    const roster = await EntraRoster.load(graphOn(server), settings, logger);
    expect(await roster.find(leaver.aadObjectId)).toBeUndefined();
    expect(await roster.all()).toHaveLength(people.length - 1);
  });

  test("when someone leaves the staff group, then the next refresh drops them and reports the change", async () => {
    const roster = await EntraRoster.load(graphOn(server), settings, logger);
    const leaver = people[3]!;
    server.removeUser(leaver.aadObjectId);
    expect(await roster.refresh()).toEqual({ people: people.length - 1, joined: 0, left: 1 });
    expect(await roster.find(leaver.aadObjectId)).toBeUndefined();
  });

  test("when the staff group comes back empty or Graph fails, then the last good roster is kept", async () => {
    const roster = await EntraRoster.load(graphOn(server), settings, logger);
    server.setGroupMembers(STAFF_GROUP_ID, []);
    await expect(roster.refresh()).rejects.toThrow(/no enabled members/);
    expect(await roster.all()).toHaveLength(people.length);
  });

  test("when Graph throttles the read, then the SDK's retry gets through", async () => {
    server.inject(
      { kind: "throttle", retryAfterSeconds: 0 },
      { path: /transitiveMembers/, times: 2 },
    );
    const roster = await EntraRoster.load(graphOn(server), settings, logger);
    expect(await roster.all()).toHaveLength(people.length);
  });

  test("when the members cast is asked without ConsistencyLevel, then Graph refuses it (as the published API does)", async () => {
    await expect(
      graphOn(server).get(
        `/groups/${STAFF_GROUP_ID}/transitiveMembers/microsoft.graph.user?$count=true`,
      ),
    ).rejects.toMatchObject({ statusCode: 400, code: "Request_UnsupportedQuery" });
  });
});

describe("the app with ROSTER_SOURCE=entra", () => {
  let server: GraphTestServer;
  let t: AppUnderTest;
  const [stays, leaves] = [people[8]!, people[9]!];

  beforeAll(async () => {
    server = await new GraphTestServer().start();
    t = await startAppUnderTest({
      ...seedEntra(server, people),
      GRAPH_BASE_URL: server.baseUrl,
      GRAPH_ACCESS_TOKEN: GRAPH_TEST_TOKEN,
      OUTBOX_POLL_MS: "60000",
      OUTBOX_RATE_PER_SECOND: "50",
    });
    for (const p of [stays, leaves]) await post(t.app.url, installActivity(p, t.connector.url));
  });
  afterAll(async () => {
    await t.stop();
    await server.stop();
  });

  test("when a member of staff leaves, then their queued message is not sent and says why, and the bot no longer knows them", async () => {
    const card = { template: "notice", data: { title: "Notice", message: "to both", tone: "" } };
    await t.app.services.outbox.enqueueAll([
      { key: "leaver-1", recipient: stays.aadObjectId, purpose: "test", campaign: "leaver", card },
      { key: "leaver-2", recipient: leaves.aadObjectId, purpose: "test", campaign: "leaver", card },
    ]);
    server.removeUser(leaves.aadObjectId);
    await (t.app.services.directory as EntraRoster).refresh();
    t.connector.clear();

    await t.app.outboxWorker.drain();
    expect((await t.app.services.outbox.byKey("leaver-1"))?.status).toBe("delivered");
    expect((await t.app.services.outbox.byKey("leaver-2"))?.status).toBe("undeliverable");
    expect(t.connector.texts(personalConversationId(stays.aadObjectId)).join("\n")).toMatch(
      /to both/,
    );
    expect(t.connector.texts(personalConversationId(leaves.aadObjectId))).toEqual([]);
    expect((await t.app.services.outbox.byKey("leaver-2"))?.lastError).toBe(
      "The person is no longer on the staff roster.",
    );

    await post(t.app.url, messageActivity(leaves, t.connector.url, "help"));
    expect(t.connector.texts(personalConversationId(leaves.aadObjectId)).join("\n")).toMatch(
      /not on this app's list of people the Staff Social Media Policy covers[\s\S]*ask the school office \(the Resources Manager, Joanne Mills, keeps the list\)[\s\S]*Agency and supply staff, volunteers/,
    );
  });
});
