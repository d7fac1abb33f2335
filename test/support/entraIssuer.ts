import http from "node:http";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from "jose";

/*
 * A local stand-in for Entra ID's key endpoint (…/discovery/v2.0/keys) with a locally generated
 * RSA key, and a minter of tab SSO tokens shaped like the ones Teams' getAuthToken returns.
 * Point SSO_JWKS_URL at `jwksUrl` and SSO_AUTHORITY_HOST at `authorityHost`.
 */
export const TEST_TENANT = "9a8b7c6d-1111-4222-8333-444455556666";
export const TEST_CLIENT_ID = "0f1e2d3c-aaaa-4bbb-8ccc-ddddeeeeffff";
export const TEST_AUTHORITY_HOST = "https://login.microsoftonline.test";

export interface TokenOptions {
  readonly oid: string;
  readonly audience: string;
  readonly tenant?: string;
  readonly issuer?: string;
  readonly scope?: string | null;
  /** Seconds since the epoch, or a jose duration like "10m". */
  readonly expiresAt?: number | string;
  readonly notBefore?: number;
  /** Sign with another key (a forgery): the kid still names the published key. */
  readonly key?: CryptoKey;
}

export class EntraIssuer {
  private server?: http.Server;
  private privateKey?: CryptoKey;
  private jwk?: JWK;
  readonly kid = "tab-sso-test-key";
  /** How many times the key set was fetched (jose caches it). */
  fetches = 0;
  url = "";

  async start(): Promise<this> {
    const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
    this.privateKey = privateKey;
    this.jwk = { ...(await exportJWK(publicKey)), kid: this.kid, use: "sig", alg: "RS256" };
    this.server = http.createServer((req, res) => {
      res.setHeader("content-type", "application/json");
      if (req.url === `/${TEST_TENANT}/discovery/v2.0/keys`) {
        this.fetches++;
        res.end(JSON.stringify({ keys: [this.jwk] }));
      } else {
        res.statusCode = 404;
        res.end("{}");
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    return this;
  }

  get jwksUrl(): string {
    return `${this.url}/${TEST_TENANT}/discovery/v2.0/keys`;
  }

  /** What SSO_AUTHORITY_HOST is set to in tests: the issuer is `<host>/<tenant>/v2.0`. */
  get authorityHost(): string {
    return TEST_AUTHORITY_HOST;
  }

  static defaultAudience(tabDomain: string): string {
    return `api://${tabDomain}/${TEST_CLIENT_ID}`;
  }

  async token(options: TokenOptions): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const tenant = options.tenant ?? TEST_TENANT;
    const claims: Record<string, unknown> = {
      oid: options.oid,
      tid: tenant,
      ver: "2.0",
      azp: "5e3ce6c0-2b1f-4285-8d4b-75ee78787346",
    };
    if (options.scope !== null) claims.scp = options.scope ?? "access_as_user";
    return new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", kid: this.kid, typ: "JWT" })
      .setIssuer(options.issuer ?? `${TEST_AUTHORITY_HOST}/${tenant}/v2.0`)
      .setAudience(options.audience)
      .setIssuedAt(now - 60)
      .setNotBefore(options.notBefore ?? now - 60)
      .setExpirationTime(options.expiresAt ?? "10m")
      .sign(options.key ?? this.privateKey!);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }
}
