import { ROLES, type Person, type Role } from "../domain/people/person";
import type { Directory, Logger } from "../ports";
import { graphQuery, type GraphApi } from "../graph/graphClient";
import type { RoleGroup } from "./roleGroups";

/*
 * The staff roster in production: the transitive members of the "all staff" Entra group
 * (ENTRA_STAFF_GROUP_ID), with each role taken from membership of its configured group
 * (ENTRA_ROLE_GROUPS). Read through Graph and kept in memory: a cache of the directory, rebuilt
 * on every refresh, so a leaver (removed from the group or disabled) disappears at the next
 * refresh and stops being recognised or messaged.
 */
export interface EntraRosterSettings {
  readonly staffGroupId: string;
  /**
   * People the policy covers who are not in the staff group (agency and supply staff,
   * volunteers, contractors, governors without a staff account, often Entra guests).
   */
  readonly guestGroupId?: string;
  readonly roleGroups: readonly RoleGroup[];
  readonly refreshMs: number;
}

interface GraphUser {
  readonly id: string;
  readonly displayName?: string | null;
  readonly mail?: string | null;
  readonly userPrincipalName?: string | null;
  readonly department?: string | null;
  readonly accountEnabled?: boolean | null;
}

interface Page<T> {
  readonly value: T[];
  readonly "@odata.nextLink"?: string;
}

export class RosterUnavailableError extends Error {
  readonly code = "ROSTER.UNAVAILABLE";
}

export interface RosterChange {
  readonly people: number;
  readonly joined: number;
  readonly left: number;
}

export class EntraRoster implements Directory {
  private people: readonly Person[] = [];
  private byId = new Map<string, Person>();
  private timer?: NodeJS.Timeout;
  private refreshing?: Promise<RosterChange>;
  private readonly listeners: ((change: RosterChange) => Promise<void>)[] = [];

  constructor(
    private readonly graph: GraphApi,
    private readonly settings: EntraRosterSettings,
    private readonly logger: Logger,
  ) {}

  /** Reads the roster once; start-up stops here if Entra cannot be read. */
  static async load(
    graph: GraphApi,
    settings: EntraRosterSettings,
    logger: Logger,
  ): Promise<EntraRoster> {
    const roster = new EntraRoster(graph, settings, logger);
    await roster.refresh();
    return roster;
  }

  async find(aadObjectId: string): Promise<Person | undefined> {
    return this.byId.get(aadObjectId);
  }

  async all(): Promise<readonly Person[]> {
    return this.people;
  }

  /** Called after each successful refresh (e.g. to install the app for newcomers). */
  onRefreshed(listener: (change: RosterChange) => Promise<void>): void {
    this.listeners.push(listener);
  }

  /** Re-reads the groups; concurrent callers share one read. */
  refresh(): Promise<RosterChange> {
    this.refreshing ??= this.read().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async read(): Promise<RosterChange> {
    const fields = "id,displayName,mail,userPrincipalName,department,accountEnabled";
    const staff = await this.members(this.settings.staffGroupId, fields);
    const guests = this.settings.guestGroupId
      ? await this.members(this.settings.guestGroupId, fields)
      : [];
    const users = [...new Map([...staff, ...guests].map((u) => [u.id, u])).values()];
    const rolesOf = new Map<string, Set<Role>>();
    for (const { role, groupId } of this.settings.roleGroups) {
      for (const member of await this.members(groupId, "id")) {
        const roles = rolesOf.get(member.id) ?? new Set<Role>();
        roles.add(role);
        rolesOf.set(member.id, roles);
      }
    }
    // Graph returns users it may not read with "limited information" (only the id): the app then
    // lacks User.Read.All. Nameless staff would be worse than no refresh, so say what is missing.
    const limited = users.filter((u) => !u.displayName && !u.mail && !u.userPrincipalName).length;
    if (limited > 0) {
      throw new RosterUnavailableError(
        `${limited} of ${users.length} members of the staff group came back from Microsoft Graph with limited information (no name, email or department): grant the Entra app the User.Read.All application permission (admin consent), as well as GroupMember.Read.All`,
      );
    }
    const people: Person[] = [];
    for (const user of users) {
      // Disabled accounts are leavers whose group membership has not been tidied yet.
      if (user.accountEnabled === false) continue;
      const held = rolesOf.get(user.id) ?? new Set<Role>();
      people.push({
        aadObjectId: user.id,
        displayName: user.displayName?.trim() || user.userPrincipalName || user.id,
        email: user.mail ?? user.userPrincipalName ?? "",
        department: user.department?.trim() ?? "",
        roles: ROLES.filter((r) => r === "staff" || held.has(r)),
      });
    }
    if (people.length === 0) {
      // An empty staff group is a misconfiguration, not a school with no staff: keep what we had.
      throw new RosterUnavailableError(
        `The Entra group ENTRA_STAFF_GROUP_ID has no enabled members`,
      );
    }
    const before = this.byId;
    const byId = new Map(people.map((p) => [p.aadObjectId, p]));
    const change = {
      people: people.length,
      joined: people.filter((p) => !before.has(p.aadObjectId)).length,
      left: [...before.keys()].filter((id) => !byId.has(id)).length,
    };
    this.people = people;
    this.byId = byId;
    this.logger.info(change, "staff roster refreshed from Entra");
    for (const listener of this.listeners) {
      await listener(change).catch((e: Error) =>
        this.logger.error({ err: e.message }, "roster listener failed"),
      );
    }
    return change;
  }

  /** Transitive user members of a group, every page (an OData cast: ConsistencyLevel + $count). */
  private async members(groupId: string, select: string): Promise<GraphUser[]> {
    const users: GraphUser[] = [];
    let path: string | undefined =
      `/groups/${encodeURIComponent(groupId)}/transitiveMembers/microsoft.graph.user${graphQuery({
        $count: "true",
        $select: select,
        $top: 999,
      })}`;
    while (path) {
      const page: Page<GraphUser> = await this.graph.get<Page<GraphUser>>(path, {
        ConsistencyLevel: "eventual",
      });
      users.push(...page.value);
      const next = page["@odata.nextLink"];
      path = next ? this.graph.relativeLink(next) : undefined;
      if (next && !path)
        throw new RosterUnavailableError("Graph returned a nextLink outside GRAPH_BASE_URL");
    }
    return users;
  }

  /** Refreshes on a schedule; a failed refresh keeps the last good roster and is logged. */
  start(): void {
    this.timer = setInterval(() => {
      this.refresh().catch((e: Error) =>
        this.logger.warn({ err: e.message }, "staff roster refresh failed; keeping the last one"),
      );
    }, this.settings.refreshMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
