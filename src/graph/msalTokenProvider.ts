import { ConfidentialClientApplication, type INetworkModule } from "@azure/msal-node";
import type { TokenProvider } from "./tokenProvider";

/*
 * The production token source: the Entra app's client credentials (AAD_APP_CLIENT_ID,
 * AAD_APP_CLIENT_SECRET) for the school's tenant. msal-node caches the token in memory and
 * renews it shortly before it expires, so asking for every request is cheap.
 */
export interface ClientCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly tenantId: string;
  /** e.g. https://login.microsoftonline.com (AAD_APP_OAUTH_AUTHORITY_HOST; sovereign clouds differ). */
  readonly authorityHost: string;
}

export class MsalTokenProvider implements TokenProvider {
  private readonly app: ConfidentialClientApplication;
  private readonly scopes: string[];

  /** `network` replaces msal's HTTP client (tests: no Entra ID on this machine). */
  constructor(credentials: ClientCredentials, graphBaseUrl: string, network?: INetworkModule) {
    this.app = new ConfidentialClientApplication({
      auth: {
        clientId: credentials.clientId,
        clientSecret: credentials.clientSecret,
        authority: `${credentials.authorityHost.replace(/\/$/, "")}/${credentials.tenantId}`,
      },
      ...(network ? { system: { networkClient: network } } : {}),
    });
    // Application permissions are granted per resource: ask for all of them at Graph's origin.
    this.scopes = [`${new URL(graphBaseUrl).origin}/.default`];
  }

  async getToken(): Promise<string> {
    const result = await this.app.acquireTokenByClientCredential({ scopes: this.scopes });
    if (!result?.accessToken)
      throw new Error("Entra ID returned no access token for Microsoft Graph");
    return result.accessToken;
  }
}
