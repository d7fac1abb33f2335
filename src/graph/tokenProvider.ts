/*
 * Where the service's own Microsoft Graph tokens come from: a port, so the Graph adapters work
 * unchanged against a real tenant (msal-node client credentials) or a Graph-compatible test server
 * (a static token). Tokens are never logged.
 */
export interface TokenProvider {
  /** A bearer token for GRAPH_BASE_URL, fresh enough for at least the next request. */
  getToken(): Promise<string>;
}

/** A fixed token: for tests and for local Graph-compatible servers only. */
export function staticTokenProvider(token: string): TokenProvider {
  if (!token) throw new Error("A static Graph token must not be empty");
  return { getToken: async () => token };
}
