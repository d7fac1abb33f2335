import type { ConfigurationBotFrameworkAuthentication } from "botbuilder";
import {
  JwtTokenValidation,
  type ClaimsIdentity,
  type ConnectorFactory,
} from "botframework-connector";
import { Remembered } from "../domain/remembered";

/*
 * botbuilder builds two new HTTP clients (connector and user token), each with its own Azure
 * pipeline, for every inbound activity and every proactive turn: a measurable share of a turn's
 * CPU. The clients keep no per-turn state and get tokens through their credentials (which cache
 * them), so one client per app id, service URL and audience serves every turn.
 */
const MAX_CLIENTS = 256;

class ClientCache {
  // Service URLs are a handful per tenant; the cap only guards against a caller inventing them.
  private readonly clients = new Remembered<string, Promise<unknown>>(MAX_CLIENTS);

  get<T>(key: string, make: () => Promise<T>): Promise<T> {
    return this.clients.get(key, () => {
      const client = make();
      // A failed creation (credentials unavailable) is retried on the next turn, not remembered.
      client.catch(() => this.clients.forget(key));
      return client;
    }) as Promise<T>;
  }
}

const appIdOf = (identity: ClaimsIdentity): string =>
  JwtTokenValidation.getAppIdFromClaims(identity.claims) ?? "";

export function reuseConnectorClients(auth: ConfigurationBotFrameworkAuthentication): void {
  const cache = new ClientCache();
  const reusing = (factory: ConnectorFactory, appId: string): ConnectorFactory =>
    ({
      create: (serviceUrl: string, audience?: string) =>
        cache.get(`connector|${appId}|${serviceUrl}|${audience ?? ""}`, () =>
          factory.create(serviceUrl, audience),
        ),
    }) as ConnectorFactory;

  const authenticate = auth.authenticateRequest.bind(auth);
  auth.authenticateRequest = async (...args) => {
    const result = await authenticate(...args);
    return result.connectorFactory
      ? {
          ...result,
          connectorFactory: reusing(result.connectorFactory, appIdOf(result.claimsIdentity)),
        }
      : result;
  };
  const createFactory = auth.createConnectorFactory.bind(auth);
  auth.createConnectorFactory = (identity) => reusing(createFactory(identity), appIdOf(identity));
  const createUserTokenClient = auth.createUserTokenClient.bind(auth);
  auth.createUserTokenClient = (identity) =>
    cache.get(`userToken|${appIdOf(identity)}`, () => createUserTokenClient(identity));
}
