import { z } from "zod";
import { ConversationReferences, conversationReferenceKind } from "../bot/conversationReferences";
import type { Clock, Collection, Directory, Logger, RecordKind, Store } from "../ports";
import { findAll } from "../store/findAll";
import type { Leases } from "../store/leases";
import { GraphUnavailableError, statusOf, type GraphApi } from "../graph/graphClient";

/*
 * Proactive reach: the bot can only message people who have the app (it needs their
 * conversation reference). For roster members without one, the app is installed in their
 * personal scope through Graph (TeamsAppInstallation.ReadWriteForUser.All, as Microsoft's
 * Company Communicator does); Teams then greets the bot, which stores the reference and
 * re-queues any message that waited. Who could not be reached, and why, is kept in the store.
 */
export const INSTALL_STATUSES = ["requested", "unreachable"] as const;

/** Microsoft's global Bot Connector address for Teams, used before any conversation gave one. */
const DEFAULT_SERVICE_URL = "https://smba.trafficmanager.net/teams/";

const schema = z.object({
  aadObjectId: z.string().min(1),
  /** requested: Teams accepted the install (or had it already); unreachable: it refused. */
  status: z.enum(INSTALL_STATUSES),
  reason: z.string().nullable(),
  attempts: z.number().int().min(0),
  lastAttemptAt: z.string(),
});
export type AppInstallation = z.infer<typeof schema>;

export const appInstallationKind: RecordKind<AppInstallation> = {
  name: "appInstallations",
  schema,
  indexes: { status: "text", aadObjectId: "text" },
};

export interface InstallReport {
  readonly requested: number;
  readonly alreadyInstalled: number;
  readonly unreachable: number;
  /** Asked recently; waiting for Teams, or for the retry interval to pass. */
  readonly waiting: number;
  /** Graph was unavailable: tried again next run. */
  readonly failed: number;
  /** Of those already installed, how many the bot can now write to through their chat. */
  readonly reachedThroughChat: number;
  /** False while the app is not in the school's catalog yet (not published, or not approved). */
  readonly inCatalog: boolean;
}

export interface AppInstallerOptions {
  readonly graph: GraphApi;
  readonly store: Store;
  readonly directory: Directory;
  readonly clock: Clock;
  readonly logger: Logger;
  /**
   * Which app to install: its id in the tenant app catalog (TEAMS_APP_CATALOG_ID), or its manifest
   * id (TEAMS_APP_ID), by which the catalog is searched at each run (AppCatalog.Read.All): the
   * catalog id only exists once an administrator has approved the published app.
   */
  readonly app: { readonly catalogId: string } | { readonly manifestId: string };
  /**
   * For people who have the app but never opened it (Graph answers 409): the bot's own id and the
   * tenant, to build the conversation from the chat Graph names, and what to do once they are
   * reachable (send what waited for them).
   */
  readonly reach?: {
    readonly botAppId: string;
    readonly tenantId?: string;
    readonly onReachable: (aadObjectId: string) => Promise<unknown>;
  };
  /** How long to wait for Teams after a request before asking again. */
  readonly recheckAfterMs?: number;
  /** How long before someone Teams refused is tried again (their licence or policy may change). */
  readonly retryUnreachableAfterMs?: number;
}

type Outcome =
  | { kind: "requested" | "alreadyInstalled" | "failed" }
  | { kind: "unreachable"; reason: string };

export class AppInstaller {
  private readonly installations: Collection<AppInstallation>;
  private readonly recheckAfterMs: number;
  private readonly retryUnreachableAfterMs: number;

  constructor(private readonly options: AppInstallerOptions) {
    this.installations = options.store.collection(appInstallationKind);
    this.recheckAfterMs = options.recheckAfterMs ?? 24 * 3600_000;
    this.retryUnreachableAfterMs = options.retryUnreachableAfterMs ?? 7 * 24 * 3600_000;
  }

  /** Installs the app for every roster member the bot cannot reach yet. */
  async installMissing(): Promise<InstallReport> {
    const { directory, clock, logger } = this.options;
    const totals = {
      requested: 0,
      alreadyInstalled: 0,
      unreachable: 0,
      waiting: 0,
      failed: 0,
      reachedThroughChat: 0,
    };
    const catalogId = await this.catalogId();
    if (!catalogId) {
      logger.info(
        { inCatalog: false },
        "the app is not in the school's Teams app catalog yet (publish it and have it approved); nobody installed for",
      );
      return { ...totals, inCatalog: false };
    }
    const reachable = await this.reachable();
    const known = new Map((await findAll(this.installations)).map((r) => [r.data.aadObjectId, r]));
    for (const person of await directory.all()) {
      if (reachable.has(person.aadObjectId)) continue;
      const now = clock.now();
      const previous = known.get(person.aadObjectId);
      if (previous) {
        const since = now.getTime() - Date.parse(previous.data.lastAttemptAt);
        const wait =
          previous.data.status === "unreachable"
            ? this.retryUnreachableAfterMs
            : this.recheckAfterMs;
        if (since < wait) {
          totals.waiting++;
          continue;
        }
      }
      const outcome = await this.install(person.aadObjectId, catalogId);
      totals[outcome.kind]++;
      // Installed already (by a policy, or before a restore) but no greeting ever reached the bot:
      // the personal chat exists, so Graph can name it and the bot can write there now.
      if (
        outcome.kind === "alreadyInstalled" &&
        (await this.reachThroughChat(person.aadObjectId, catalogId))
      ) {
        totals.reachedThroughChat++;
      }
      if (outcome.kind === "failed") continue;
      const record: AppInstallation = {
        aadObjectId: person.aadObjectId,
        status: outcome.kind === "unreachable" ? "unreachable" : "requested",
        reason:
          outcome.kind === "unreachable"
            ? outcome.reason
            : outcome.kind === "alreadyInstalled"
              ? "The app is installed; waiting for the person to open it in Teams."
              : null,
        attempts: (previous?.data.attempts ?? 0) + 1,
        lastAttemptAt: now.toISOString(),
      };
      // Another instance may have recorded the same attempt: either record tells the truth.
      if (previous) await this.installations.update(previous.id, record, previous.version);
      else await this.installations.create(person.aadObjectId, record);
    }
    logger.info(totals, "installed the app for staff without it");
    return { ...totals, inCatalog: true };
  }

  /**
   * GET /users/{id}/teamwork/installedApps?$filter=teamsApp/id eq '…' then …/{installation}/chat:
   * the personal chat between the person and the bot, saved as their conversation reference with
   * the Bot Connector address other conversations use (Microsoft's global one before any).
   */
  private async reachThroughChat(userId: string, catalogId: string): Promise<boolean> {
    const { graph, store, reach, logger } = this.options;
    if (!reach) return false;
    try {
      const user = `/users/${encodeURIComponent(userId)}/teamwork/installedApps`;
      const filter = encodeURIComponent(`teamsApp/id eq '${catalogId.replace(/'/g, "''")}'`);
      const installs = await graph.get<{ value: Array<{ id: string }> }>(
        `${user}?$expand=teamsApp&$filter=${filter}`,
      );
      const installation = installs.value[0]?.id;
      if (!installation) return false;
      const chat = await graph.get<{ id?: string }>(
        `${user}/${encodeURIComponent(installation)}/chat`,
      );
      if (!chat.id) return false;
      const known = await store
        .collection(conversationReferenceKind)
        .find({ where: { scope: "personal" }, limit: 1 });
      const serviceUrl = known.items[0]?.data.serviceUrl ?? DEFAULT_SERVICE_URL;
      const tenantId = reach.tenantId;
      const reference = {
        channelId: "msteams",
        serviceUrl,
        bot: { id: `28:${reach.botAppId}`, name: "" },
        user: { id: `29:${userId}`, aadObjectId: userId },
        conversation: {
          id: chat.id,
          conversationType: "personal",
          isGroup: false,
          ...(tenantId ? { tenantId } : {}),
        },
      };
      await new ConversationReferences(store).save({
        aadObjectId: userId,
        scope: "personal",
        conversationId: chat.id,
        serviceUrl,
        updatedAt: this.options.clock.now().toISOString(),
        reference,
      });
      await reach.onReachable(userId);
      return true;
    } catch (error) {
      logger.warn(
        { status: statusOf(error), err: (error as Error).message },
        "finding the chat of an installed app failed",
      );
      return false;
    }
  }

  /** The app's catalog id: configured, or found by its manifest id among the school's apps. */
  private async catalogId(): Promise<string | undefined> {
    const { app, graph } = this.options;
    if ("catalogId" in app) return app.catalogId;
    const filter = `externalId eq '${app.manifestId.replace(/'/g, "''")}'`;
    const answer = await graph.get<{ value: Array<{ id: string }> }>(
      `/appCatalogs/teamsApps?$filter=${encodeURIComponent(filter)}&$select=id`,
    );
    return answer.value[0]?.id;
  }

  private async install(userId: string, catalogId: string): Promise<Outcome> {
    const { graph, logger } = this.options;
    try {
      await graph.post(`/users/${encodeURIComponent(userId)}/teamwork/installedApps`, {
        "teamsApp@odata.bind": `${graph.baseUrl}/appCatalogs/teamsApps/${encodeURIComponent(catalogId)}`,
      });
      return { kind: "requested" };
    } catch (error) {
      const status = statusOf(error);
      if (status === 409) return { kind: "alreadyInstalled" };
      if (status === 403) {
        return {
          kind: "unreachable",
          reason:
            "Teams does not allow installing the app for this person (licence or app permission policy).",
        };
      }
      if (status === 404) {
        return {
          kind: "unreachable",
          reason: "Teams does not know this person, or the app is not in the school's app catalog.",
        };
      }
      if (error instanceof GraphUnavailableError) return { kind: "failed" };
      logger.warn({ status, err: (error as Error).message }, "installing the app failed");
      return { kind: "failed" };
    }
  }

  private async reachable(): Promise<Set<string>> {
    const references = await findAll(this.options.store.collection(conversationReferenceKind), {
      where: { scope: "personal" },
    });
    return new Set(references.map((r) => r.data.aadObjectId));
  }

  /** Everyone on the roster the bot still cannot reach because Teams refused the install, and why. */
  async unreachable(): Promise<AppInstallation[]> {
    const reachable = await this.reachable();
    const refused = await findAll(this.installations, { where: { status: "unreachable" } });
    const result: AppInstallation[] = [];
    for (const record of refused) {
      if (reachable.has(record.data.aadObjectId)) continue;
      if (await this.options.directory.find(record.data.aadObjectId)) result.push(record.data);
    }
    return result;
  }
}

/**
 * Runs the installer now and then every `everyMs`, on one instance at a time (a lease in the
 * shared store), so several instances never install twice.
 */
export function scheduleAppInstalls(
  installer: AppInstaller,
  leases: Leases,
  owner: string,
  everyMs: number,
  logger: Logger,
): { stop(): void; readonly firstRun: Promise<void> } {
  const run = () =>
    leases
      .runExclusive("appInstaller", owner, 15 * 60_000, () => installer.installMissing())
      .then(
        () => undefined,
        (e: Error) =>
          logger.warn(
            { err: e.message },
            "installing the app for staff failed; trying again later",
          ),
      );
  // Settles when the pass at start-up is over (tests wait for it instead of polling).
  let first!: NodeJS.Timeout;
  const firstRun = new Promise<void>((resolve) => {
    first = setTimeout(() => void run().then(resolve), 0);
  });
  const timer = setInterval(() => void run(), everyMs);
  first.unref();
  timer.unref();
  return {
    firstRun,
    stop() {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
