import type { INetworkModule, NetworkRequestOptions } from "@azure/msal-node";
import { MsalTokenProvider } from "../../../src/graph/msalTokenProvider";

/*
 * The production token source, with msal-node's HTTP client replaced by a recording fake of
 * Entra ID (instance discovery, OpenID metadata, token endpoint): no network on this machine.
 */
const TENANT = "7c0f3b8e-1d2a-4c5b-9e6f-0a1b2c3d4e5f";

function fakeEntra(): {
  network: INetworkModule;
  tokenRequests: { url: string; body: URLSearchParams }[];
} {
  const tokenRequests: { url: string; body: URLSearchParams }[] = [];
  const ok = <T>(body: unknown) => ({ status: 200, headers: {}, body: body as T });
  const network: INetworkModule = {
    async sendGetRequestAsync<T>(url: string) {
      if (url.includes("/discovery/instance")) {
        return ok<T>({
          tenant_discovery_endpoint: `https://login.microsoftonline.com/${TENANT}/v2.0/.well-known/openid-configuration`,
          "api-version": "1.1",
          metadata: [
            {
              preferred_network: "login.microsoftonline.com",
              preferred_cache: "login.windows.net",
              aliases: ["login.microsoftonline.com"],
            },
          ],
        });
      }
      if (url.includes("openid-configuration")) {
        return ok<T>({
          token_endpoint: `https://login.microsoftonline.com/${TENANT}/oauth2/v2.0/token`,
          authorization_endpoint: `https://login.microsoftonline.com/${TENANT}/oauth2/v2.0/authorize`,
          end_session_endpoint: `https://login.microsoftonline.com/${TENANT}/oauth2/v2.0/logout`,
          issuer: `https://login.microsoftonline.com/${TENANT}/v2.0`,
          jwks_uri: `https://login.microsoftonline.com/${TENANT}/discovery/v2.0/keys`,
        });
      }
      throw new Error(`unexpected GET ${url}`);
    },
    async sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions) {
      tokenRequests.push({ url, body: new URLSearchParams(options?.body ?? "") });
      return ok<T>({
        token_type: "Bearer",
        expires_in: 3599,
        ext_expires_in: 3599,
        access_token: `graph-token-${tokenRequests.length}`,
      });
    },
  };
  return { network, tokenRequests };
}

describe("Graph tokens from the Entra app's client credentials", () => {
  test("when a token is asked for, then the client credentials grant asks for Graph's .default scope and msal caches it", async () => {
    const { network, tokenRequests } = fakeEntra();
    const provider = new MsalTokenProvider(
      {
        clientId: "app-id",
        clientSecret: "s3cret",
        tenantId: TENANT,
        authorityHost: "https://login.microsoftonline.com/",
      },
      "https://graph.microsoft.com/v1.0",
      network,
    );
    expect(await provider.getToken()).toBe("graph-token-1");
    expect(await provider.getToken()).toBe("graph-token-1");
    expect(tokenRequests).toHaveLength(1);
    const [request] = tokenRequests;
    expect(request!.url.split("?")[0]).toBe(
      `https://login.microsoftonline.com/${TENANT}/oauth2/v2.0/token`,
    );
    expect(request!.body.get("grant_type")).toBe("client_credentials");
    expect(request!.body.get("scope")).toBe("https://graph.microsoft.com/.default");
    expect(request!.body.get("client_id")).toBe("app-id");
    expect(request!.body.get("client_secret")).toBe("s3cret");
  });

  test("when Graph is a national cloud, then the scope follows GRAPH_BASE_URL's origin", async () => {
    const { network, tokenRequests } = fakeEntra();
    const provider = new MsalTokenProvider(
      {
        clientId: "app-id",
        clientSecret: "s",
        tenantId: TENANT,
        authorityHost: "https://login.microsoftonline.com",
      },
      "https://graph.microsoft.us/v1.0",
      network,
    );
    await provider.getToken();
    expect(tokenRequests[0]!.body.get("scope")).toBe("https://graph.microsoft.us/.default");
  });
});
