import {
  Button,
  FluentProvider,
  makeStaticStyles,
  makeStyles,
  Spinner,
  Text,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useMemo, useState } from "react";
import type { TabSession } from "../http/tabApiContract";
import { ApiError, DashboardApi } from "./api";
import { ForbiddenPage, LocalBanner, ProblemPage, SignInProblem } from "./components/Notices";
import { Dashboard } from "./Dashboard";
import { connectToHost, fluentTheme, type Host, type NoHost, type ThemeName } from "./host";

/** Connect to Teams (or run locally), sign in, then show the dashboard or say why not. */

type Stage =
  | { kind: "connecting" }
  | { kind: "no-host"; why: NoHost["why"] }
  | { kind: "ready"; session: TabSession }
  | { kind: "forbidden"; message: string }
  | { kind: "signed-out"; message: string }
  | { kind: "failed"; message: string };

const useGlobalStyles = makeStaticStyles({ body: { margin: 0 } });

const useStyles = makeStyles({
  root: { minHeight: "100vh", background: tokens.colorNeutralBackground2 },
  waiting: {
    display: "flex",
    flexDirection: "column",
    alignItems: "center",
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingVerticalXXL,
    textAlign: "center",
  },
});

/** Shown while the host has not answered yet: in Teams on a phone this can take a while. */
function Connecting({ waiting }: { waiting: "unknown" | "hosted" | "slow" }) {
  const styles = useStyles();
  return (
    <div className={styles.waiting} data-testid="connecting" data-waiting={waiting}>
      <Spinner label={waiting === "unknown" ? "Connecting…" : "Connecting to Teams…"} />
      {waiting === "slow" ? (
        <Text>
          Teams is taking longer than usual to answer. On a phone or a slow connection this can take
          up to a minute.
        </Text>
      ) : null}
    </div>
  );
}

function NoHostPage({ why }: { why: NoHost["why"] }) {
  return (
    <div data-testid="no-host">
      <ProblemPage
        title="Teams did not answer"
        message={
          why === "timeout"
            ? "The dashboard waited a minute for Microsoft Teams and heard nothing back. Check the connection, then try again."
            : "Microsoft Teams did not let the dashboard connect. Close the tab and open it again from the app."
        }
      />
      <div style={{ textAlign: "center" }}>
        <Button appearance="primary" onClick={() => window.location.reload()}>
          Try again
        </Button>
      </div>
    </div>
  );
}

export function App() {
  useGlobalStyles();
  const styles = useStyles();
  const [host, setHost] = useState<Host | undefined>();
  const [theme, setTheme] = useState<ThemeName>("default");
  const [stage, setStage] = useState<Stage>({ kind: "connecting" });
  const [waiting, setWaiting] = useState<"unknown" | "hosted" | "slow">("unknown");
  const api = useMemo(() => (host ? new DashboardApi(host) : undefined), [host]);

  useEffect(() => {
    let current = true;
    connectToHost((state) => current && setWaiting(state))
      .then((h) => {
        if (!current) return;
        if (h.kind === "no-answer") {
          setStage({ kind: "no-host", why: h.why });
          return;
        }
        setTheme(h.theme);
        h.onThemeChange(setTheme);
        setHost(h);
      })
      .catch((e: Error) => current && setStage({ kind: "failed", message: e.message }));
    return () => {
      current = false;
    };
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
      {stage.kind === "connecting" ? <Connecting waiting={waiting} /> : null}
      {stage.kind === "no-host" ? <NoHostPage why={stage.why} /> : null}
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
