import {
  teamsHighContrastTheme,
  webDarkTheme,
  webLightTheme,
  type Theme,
} from "@fluentui/react-components";
import { app, authentication } from "@microsoft/teams-js";

/*
 * Where the tab is running. Inside Teams: teams-js gives the theme and the SSO token. Outside
 * (a browser on a developer's machine, the e2e tests): app.initialize() never settles, so after a
 * short wait the tab runs in local mode and names its user with ?user=<aadObjectId>.
 */

export type ThemeName = "default" | "dark" | "contrast";

export interface Host {
  readonly kind: "teams" | "browser";
  readonly theme: ThemeName;
  /** Called with the new theme when the person switches it in Teams (or in the OS, locally). */
  onThemeChange(handler: (theme: ThemeName) => void): void;
  /** Headers that prove who is calling: the SSO token in Teams, the local user otherwise. */
  authHeaders(): Promise<Record<string, string>>;
}

const TEAMS_TIMEOUT_MS = 2000;

export function fluentTheme(name: ThemeName): Theme {
  switch (name) {
    case "dark":
      return webDarkTheme;
    case "contrast":
      return teamsHighContrastTheme;
    default:
      return webLightTheme;
  }
}

/** Teams also reports "glass" on some clients: it is drawn over a dark background. */
function themeName(teamsTheme: string | undefined): ThemeName {
  if (teamsTheme === "dark" || teamsTheme === "glass") return "dark";
  if (teamsTheme === "contrast") return "contrast";
  return "default";
}

async function teamsHost(): Promise<Host | undefined> {
  const timeout = new Promise<"timeout">((resolve) =>
    setTimeout(() => resolve("timeout"), TEAMS_TIMEOUT_MS),
  );
  const initialised = app.initialize().then(
    () => "ok" as const,
    () => "failed" as const,
  );
  if ((await Promise.race([initialised, timeout])) !== "ok") return undefined;
  const context = await app.getContext();
  return {
    kind: "teams",
    theme: themeName(context.app.theme),
    onThemeChange(handler) {
      app.registerOnThemeChangeHandler((theme) => handler(themeName(theme)));
    },
    async authHeaders() {
      // teams-js caches the token and renews it when it is about to expire.
      const token = await authentication.getAuthToken();
      return { Authorization: `Bearer ${token}` };
    },
  };
}

function browserTheme(): ThemeName {
  if (window.matchMedia("(forced-colors: active)").matches) return "contrast";
  return window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "default";
}

function browserHost(): Host {
  const user = new URLSearchParams(window.location.search).get("user")?.trim() ?? "";
  return {
    kind: "browser",
    theme: browserTheme(),
    onThemeChange(handler) {
      for (const query of ["(prefers-color-scheme: dark)", "(forced-colors: active)"]) {
        window.matchMedia(query).addEventListener("change", () => handler(browserTheme()));
      }
    },
    // The server honours this header only in local mode; with sign-in configured it answers 401.
    async authHeaders(): Promise<Record<string, string>> {
      return user ? { "X-Local-User": user } : {};
    },
  };
}

export async function connectToHost(): Promise<Host> {
  return (await teamsHost()) ?? browserHost();
}
