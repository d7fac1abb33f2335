import path from "node:path";
import { z } from "zod";
import { isObjectId, parseRoleGroups, type RoleGroup } from "./identity/roleGroups";
import { parseSchoolHours, type SchoolHours } from "./domain/reports/workingHours";
import { packageRoot } from "./packageRoot";
import type { RateLimits } from "./app/limits/rateLimits";

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

const envSchema = z.object({
  // 0 asks the OS for a free port (tests, side-by-side instances).
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: optionalText,
  DATA_DIR: z.string().min(1).default("./.data"),
  ROSTER_FILE: z.string().min(1).default(path.join(root, "assets/roster/sample-roster.csv")),
  POLICY_FILE: z
    .string()
    .min(1)
    .default(path.join(root, "assets/policy/staff-social-media-policy.md")),
  QA_MODEL_FILE: z.string().min(1).default(path.join(root, "assets/qa/question-model.json")),
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
  // Tab SSO: the host in the app ID URI api://<TAB_DOMAIN>/<client id>; defaults to PUBLIC_URL's host.
  TAB_DOMAIN: optionalText,
  // Where SSO tokens come from and their keys are published: sovereign clouds and tests only.
  SSO_AUTHORITY_HOST: optionalText.pipe(z.url().optional()),
  SSO_JWKS_URL: optionalText.pipe(z.url().optional()),
  // Signs the dashboard's short-lived export links (HS256). Required with STORE=sharepoint (the
  // production set-up, where several instances serve one school and must accept each other's
  // links). With SQLite there is one instance by construction: unset, the process makes its own.
  EXPORT_LINK_SECRET: optionalText.pipe(
    z.string().min(32, "must be at least 32 characters (a random value)").optional(),
  ),
  OUTBOX_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  OUTBOX_RATE_PER_SECOND: z.coerce.number().positive().max(50).default(5),
  // How long a claimed message is reserved for the instance sending it (after a crash, the wait before retrying).
  OUTBOX_LEASE_MS: z.coerce.number().int().min(500).max(600_000).default(60_000),
  SOCIAL_ACCOUNTS: z
    .string()
    .default("Facebook,X,Instagram")
    .transform((v) =>
      v
        .split(",")
        .map((a) => a.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().max(50)).min(1, "name at least one account")),
  CONSENT_LIST_FILE: z
    .string()
    .min(1)
    .default(path.join(root, "assets/consent/no-photo-no-name.csv")),
  POST_APPROVAL_REMINDER_HOURS: z.coerce.number().positive().max(720).default(24),
  REPORT_ACK_REMINDER_WORKING_HOURS: z.coerce.number().positive().max(200).default(8),
  REPORT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  // Days a written permission is kept after it ended (expired, withdrawn, refused, cancelled).
  PERMISSION_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  SCHOOL_HOURS: z
    .string()
    .default("08:00-17:00 mon-fri")
    .refine((v) => parseSchoolHours(v) !== undefined, 'must look like "08:00-17:00 mon-fri"'),
  ACK_GRACE_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  ACK_REMINDER_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  SCHEDULE_TICK_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  // How often each scheduled job runs (its reads spend the SharePoint budget even when idle).
  SCHEDULE_JOB_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  // Hours a question sent to the policy owner may wait before they are reminded (and again each period).
  QA_ESCALATION_REMINDER_HOURS: z.coerce.number().positive().max(720).default(48),
  // Per person and hour: beyond these a person is asked to wait (store-kept, so every instance agrees).
  RATE_LIMIT_QUESTIONS_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(60),
  RATE_LIMIT_REPORTS_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(5),
  RATE_LIMIT_POSTS_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(10),
  // The production path: records in SharePoint lists, staff from Entra groups, through Graph.
  STORE: z.enum(["sqlite", "sharepoint"]).default("sqlite"),
  // With STORE=sharepoint: where the delivery machinery lives (outbox, leases, conversation
  // references). "azure": Azure Storage tables, reached with the managed identity
  // (AZURE_STORAGE_TABLE_URL) or a connection string (Azurite, development).
  DELIVERY_STORE: z.enum(["same", "azure"]).default("same"),
  AZURE_STORAGE_TABLE_URL: optionalText.pipe(z.url().optional()),
  AZURE_STORAGE_CONNECTION_STRING: optionalText,
  SHAREPOINT_SITE_ID: optionalText.pipe(
    z
      .string()
      .regex(/^[^/?#\s]+$/, "must be the site's Graph id (host,siteCollectionId,webId)")
      .optional(),
  ),
  GRAPH_BASE_URL: optionalText.pipe(z.url().optional()),
  GRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(30_000),
  GRAPH_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(5),
  // This instance's share of the tenant's per-app SharePoint budget (RU/min; 1,250 is the
  // smallest tier's whole budget: divide the tier's figure by the number of instances).
  GRAPH_RU_PER_MINUTE: z.coerce.number().int().min(60).max(100_000).default(1250),
  AAD_APP_CLIENT_SECRET: optionalText,
  // A fixed bearer token instead of client credentials: tests against a Graph-compatible server.
  GRAPH_ACCESS_TOKEN: optionalText,
  ROSTER_SOURCE: z.enum(["csv", "entra"]).default("csv"),
  ENTRA_STAFF_GROUP_ID: optionalText.pipe(
    z.string().refine(isObjectId, "must be a group object id").optional(),
  ),
  ENTRA_ROLE_GROUPS: optionalText,
  // People the policy covers outside the staff group (agency, supply, volunteers, guests).
  ENTRA_GUEST_GROUP_ID: optionalText.pipe(
    z.string().refine(isObjectId, "must be a group object id").optional(),
  ),
  ROSTER_REFRESH_MINUTES: z.coerce.number().int().min(1).max(1440).default(60),
  // The app's manifest id (teamsApp/create): the personal tab's deep link, and how the installer
  // finds the app in the tenant catalog once it is published.
  TEAMS_APP_ID: optionalText,
  // The app's id in the tenant catalog (TEAMS_APP_PUBLISHED_APP_ID), when it should not be looked up.
  TEAMS_APP_CATALOG_ID: optionalText,
  // Set: requests, dependencies and HTTP metrics go to Application Insights (src/observability).
  APPLICATIONINSIGHTS_CONNECTION_STRING: optionalText.pipe(
    z
      .string()
      .refine(
        hasInstrumentationKey,
        "must be key=value pairs with InstrumentationKey=<lower-case guid>",
      )
      .optional(),
  ),
  // The share of requests recorded (0..1); Application Insights scales its counts back up.
  APPLICATIONINSIGHTS_SAMPLING_RATIO: z.coerce.number().min(0).max(1).default(1),
});

/** As the Azure Monitor exporter parses it, so a string it would reject stops start-up here, named. */
function hasInstrumentationKey(connectionString: string): boolean {
  const pairs = connectionString
    .split(";")
    .filter(Boolean)
    .map((pair) => pair.split("="));
  return (
    pairs.every((kv) => kv.length === 2) &&
    pairs.some(
      ([key, value]) =>
        key!.toLowerCase() === "instrumentationkey" &&
        /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/.test(value!),
    )
  );
}

/**
 * What the settings are read for: the server, or a command-line tool (provisioning, publishing,
 * a subject access export) that serves nothing and so needs no server-only secrets.
 */
export type ConfigPurpose = "server" | "tool";

/** Rules across variables, checked even when other values are bad so one run names them all. */
function crossChecks(env: Record<string, string | undefined>, purpose: ConfigPurpose): string[] {
  const problems: string[] = [];
  const has = (name: string) => Boolean(env[name]?.trim());
  if (has("BOT_ID") && !has("BOT_PASSWORD") && env.BOT_TYPE !== "UserAssignedMSI") {
    problems.push("BOT_PASSWORD: is required when BOT_ID is set (unless BOT_TYPE=UserAssignedMSI)");
  }
  if (has("AAD_APP_CLIENT_ID") && !has("AAD_APP_TENANT_ID") && !has("BOT_TENANT_ID")) {
    problems.push(
      "AAD_APP_TENANT_ID: is required when AAD_APP_CLIENT_ID is set (tab sign-in checks the tenant)",
    );
  }
  if (purpose === "server" && env.STORE === "sharepoint" && !has("EXPORT_LINK_SECRET")) {
    problems.push(
      "EXPORT_LINK_SECRET: is required when STORE=sharepoint (it signs the dashboard's download links, and every instance must hold the same random value of 32 characters or more)",
    );
  }
  problems.push(...graphCrossChecks(env));
  if (env.BOT_TYPE === "SingleTenant" && !has("BOT_TENANT_ID")) {
    problems.push("BOT_TENANT_ID: is required for a SingleTenant bot");
  } else if (has("BOT_ID") && !has("BOT_TENANT_ID") && !has("AAD_APP_TENANT_ID")) {
    // Anyone can side-load an app that names our bot id: activities are pinned to the school's tenant.
    problems.push(
      "BOT_TENANT_ID: is required when BOT_ID is set (activities from any other organisation are refused)",
    );
  }
  // No bot credentials means no sign-in at all: such a server may only be reached from this machine.
  if (!has("BOT_ID") && has("HOST") && !isLoopbackHost(env.HOST!.trim())) {
    problems.push(
      `HOST (got "${env.HOST!.trim()}"): without BOT_ID the service is unauthenticated (local mode), so it listens on loopback only; use HOST=127.0.0.1, or set BOT_ID, BOT_PASSWORD and BOT_TENANT_ID to listen beyond this machine`,
    );
  }
  return problems;
}

/** The production path's settings belong together: each one that needs Graph needs credentials. */
function graphCrossChecks(env: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  const has = (name: string) => Boolean(env[name]?.trim());
  if (env.STORE === "sharepoint" && !has("SHAREPOINT_SITE_ID")) {
    problems.push("SHAREPOINT_SITE_ID: is required when STORE=sharepoint");
  }
  if (
    env.DELIVERY_STORE === "azure" &&
    !has("AZURE_STORAGE_TABLE_URL") &&
    !has("AZURE_STORAGE_CONNECTION_STRING")
  ) {
    problems.push(
      "AZURE_STORAGE_TABLE_URL: is required when DELIVERY_STORE=azure (or AZURE_STORAGE_CONNECTION_STRING)",
    );
  }
  if (env.DELIVERY_STORE === "azure" && env.STORE !== "sharepoint") {
    problems.push(
      "DELIVERY_STORE: azure goes with STORE=sharepoint (SQLite keeps everything in one file)",
    );
  }
  if (env.ROSTER_SOURCE === "entra" && !has("ENTRA_STAFF_GROUP_ID")) {
    problems.push("ENTRA_STAFF_GROUP_ID: is required when ROSTER_SOURCE=entra");
  }
  problems.push(
    ...parseRoleGroups(env.ENTRA_ROLE_GROUPS).problems.map((p) => `ENTRA_ROLE_GROUPS: ${p}`),
  );
  const needsGraph =
    env.STORE === "sharepoint" || env.ROSTER_SOURCE === "entra" || has("TEAMS_APP_CATALOG_ID");
  const credentials =
    has("GRAPH_ACCESS_TOKEN") ||
    (has("AAD_APP_CLIENT_ID") &&
      has("AAD_APP_CLIENT_SECRET") &&
      (has("AAD_APP_TENANT_ID") || has("BOT_TENANT_ID")));
  if (needsGraph && !credentials) {
    problems.push(
      "AAD_APP_CLIENT_SECRET: Microsoft Graph needs the Entra app's client credentials (AAD_APP_CLIENT_ID, AAD_APP_CLIENT_SECRET, AAD_APP_TENANT_ID) when STORE=sharepoint, ROSTER_SOURCE=entra or TEAMS_APP_CATALOG_ID is set",
    );
  }
  return problems;
}

export type GraphCredentials =
  | { readonly kind: "static"; readonly token: string }
  | {
      readonly kind: "clientSecret";
      readonly clientId: string;
      readonly clientSecret: string;
      readonly tenantId: string;
      readonly authorityHost: string;
    };

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly rosterFile: string;
  readonly policyFile: string;
  /** The trained question classifier (`npm run qa:train`); missing = retrieval alone answers. */
  readonly qaModelFile: string;
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
    /** The school's tenant: activities from any other are refused before the sender is identified. */
    readonly allowedTenantId?: string;
  };
  readonly sso: {
    readonly clientId?: string;
    readonly tenantId?: string;
    readonly tabDomain: string;
    /** e.g. https://login.microsoftonline.com: token issuer `<host>/<tenant>/v2.0`. */
    readonly authorityHost: string;
    readonly jwksUrl: string;
    /** Local mode only (no BOT_ID, no Entra app, loopback): the tab signs in as `?user=<aadObjectId>` (no token). */
    readonly localSignIn: boolean;
  };
  /**
   * The dashboard's export links. `secret` absent (SQLite only, one instance): the process makes
   * its own, so links work on that instance alone and stop at a restart.
   */
  readonly exportLinks: { readonly secret?: string };
  readonly outbox: {
    readonly pollMs: number;
    readonly ratePerSecond: number;
    readonly leaseMs: number;
  };
  readonly acknowledgements: { readonly graceDays: number; readonly reminderDays: number };
  readonly posts: {
    readonly accounts: readonly string[];
    readonly consentListFile: string;
    readonly reminderHours: number;
  };
  readonly reports: {
    readonly reminderWorkingHours: number;
    readonly retentionDays: number;
    readonly schoolHours: SchoolHours;
  };
  readonly qa: { readonly escalationReminderHours: number };
  readonly permissions: { readonly retentionDays: number };
  readonly rateLimits: RateLimits;
  /** How often scheduled work (reminders, overdue summaries, reviews) looks for something to do. */
  readonly scheduleTickMs: number;
  /** How often each scheduled job runs at most (the tick only checks what is due, in memory). */
  readonly scheduleJobEveryMs: number;
  /** sqlite: the embedded file in DATA_DIR; sharepoint: lists on the policy site (several instances). */
  readonly store:
    | { readonly kind: "sqlite" }
    | { readonly kind: "sharepoint"; readonly siteId: string };
  /** Azure Storage tables for the delivery machinery (with STORE=sharepoint), when set. */
  readonly deliveryTables?: { readonly url?: string; readonly connectionString?: string };
  readonly graph: {
    readonly baseUrl: string;
    readonly timeoutMs: number;
    readonly maxRetries: number;
    /** This instance's share of SharePoint's per-app resource-unit budget, per minute. */
    readonly ruPerMinute: number;
    /** Absent when nothing needs Graph. */
    readonly credentials?: GraphCredentials;
  };
  readonly roster:
    | { readonly source: "csv" }
    | {
        readonly source: "entra";
        readonly staffGroupId: string;
        readonly guestGroupId?: string;
        readonly roleGroups: readonly RoleGroup[];
        readonly refreshMinutes: number;
      };
  /** Set: the app is installed through Graph for roster members who have not opened it. */
  readonly teamsAppCatalogId?: string;
  /** The app's manifest id (TEAMS_APP_ID): deep links to its tab; finds it in the catalog. */
  readonly teamsAppId?: string;
  /** Absent: no telemetry leaves the process and OpenTelemetry is never loaded. */
  readonly applicationInsights?: {
    readonly connectionString: string;
    readonly samplingRatio: number;
  };
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
    SSO_AUTHORITY_HOST: env.SSO_AUTHORITY_HOST ?? env.AAD_APP_OAUTH_AUTHORITY_HOST,
  };
}

export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  purpose: ConfigPurpose = "server",
): Config {
  const parsed = envSchema.safeParse(withAliases(env));
  const cross = crossChecks(withAliases(env), purpose);
  if (!parsed.success || cross.length) {
    throw new ConfigError([
      ...(parsed.success ? [] : parsed.error.issues).map((issue) => {
        const name = String(issue.path[0] ?? "environment");
        const value = (withAliases(env) as Record<string, string | undefined>)[name];
        // Never echo secrets back into a log.
        const shown =
          /PASSWORD|SECRET|TOKEN|CONNECTION_STRING/.test(name) || value === undefined
            ? ""
            : ` (got "${value}")`;
        return `${name}${shown}: ${issue.message}`;
      }),
      ...cross,
    ]);
  }
  const e = parsed.data;
  const localMode = !e.BOT_ID;
  const host = e.HOST ?? (localMode ? "127.0.0.1" : "0.0.0.0");
  const publicUrl = (e.PUBLIC_URL ?? `http://${urlHost(host)}:${e.PORT}`).replace(/\/$/, "");
  return {
    port: e.PORT,
    host,
    dataDir: path.resolve(e.DATA_DIR),
    rosterFile: path.resolve(e.ROSTER_FILE),
    policyFile: path.resolve(e.POLICY_FILE),
    qaModelFile: path.resolve(e.QA_MODEL_FILE),
    logLevel: e.LOG_LEVEL,
    publicUrl,
    schoolTimeZone: e.SCHOOL_TIME_ZONE,
    localMode,
    bot: {
      appId: e.BOT_ID,
      appPassword: e.BOT_PASSWORD,
      // Local mode has no app id, so botbuilder cannot be SingleTenant there even with a tenant to pin.
      appType: e.BOT_TYPE ?? (e.BOT_TENANT_ID && e.BOT_ID ? "SingleTenant" : "MultiTenant"),
      tenantId: e.BOT_TENANT_ID,
      openIdMetadataUrl: e.BOT_OPENID_METADATA_URL,
      tokenIssuer: e.BOT_TOKEN_ISSUER,
      allowedTenantId: e.BOT_TENANT_ID ?? e.AAD_APP_TENANT_ID,
    },
    sso: ssoSettings(e, localMode, host, publicUrl),
    exportLinks: e.EXPORT_LINK_SECRET ? { secret: e.EXPORT_LINK_SECRET } : {},
    outbox: {
      pollMs: e.OUTBOX_POLL_MS,
      ratePerSecond: e.OUTBOX_RATE_PER_SECOND,
      leaseMs: e.OUTBOX_LEASE_MS,
    },
    acknowledgements: { graceDays: e.ACK_GRACE_DAYS, reminderDays: e.ACK_REMINDER_DAYS },
    posts: {
      accounts: e.SOCIAL_ACCOUNTS,
      consentListFile: path.resolve(e.CONSENT_LIST_FILE),
      reminderHours: e.POST_APPROVAL_REMINDER_HOURS,
    },
    reports: {
      reminderWorkingHours: e.REPORT_ACK_REMINDER_WORKING_HOURS,
      retentionDays: e.REPORT_RETENTION_DAYS,
      schoolHours: parseSchoolHours(e.SCHOOL_HOURS)!,
    },
    scheduleTickMs: e.SCHEDULE_TICK_MS,
    scheduleJobEveryMs: e.SCHEDULE_JOB_MINUTES * 60_000,
    qa: { escalationReminderHours: e.QA_ESCALATION_REMINDER_HOURS },
    permissions: { retentionDays: e.PERMISSION_RETENTION_DAYS },
    rateLimits: {
      question: { max: e.RATE_LIMIT_QUESTIONS_PER_HOUR, windowMinutes: 60 },
      report: { max: e.RATE_LIMIT_REPORTS_PER_HOUR, windowMinutes: 60 },
      post: { max: e.RATE_LIMIT_POSTS_PER_HOUR, windowMinutes: 60 },
    },
    ...productionSettings(e),
    applicationInsights: e.APPLICATIONINSIGHTS_CONNECTION_STRING
      ? {
          connectionString: e.APPLICATIONINSIGHTS_CONNECTION_STRING,
          samplingRatio: e.APPLICATIONINSIGHTS_SAMPLING_RATIO,
        }
      : undefined,
  };
}

function productionSettings(
  e: z.infer<typeof envSchema>,
): Pick<
  Config,
  "store" | "deliveryTables" | "graph" | "roster" | "teamsAppCatalogId" | "teamsAppId"
> {
  const tenantId = e.AAD_APP_TENANT_ID ?? e.BOT_TENANT_ID;
  const credentials: GraphCredentials | undefined = e.GRAPH_ACCESS_TOKEN
    ? { kind: "static", token: e.GRAPH_ACCESS_TOKEN }
    : e.AAD_APP_CLIENT_ID && e.AAD_APP_CLIENT_SECRET && tenantId
      ? {
          kind: "clientSecret",
          clientId: e.AAD_APP_CLIENT_ID,
          clientSecret: e.AAD_APP_CLIENT_SECRET,
          tenantId,
          authorityHost: (e.SSO_AUTHORITY_HOST ?? "https://login.microsoftonline.com").replace(
            /\/$/,
            "",
          ),
        }
      : undefined;
  return {
    store:
      e.STORE === "sharepoint"
        ? { kind: "sharepoint", siteId: e.SHAREPOINT_SITE_ID ?? "" }
        : { kind: "sqlite" },
    ...(e.DELIVERY_STORE === "azure"
      ? {
          deliveryTables: {
            ...(e.AZURE_STORAGE_TABLE_URL ? { url: e.AZURE_STORAGE_TABLE_URL } : {}),
            ...(e.AZURE_STORAGE_CONNECTION_STRING
              ? { connectionString: e.AZURE_STORAGE_CONNECTION_STRING }
              : {}),
          },
        }
      : {}),
    graph: {
      baseUrl: (e.GRAPH_BASE_URL ?? "https://graph.microsoft.com/v1.0").replace(/\/+$/, ""),
      timeoutMs: e.GRAPH_TIMEOUT_MS,
      maxRetries: e.GRAPH_MAX_RETRIES,
      ruPerMinute: e.GRAPH_RU_PER_MINUTE,
      credentials,
    },
    roster:
      e.ROSTER_SOURCE === "entra"
        ? {
            source: "entra",
            staffGroupId: e.ENTRA_STAFF_GROUP_ID ?? "",
            ...(e.ENTRA_GUEST_GROUP_ID ? { guestGroupId: e.ENTRA_GUEST_GROUP_ID } : {}),
            roleGroups: parseRoleGroups(e.ENTRA_ROLE_GROUPS).groups,
            refreshMinutes: e.ROSTER_REFRESH_MINUTES,
          }
        : { source: "csv" },
    teamsAppCatalogId: e.TEAMS_APP_CATALOG_ID,
    teamsAppId: e.TEAMS_APP_ID,
  };
}

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "::1", "[::1]", "localhost"]);

/** A listening address as a URL's host: the unspecified address as localhost, IPv6 in brackets. */
export function urlHost(host: string): string {
  if (host === "0.0.0.0" || host === "::") return "localhost";
  return host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
}

/** An address or name that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase();
  return LOOPBACK_HOSTS.has(h) || /^127(\.\d{1,3}){3}$/.test(h);
}

function ssoSettings(
  e: z.infer<typeof envSchema>,
  localMode: boolean,
  host: string,
  publicUrl: string,
): Config["sso"] {
  const tenantId = e.AAD_APP_TENANT_ID ?? e.BOT_TENANT_ID;
  const authorityHost = (e.SSO_AUTHORITY_HOST ?? "https://login.microsoftonline.com").replace(
    /\/$/,
    "",
  );
  return {
    clientId: e.AAD_APP_CLIENT_ID,
    tenantId,
    tabDomain: e.TAB_DOMAIN ?? new URL(publicUrl).host,
    authorityHost,
    jwksUrl: e.SSO_JWKS_URL ?? `${authorityHost}/${tenantId ?? "common"}/discovery/v2.0/keys`,
    // Only local mode: no bot credentials (a production deployment behind a proxy often binds
    // 127.0.0.1 too), no Entra app, loopback only. Object ids are not secrets.
    localSignIn: localMode && !e.AAD_APP_CLIENT_ID && isLoopbackHost(host),
  };
}
