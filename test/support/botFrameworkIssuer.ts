import http from "node:http";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from "jose";

/*
 * A local stand-in for login.botframework.com: an OpenID metadata document and a JWKS with a
 * locally generated RSA key, so inbound Bot Framework authentication is tested with no network.
 */
export const TEST_ISSUER = "https://api.botframework.com";

export class BotFrameworkIssuer {
  private server?: http.Server;
  private privateKey?: CryptoKey;
  private jwk?: JWK;
  readonly kid = "test-key-1";
  url = "";

  async start(): Promise<this> {
    const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
    this.privateKey = privateKey;
    this.jwk = { ...(await exportJWK(publicKey)), kid: this.kid, use: "sig", alg: "RS256" };
    this.server = http.createServer((req, res) => {
      res.setHeader("content-type", "application/json");
      if (req.url === "/v1/.well-known/openidconfiguration") {
        res.end(
          JSON.stringify({
            issuer: TEST_ISSUER,
            jwks_uri: `${this.url}/v1/keys`,
            id_token_signing_alg_values_supported: ["RS256"],
          }),
        );
      } else if (req.url === "/v1/keys") {
        res.end(JSON.stringify({ keys: [{ ...this.jwk, endorsements: ["msteams"] }] }));
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

  get metadataUrl(): string {
    return `${this.url}/v1/.well-known/openidconfiguration`;
  }

  /** A token as the Bot Connector would send it; override claims or the key to forge one. */
  async token(options: {
    audience: string;
    serviceUrl: string;
    expiresIn?: string | number;
    issuer?: string;
    key?: CryptoKey;
  }): Promise<string> {
    return new SignJWT({ serviceurl: options.serviceUrl })
      .setProtectedHeader({ alg: "RS256", kid: this.kid, typ: "JWT" })
      .setIssuer(options.issuer ?? TEST_ISSUER)
      .setAudience(options.audience)
      .setIssuedAt(Math.floor(Date.now() / 1000) - 60)
      .setNotBefore(Math.floor(Date.now() / 1000) - 60)
      .setExpirationTime(options.expiresIn ?? "10m")
      .sign(options.key ?? this.privateKey!);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }
}
