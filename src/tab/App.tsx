import {
  FluentProvider,
  makeStaticStyles,
  makeStyles,
  Spinner,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useMemo, useState } from "react";
import type { TabSession } from "../http/tabApiContract";
import { ApiError, DashboardApi } from "./api";
import { ForbiddenPage, LocalBanner, ProblemPage, SignInProblem } from "./components/Notices";
import { Dashboard } from "./Dashboard";
import { connectToHost, fluentTheme, type Host, type ThemeName } from "./host";

/** Connect to Teams (or run locally), sign in, then show the dashboard or say why not. */

type Stage =
  | { kind: "connecting" }
  | { kind: "ready"; session: TabSession }
  | { kind: "forbidden"; message: string }
  | { kind: "signed-out"; message: string }
  | { kind: "failed"; message: string };

const useGlobalStyles = makeStaticStyles({ body: { margin: 0 } });

const useStyles = makeStyles({
  root: { minHeight: "100vh", background: tokens.colorNeutralBackground2 },
});

export function App() {
  useGlobalStyles();
  const styles = useStyles();
  const [host, setHost] = useState<Host | undefined>();
  const [theme, setTheme] = useState<ThemeName>("default");
  const [stage, setStage] = useState<Stage>({ kind: "connecting" });
  const api = useMemo(() => (host ? new DashboardApi(host) : undefined), [host]);

  useEffect(() => {
    void connectToHost().then((h) => {
      setTheme(h.theme);
      h.onThemeChange(setTheme);
      setHost(h);
    });
  }, []);

  useEffect(() => {
    if (!api) return;
    api
      .session()
      .then((session) => setStage({ kind: "ready", session }))
      .catch((e: Error) => {
        if (e instanceof ApiError && e.status === 403)
          setStage({ kind: "forbidden", message: e.message });
        else if (e instanceof ApiError && e.status === 401)
          setStage({ kind: "signed-out", message: e.message });
        else setStage({ kind: "failed", message: e.message });
      });
  }, [api]);

  return (
    <FluentProvider theme={fluentTheme(theme)} className={styles.root} data-theme={theme}>
      {stage.kind === "connecting" || !api ? <Spinner label="Connecting…" /> : null}
      {stage.kind === "forbidden" ? <ForbiddenPage message={stage.message} /> : null}
      {stage.kind === "signed-out" ? <SignInProblem message={stage.message} /> : null}
      {stage.kind === "failed" ? (
        <ProblemPage title="The dashboard could not load" message={stage.message} />
      ) : null}
      {stage.kind === "ready" && api ? (
        <>
          {stage.session.signIn === "local" ? (
            <LocalBanner
              displayName={stage.session.displayName}
              roleTitles={stage.session.roleTitles}
            />
          ) : null}
          <Dashboard api={api} session={stage.session} />
        </>
      ) : null}
    </FluentProvider>
  );
}
