import type restify from "restify";
import type { AppServices } from "../app/services";
import {
  mayRemindOutstanding,
  mayViewAcknowledgementDetail,
  mayViewAcknowledgementFigures,
} from "../domain/people/permissions";
import { ROLE_TITLES, type Person } from "../domain/people/person";
import type { TabAuthenticator } from "../identity/tabAuth";
import type { Logger } from "../ports";
import type { ExportLinks } from "./exportLinks";
import type { RouteModule } from "./server";
import { TAB_API, type DashboardAccess, type PanelInfo, type TabSession } from "./tabApiContract";
import type { Parsed } from "./tabQuery";
import { signedIn, TabHttpError, type TabHandler } from "./tabSession";

/*
 * The JSON behind the tab: who is signed in and what they may see (the session), then each
 * capability's own routes and panels (src/features/<name>/feature.ts), every one of which signs
 * the caller in and asks the permission functions what they may see.
 */

/** What a panel's route is given: the use cases' services and the tab API's signed-in wrapper. */
export interface PanelRouteContext {
  readonly services: AppServices;
  readonly route: (handler: TabHandler) => ReturnType<typeof signedIn>;
}

/** Another capability's dashboard panel (misuse cases, post approvals ...), listed once its API exists. */
export interface TabPanel {
  readonly info: PanelInfo;
  visibleTo(person: Person): boolean;
  /** Adds the panel's JSON route (`info.path` under TAB_API); it checks permission itself. */
  register(server: restify.Server, context: PanelRouteContext): void;
}

/** What a capability's own tab routes are given besides a panel's: the export links and a logger. */
export interface TabRouteContext extends PanelRouteContext {
  /** Signs and checks the short-lived links the host downloads exports from. */
  readonly exportLinks: ExportLinks;
  readonly logger: Logger;
}

/** A capability's tab API routes beyond a list panel (the acknowledgements dashboard). */
export type TabRoutes = (server: restify.Server, context: TabRouteContext) => void;

export interface TabApiDependencies {
  readonly services: AppServices;
  readonly auth: TabAuthenticator;
  readonly panels?: readonly TabPanel[];
  readonly routes?: readonly TabRoutes[];
  readonly exportLinks: ExportLinks;
}

export function dashboardAccess(person: Person): DashboardAccess | undefined {
  if (mayViewAcknowledgementDetail(person)) return "names";
  if (mayViewAcknowledgementFigures(person)) return "figures";
  return undefined;
}

function firstName(person: Person): string {
  return person.displayName.split(" ")[0] ?? person.displayName;
}

/** 403 with a message the forbidden page shows as it is. */
export function requireAccess(person: Person): DashboardAccess {
  const access = dashboardAccess(person);
  if (!access) {
    const roles = person.roles.map((r) => ROLE_TITLES[r]).join(", ");
    throw new TabHttpError(
      403,
      "TAB.NO_DASHBOARD_ROLE",
      `Hello ${firstName(person)}: you are signed in, but your role (${roles}) does not include the acknowledgements dashboard.`,
    );
  }
  return access;
}

export function requireNames(person: Person): void {
  if (requireAccess(person) !== "names") {
    throw new TabHttpError(
      403,
      "TAB.FIGURES_ONLY",
      "Names are for the Headteacher and the policy owner; the dashboard shows you the school's figures.",
    );
  }
}

/** The parsed value, or a 400 naming what was wrong. */
export function valid<T>(parsed: Parsed<T>): T {
  if (!parsed.ok) throw new TabHttpError(400, "TAB.BAD_REQUEST", parsed.message);
  return parsed.value;
}

export function tabApi(deps: TabApiDependencies): RouteModule {
  const { services } = deps;
  const logger = services.logger.child({ component: "tab-api" });
  const route = (handler: TabHandler) => signedIn(deps.auth, logger, handler);
  return {
    register(server: restify.Server) {
      for (const panel of deps.panels ?? []) panel.register(server, { services, route });

      server.get(
        `${TAB_API}/session`,
        route(async (_req, res, person) => {
          const session: TabSession = {
            displayName: person.displayName,
            roleTitles: person.roles.filter((r) => r !== "staff").map((r) => ROLE_TITLES[r]),
            signIn: deps.auth.mode === "local" ? "local" : "teams",
            access: requireAccess(person),
            mayRemind: mayRemindOutstanding(person),
            panels: (deps.panels ?? []).filter((p) => p.visibleTo(person)).map((p) => p.info),
            timeZone: services.schoolTimeZone,
          };
          res.send(200, session);
        }),
      );

      for (const routes of deps.routes ?? [])
        routes(server, { services, route, exportLinks: deps.exportLinks, logger });
    },
  };
}
