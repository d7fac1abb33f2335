import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from "jose";
import type { Person } from "../domain/people/person";
import type { Directory } from "../ports";

/*
 * Who is calling the tab API. In Teams the tab sends the SSO token Teams gave it
 * (authentication.getAuthToken): an Entra access token for our app, checked here against the
 * tenant's published keys, issuer, audience and tenant, then mapped by `oid` to the roster.
 * Only on a developer's machine (no Entra app configured, loopback only) may the tab name a
 * roster person instead; with an app configured that path does not exist.
 */

export interface TabAuthSettings {
  readonly clientId?: string;
  readonly tenantId?: string;
  /** The host in the app ID URI api://<tabDomain>/<clientId>. */
  readonly tabDomain: string;
  readonly authorityHost: string;
  readonly jwksUrl: string;
  readonly localSignIn: boolean;
}

export type TabSignIn =
  | { readonly ok: true; readonly person: Person }
  | {
      readonly ok: false;
      /** 401: no or bad sign-in; 403: not on the roster; 503: Entra's keys cannot be fetched. */
      readonly status: 401 | 403 | 503;
      /** For logs and the tab; never the token or a claim's value. */
      readonly code: string;
      readonly message: string;
    };

export interface TabAuthenticator {
  /** "teams": SSO tokens; "local": ?user= sign-in on a developer's machine; "off": neither. */
  readonly mode: "teams" | "local" | "off";
  authenticate(
    headers: Readonly<Record<string, string | string[] | undefined>>,
  ): Promise<TabSignIn>;
}

/** The header the tab sends in local mode only, naming the roster person to sign in as. */
export const LOCAL_USER_HEADER = "x-local-user";

/** Entra and this server's clocks drift a little; a token a few seconds "early" is still fine. */
const CLOCK_TOLERANCE_SECONDS = 60;
/** The delegated scope the tab's token carries (aad.manifest.json); ID tokens have no `scp`. */
const TAB_SCOPE = "access_as_user";

function unauthorised(code: string, message: string): TabSignIn {
  return { ok: false, status: 401, code, message };
}

function header(
  headers: Readonly<Record<string, string | string[] | undefined>>,
  name: string,
): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function rosterPerson(directory: Directory, aadObjectId: string): Promise<TabSignIn> {
  const person = await directory.find(aadObjectId);
  if (!person) {
    return {
      ok: false,
      status: 403,
      code: "TAB.NOT_ON_ROSTER",
      message: "You are signed in, but you are not on the school's staff list for this app.",
    };
  }
  return { ok: true, person };
}

export class SsoTabAuthenticator implements TabAuthenticator {
  readonly mode = "teams" as const;
  private readonly keys: ReturnType<typeof createRemoteJWKSet>;
  private readonly issuers: string[];
  private readonly audiences: string[];

  constructor(
    private readonly settings: TabAuthSettings & { clientId: string; tenantId: string },
    private readonly directory: Directory,
  ) {
    this.keys = createRemoteJWKSet(new URL(settings.jwksUrl), {
      timeoutDuration: 5000,
      // A key rotated in Entra is fetched at most every 30 s when an unknown `kid` turns up.
      cooldownDuration: 30_000,
    });
    // v2.0 tokens (requestedAccessTokenVersion: 2) and the v1 form Entra may still issue.
    this.issuers = [
      `${settings.authorityHost}/${settings.tenantId}/v2.0`,
      `https://sts.windows.net/${settings.tenantId}/`,
    ];
    this.audiences = [`api://${settings.tabDomain}/${settings.clientId}`, settings.clientId];
  }

  async authenticate(
    headers: Readonly<Record<string, string | string[] | undefined>>,
  ): Promise<TabSignIn> {
    const match = /^Bearer\s+(\S+)$/i.exec(header(headers, "authorization") ?? "");
    if (!match)
      return unauthorised(
        "TAB.NO_TOKEN",
        "Sign-in is needed: open the dashboard from Microsoft Teams.",
      );
    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(match[1]!, this.keys, {
        issuer: this.issuers,
        audience: this.audiences,
        algorithms: ["RS256"],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ["exp", "tid", "oid"],
      }));
    } catch (error) {
      if (keysUnavailable(error)) {
        return {
          ok: false,
          status: 503,
          code: "TAB.KEYS_UNAVAILABLE",
          message:
            "Sign-in cannot be checked just now (Microsoft's signing keys are unreachable). Try again shortly.",
        };
      }
      return unauthorised(
        refusalCode(error),
        "Your sign-in could not be checked. Reopen the dashboard in Teams.",
      );
    }
    // The issuer already names the tenant; checking `tid` too keeps a multi-tenant issuer out.
    if (claims.tid !== this.settings.tenantId) {
      return unauthorised("TAB.WRONG_TENANT", "This dashboard belongs to another organisation.");
    }
    const scopes = typeof claims.scp === "string" ? claims.scp.split(" ") : [];
    if (!scopes.includes(TAB_SCOPE)) {
      return unauthorised("TAB.WRONG_SCOPE", "Your sign-in was not issued for this dashboard.");
    }
    if (typeof claims.oid !== "string" || !claims.oid) {
      return unauthorised("TAB.NO_OBJECT_ID", "Your sign-in does not say who you are.");
    }
    return rosterPerson(this.directory, claims.oid);
  }
}

/** An outage, not a bad token: the key set could not be fetched or read. */
function keysUnavailable(error: unknown): boolean {
  if (!(error instanceof errors.JOSEError)) return true;
  return (
    error instanceof errors.JWKSTimeout ||
    error instanceof errors.JWKSInvalid ||
    error.code === "ERR_JOSE_GENERIC"
  );
}

function refusalCode(error: unknown): string {
  if (error instanceof errors.JWTExpired) return "TAB.TOKEN_EXPIRED";
  if (error instanceof errors.JWTClaimValidationFailed)
    return `TAB.BAD_CLAIM_${error.claim.toUpperCase()}`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return "TAB.BAD_SIGNATURE";
  if (error instanceof errors.JWKSNoMatchingKey) return "TAB.UNKNOWN_KEY";
  if (error instanceof errors.JOSEError) return `TAB.${error.code.replace(/^ERR_/, "")}`;
  return "TAB.TOKEN_UNCHECKED";
}

/** A developer's machine: the tab names the roster person; nothing leaves 127.0.0.1. */
export class LocalTabAuthenticator implements TabAuthenticator {
  readonly mode = "local" as const;

  constructor(private readonly directory: Directory) {}

  async authenticate(
    headers: Readonly<Record<string, string | string[] | undefined>>,
  ): Promise<TabSignIn> {
    const aadObjectId = header(headers, LOCAL_USER_HEADER)?.trim();
    if (!aadObjectId) {
      return unauthorised(
        "TAB.NO_LOCAL_USER",
        "Local development: open /tab/?user=<aadObjectId> with the id of someone on the roster.",
      );
    }
    const person = await this.directory.find(aadObjectId);
    if (!person)
      return unauthorised(
        "TAB.UNKNOWN_LOCAL_USER",
        "Local development: nobody on the roster has that id.",
      );
    return { ok: true, person };
  }
}

/** Neither an Entra app nor loopback: nobody can sign in, and the tab says why. */
class SignInNotConfigured implements TabAuthenticator {
  readonly mode = "off" as const;

  async authenticate(): Promise<TabSignIn> {
    return unauthorised(
      "TAB.SIGN_IN_NOT_CONFIGURED",
      "Sign-in to the dashboard is not configured on this server (AAD_APP_CLIENT_ID).",
    );
  }
}

export function createTabAuthenticator(
  settings: TabAuthSettings,
  directory: Directory,
): TabAuthenticator {
  if (settings.clientId && settings.tenantId) {
    return new SsoTabAuthenticator(
      { ...settings, clientId: settings.clientId, tenantId: settings.tenantId },
      directory,
    );
  }
  // Config refuses a client id without a tenant; this is the "no app at all" case.
  if (settings.localSignIn && !settings.clientId) return new LocalTabAuthenticator(directory);
  return new SignInNotConfigured();
}
