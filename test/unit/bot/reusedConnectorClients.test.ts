import { ConfigurationBotFrameworkAuthentication } from "botbuilder";
import { reuseConnectorClients } from "../../../src/bot/reusedConnectorClients";

describe("connector clients reused across turns", () => {
  const activity = (serviceUrl: string) =>
    ({ type: "message", serviceUrl, channelId: "msteams" }) as never;

  test("when two turns come from the same service URL, then they share one client; another URL gets its own", async () => {
    const auth = new ConfigurationBotFrameworkAuthentication({});
    reuseConnectorClients(auth);
    const first = await auth.authenticateRequest(activity("https://smba.example/emea/"), "");
    const second = await auth.authenticateRequest(activity("https://smba.example/emea/"), "");
    const a = await first.connectorFactory!.create("https://smba.example/emea/", first.audience);
    const b = await second.connectorFactory!.create("https://smba.example/emea/", second.audience);
    const c = await second.connectorFactory!.create("https://smba.example/amer/", second.audience);
    expect(b).toBe(a);
    expect(c).not.toBe(a);
    expect(await auth.createUserTokenClient(first.claimsIdentity)).toBe(
      await auth.createUserTokenClient(second.claimsIdentity),
    );
    // Proactive turns (the outbox) go through createConnectorFactory: the same clients.
    expect(
      await auth
        .createConnectorFactory(first.claimsIdentity)
        .create("https://smba.example/emea/", first.audience),
    ).toBe(a);
  });
});
