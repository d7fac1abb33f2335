import path from "node:path";
import { z } from "zod";
import { packageRoot } from "./packageRoot";

/*
 * Every setting, read once from the environment and validated together, so a bad deployment
 * fails at start-up with one message naming every offending variable.
 * Names follow the Agents Toolkit (BOT_ID, BOT_PASSWORD ...); botbuilder's own names are accepted too.
 */

const root = packageRoot();

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === "" ? undefined : v));

const envSchema = z
  .object({
    // 0 asks the OS for a free port (tests, side-by-side instances).
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    HOST: optionalText,
    DATA_DIR: z.string().min(1).default("./.data"),
    ROSTER_FILE: z.string().min(1).default(path.join(root, "assets/roster/sample-roster.csv")),
    POLICY_FILE: z
      .string()
      .min(1)
      .default(path.join(root, "assets/policy/staff-social-media-policy.md")),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    PUBLIC_URL: optionalText.pipe(z.url().optional()),
    SCHOOL_TIME_ZONE: z.string().default("Europe/London"),
    BOT_ID: optionalText,
    BOT_PASSWORD: optionalText,
    BOT_TYPE: z.enum(["MultiTenant", "SingleTenant", "UserAssignedMSI"]).optional(),
    BOT_TENANT_ID: optionalText,
    // Where Bot Framework tokens are checked against; only for sovereign clouds and tests.
    BOT_OPENID_METADATA_URL: optionalText.pipe(z.url().optional()),
    BOT_TOKEN_ISSUER: optionalText,
    AAD_APP_CLIENT_ID: optionalText,
    AAD_APP_TENANT_ID: optionalText,
    OUTBOX_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
    OUTBOX_RATE_PER_SECOND: z.coerce.number().positive().max(50).default(5),
  });

/** Rules across variables, checked even when other values are bad so one run names them all. */
function crossChecks(env: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  const has = (name: string) => Boolean(env[name]?.trim());
  if (has("BOT_ID") && !has("BOT_PASSWORD") && env.BOT_TYPE !== "UserAssignedMSI") {
    problems.push("BOT_PASSWORD: is required when BOT_ID is set (unless BOT_TYPE=UserAssignedMSI)");
  }
  if (env.BOT_TYPE === "SingleTenant" && !has("BOT_TENANT_ID")) {
    problems.push("BOT_TENANT_ID: is required for a SingleTenant bot");
  }
  return problems;
}

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly rosterFile: string;
  readonly policyFile: string;
  readonly logLevel: string;
  readonly publicUrl: string;
  readonly schoolTimeZone: string;
  /** No Microsoft credentials: embedded store, loopback only, unauthenticated local clients. */
  readonly localMode: boolean;
  readonly bot: {
    readonly appId?: string;
    readonly appPassword?: string;
    readonly appType: "MultiTenant" | "SingleTenant" | "UserAssignedMSI";
    readonly tenantId?: string;
    readonly openIdMetadataUrl?: string;
    readonly tokenIssuer?: string;
  };
  readonly sso: { readonly clientId?: string; readonly tenantId?: string };
  readonly outbox: { readonly pollMs: number; readonly ratePerSecond: number };
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Configuration is not valid:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/** botbuilder's names (MicrosoftAppId ...) are aliases of the toolkit's. */
function withAliases(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return {
    ...env,
    BOT_ID: env.BOT_ID ?? env.MicrosoftAppId,
    BOT_PASSWORD: env.BOT_PASSWORD ?? env.MicrosoftAppPassword,
    BOT_TYPE: env.BOT_TYPE ?? env.MicrosoftAppType,
    BOT_TENANT_ID: env.BOT_TENANT_ID ?? env.MicrosoftAppTenantId,
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(withAliases(env));
  const cross = crossChecks(withAliases(env));
  if (!parsed.success || cross.length) {
    throw new ConfigError([
      ...(parsed.success ? [] : parsed.error.issues).map((issue) => {
        const name = String(issue.path[0] ?? "environment");
        const value = (withAliases(env) as Record<string, string | undefined>)[name];
        // Never echo secrets back into a log.
        const shown = /PASSWORD|SECRET/.test(name) || value === undefined ? "" : ` (got "${value}")`;
        return `${name}${shown}: ${issue.message}`;
      }),
      ...cross,
    ]);
  }
  const e = parsed.data;
  const localMode = !e.BOT_ID;
  const host = e.HOST ?? (localMode ? "127.0.0.1" : "0.0.0.0");
  const publicUrl = (e.PUBLIC_URL ?? `http://${host === "0.0.0.0" ? "localhost" : host}:${e.PORT}`).replace(
    /\/$/,
    "",
  );
  return {
    port: e.PORT,
    host,
    dataDir: path.resolve(e.DATA_DIR),
    rosterFile: path.resolve(e.ROSTER_FILE),
    policyFile: path.resolve(e.POLICY_FILE),
    logLevel: e.LOG_LEVEL,
    publicUrl,
    schoolTimeZone: e.SCHOOL_TIME_ZONE,
    localMode,
    bot: {
      appId: e.BOT_ID,
      appPassword: e.BOT_PASSWORD,
      appType: e.BOT_TYPE ?? (e.BOT_TENANT_ID ? "SingleTenant" : "MultiTenant"),
      tenantId: e.BOT_TENANT_ID,
      openIdMetadataUrl: e.BOT_OPENID_METADATA_URL,
      tokenIssuer: e.BOT_TOKEN_ISSUER,
    },
    sso: { clientId: e.AAD_APP_CLIENT_ID, tenantId: e.AAD_APP_TENANT_ID ?? e.BOT_TENANT_ID },
    outbox: { pollMs: e.OUTBOX_POLL_MS, ratePerSecond: e.OUTBOX_RATE_PER_SECOND },
  };
}
