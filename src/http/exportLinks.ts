import { errors, jwtVerify, SignJWT } from "jose";
import { z } from "zod";
import type { Clock } from "../ports";

/*
 * Short-lived signed download links for the dashboard's exports. New Teams and Teams mobile do
 * not keep a blob download made inside a tab (the first works, later ones do nothing), so the tab
 * asks the tab API (signed in as usual) for a link and hands it to the host, which downloads it
 * like any file. The link carries its own proof: an HS256 token naming the person, the role they
 * held when it was issued, the export kind and its parameters, valid for five minutes at most.
 * The download route checks the token and then the person's role again, server-side.
 *
 * The secret is EXPORT_LINK_SECRET (required in production, so every instance accepts the links
 * any of them issued); in local mode, without it, each process makes its own, which is right for
 * the single local instance only.
 */

export const EXPORT_KINDS = ["acknowledgements"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** The longest a link lives: enough for the host to start the download, not to pass it round. */
export const EXPORT_LINK_TTL_SECONDS = 300;

/** Where the host downloads an export from. */
export const EXPORT_PATH = "/api/exports";

const AUDIENCE = "dashboard-export";
const ISSUER = "social-media-policy-bot";

/** What a link grants: one kind of export, with these parameters, to this person. */
export interface ExportGrant {
  readonly kind: ExportKind;
  /** The person's aadObjectId. */
  readonly userId: string;
  /** The dashboard access they had when the link was issued ("names" for a staff export). */
  readonly access: "names" | "figures";
  /** The export's own parameters (a version and a filter), re-validated when it is downloaded. */
  readonly params: Readonly<Record<string, string>>;
}

export type ExportLinkCheck =
  | { readonly ok: true; readonly grant: ExportGrant }
  | {
      readonly ok: false;
      readonly status: 401 | 403;
      /** For the operator's log and the answer; never the token or a claim. */
      readonly code: string;
      readonly message: string;
    };

const claimsSchema = z.object({
  sub: z.string().min(1).max(100),
  kind: z.enum(EXPORT_KINDS),
  access: z.enum(["names", "figures"]),
  params: z.record(z.string().max(40), z.string().max(200)),
});

export class ExportLinks {
  private readonly key: Uint8Array;

  constructor(
    secret: string | Uint8Array,
    private readonly clock: Clock,
    private readonly ttlSeconds = EXPORT_LINK_TTL_SECONDS,
  ) {
    this.key = typeof secret === "string" ? new TextEncoder().encode(secret) : secret;
    if (this.key.length < 32) throw new Error("the export link secret must be at least 32 bytes");
    if (ttlSeconds > EXPORT_LINK_TTL_SECONDS)
      throw new Error(`export links live ${EXPORT_LINK_TTL_SECONDS} s at most`);
  }

  /** The path and query the host downloads, and when it stops working. */
  async issue(grant: ExportGrant): Promise<{ url: string; expiresAt: string }> {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const token = await new SignJWT({
      kind: grant.kind,
      access: grant.access,
      params: grant.params,
    })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setSubject(grant.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + this.ttlSeconds)
      .sign(this.key);
    return {
      url: `${EXPORT_PATH}/${grant.kind}.csv?token=${encodeURIComponent(token)}`,
      expiresAt: new Date((now + this.ttlSeconds) * 1000).toISOString(),
    };
  }

  /** The grant in a token presented for `kind`, or why it is refused. */
  async check(token: string | undefined, kind: string): Promise<ExportLinkCheck> {
    if (!token)
      return refusal(401, "EXPORT.NO_TOKEN", "This download link is incomplete. Export again.");
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, this.key, {
        algorithms: ["HS256"],
        audience: AUDIENCE,
        issuer: ISSUER,
        currentDate: this.clock.now(),
        requiredClaims: ["exp", "iat", "sub"],
        maxTokenAge: this.ttlSeconds,
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired)
        return refusal(
          401,
          "EXPORT.EXPIRED",
          "This download link has expired (links last five minutes). Export again from the dashboard.",
        );
      return refusal(401, "EXPORT.BAD_TOKEN", "This download link is not valid. Export again.");
    }
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success)
      return refusal(401, "EXPORT.BAD_TOKEN", "This download link is not valid. Export again.");
    if (claims.data.kind !== kind)
      return refusal(403, "EXPORT.WRONG_KIND", "This download link is for another export.");
    return {
      ok: true,
      grant: {
        kind: claims.data.kind,
        userId: claims.data.sub,
        access: claims.data.access,
        params: claims.data.params,
      },
    };
  }
}

function refusal(status: 401 | 403, code: string, message: string): ExportLinkCheck {
  return { ok: false, status, code, message };
}
