import {
  teamsHighContrastTheme,
  webDarkTheme,
  webLightTheme,
  type Theme,
} from "@fluentui/react-components";
import { app, authentication } from "@microsoft/teams-js";
import { waitForHost, type HostDecision, type Surroundings } from "./hostWait";

/*
 * Where the tab is running. Inside Teams: teams-js gives the theme and the SSO token. Outside
 * (a browser on a developer's machine, the e2e tests: no parent frame, no native bridge) the tab
 * runs in browser mode and names its user with ?user=<aadObjectId>. A page that may be hosted
 * waits for the host however slow it is (hostWait.ts), and says so while it waits.
 */

export type ThemeName = "default" | "dark" | "contrast";

export interface Host {
  readonly kind: "teams" | "browser";
  readonly theme: ThemeName;
  /** Called with the new theme when the person switches it in Teams (or in the OS, locally). */
  onThemeChange(handler: (theme: ThemeName) => void): void;
  /** Headers that prove who is calling: the SSO token in Teams, the local user otherwise. */
  authHeaders(): Promise<Record<string, string>>;
  /**
   * Downloads a file from a short-lived link (the CSV export). Teams: the host opens it (new
   * Teams and mobile do not keep blob downloads from a tab); a browser: an ordinary link.
   */
  openDownload(url: string): Promise<void>;
}

/** The host did not answer: the tab says so instead of running signed out. */
export interface NoHost {
  readonly kind: "no-answer";
  readonly why: "refused" | "timeout";
}

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

function surroundings(): Surroundings {
  let framed: boolean;
  try {
    framed = window.parent !== window.self;
  } catch {
    framed = true;
  }
  const bridge = (window as unknown as { nativeInterface?: unknown }).nativeInterface;
  return { framed, nativeBridge: bridge !== undefined && bridge !== null };
}

/** An absolute https (or, on this machine, http) link: what app.openLink accepts. */
function absolute(url: string): string {
  return new URL(url, window.location.href).toString();
}

function clickLink(url: string): void {
  const link = document.createElement("a");
  link.href = absolute(url);
  link.rel = "noopener";
  document.body.appendChild(link);
  link.click();
  link.remove();
}

async function teamsHost(): Promise<Host> {
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
    async openDownload(url) {
      await app.openLink(absolute(url));
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
    async openDownload(url) {
      clickLink(url);
    },
  };
}

/**
 * Teams, a browser, or a host that did not answer. `waiting` is told "hosted" as soon as the page
 * knows it may be in Teams, and "slow" when the wait has lasted long enough to say so.
 */
export async function connectToHost(
  waiting: (state: "hosted" | "slow") => void = () => undefined,
): Promise<Host | NoHost> {
  const where = surroundings();
  if (where.framed || where.nativeBridge) waiting("hosted");
  const decision: HostDecision = await waitForHost({
    surroundings: where,
    initialize: () => app.initialize(),
    onSlow: () => waiting("slow"),
  });
  switch (decision.kind) {
    case "teams":
      return teamsHost();
    case "browser":
      return browserHost();
    default:
      return decision;
  }
}
