import type { Person } from "../domain/people/person";

/** The manifest's staticTabs entityId of the dashboard (appPackage/manifest.json). */
export const DASHBOARD_ENTITY_ID = "dashboard";

export interface DashboardLinkSettings {
  readonly localMode: boolean;
  readonly publicUrl: string;
  /** The app's manifest id (TEAMS_APP_ID). */
  readonly teamsAppId?: string;
}

/**
 * Where "Open the dashboard" goes. In Teams the tab signs people in with SSO, which a browser
 * opened on PUBLIC_URL/tab/ does not have, so production links to the personal tab inside Teams
 * (a deep link to the app's entity). Local mode (the Agents Playground, no Teams) keeps the plain
 * address, naming the person as the local tab expects.
 */
export function dashboardLinkFor(settings: DashboardLinkSettings): (person: Person) => string {
  const { localMode, publicUrl, teamsAppId } = settings;
  if (!localMode && teamsAppId) {
    const link = `https://teams.microsoft.com/l/entity/${encodeURIComponent(teamsAppId)}/${DASHBOARD_ENTITY_ID}`;
    return () => link;
  }
  return localMode
    ? (person) => `${publicUrl}/tab/?user=${encodeURIComponent(person.aadObjectId)}`
    : () => `${publicUrl}/tab/`;
}
