import {
  Card,
  CardHeader,
  makeStyles,
  Spinner,
  Tab,
  TabList,
  Text,
  Title1,
  Title3,
  tokens,
} from "@fluentui/react-components";
import { useCallback, useEffect, useState } from "react";
import type { TabSession, VersionInfo, VersionSummary } from "../http/tabApiContract";
import type { DashboardApi } from "./api";
import { CompletionChart } from "./components/CompletionChart";
import { DepartmentBreakdown } from "./components/DepartmentBreakdown";
import { ProblemPage } from "./components/Notices";
import { RemindOutstanding } from "./components/RemindOutstanding";
import { StaffTable } from "./components/StaffTable";
import { formatCount, formatDate } from "./format";
import { viewFor, visiblePanels } from "./panels";

/** Acknowledgements at a glance: pick a version, see its figures, chase who is outstanding. */

const useStyles = makeStyles({
  main: {
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXXL}`,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalL,
    maxWidth: "1200px",
  },
  card: { padding: tokens.spacingHorizontalL },
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
});

function versionLabel(v: VersionInfo): string {
  return `${v.state === "in-force" ? "In force" : "Upcoming"}: ${v.title}`;
}

export function Dashboard({ api, session }: { api: DashboardApi; session: TabSession }) {
  const styles = useStyles();
  const [versions, setVersions] = useState<VersionInfo[] | undefined>();
  const [selected, setSelected] = useState<string | undefined>();
  const [summary, setSummary] = useState<VersionSummary | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [refreshKey, setRefreshKey] = useState(0);

  useEffect(() => {
    api
      .versions()
      .then(({ versions: list }) => {
        setVersions(list);
        setSelected(list.find((v) => v.state === "in-force")?.version ?? list[0]?.version);
      })
      .catch((e: Error) => setError(e.message));
  }, [api]);

  useEffect(() => {
    if (!selected) return undefined;
    let current = true;
    api
      .summary(selected)
      .then((s) => current && setSummary(s))
      .catch((e: Error) => current && setError(e.message));
    return () => {
      current = false;
    };
  }, [api, selected, refreshKey]);

  const refresh = useCallback(() => setRefreshKey((k) => k + 1), []);

  if (error) return <ProblemPage title="The dashboard could not load" message={error} />;
  if (!versions) return <Spinner label="Loading the dashboard…" />;
  const version = versions.find((v) => v.version === selected);
  const names = session.access === "names";
  const remindable = summary ? summary.figures.outstanding + summary.figures.overdue : 0;

  return (
    <main className={styles.main}>
      <Title1 as="h1">Staff Social Media Policy: acknowledgements</Title1>
      {versions.length === 0 ? (
        <Text>No policy version has been published yet.</Text>
      ) : (
        <TabList
          selectedValue={selected}
          onTabSelect={(_e, d) => {
            setSummary(undefined);
            setSelected(String(d.value));
          }}
          aria-label="Policy version"
        >
          {versions.map((v) => (
            <Tab key={v.version} value={v.version}>
              {versionLabel(v)}
            </Tab>
          ))}
        </TabList>
      )}
      {version ? (
        <Text>
          {version.effectiveFrom
            ? `${version.state === "in-force" ? "In force since" : "Takes effect on"} ${formatDate(version.effectiveFrom, session.timeZone)}.`
            : null}{" "}
          {version.dueBy
            ? `Staff are asked to acknowledge by ${formatDate(version.dueBy, session.timeZone)}.`
            : null}
        </Text>
      ) : null}
      {selected && !summary ? <Spinner label="Loading figures…" /> : null}
      {selected && summary ? (
        <>
          <Card className={styles.card}>
            <CardHeader header={<Title3 as="h2">Completion</Title3>} />
            <CompletionChart figures={summary.figures} />
            {summary.figures.undeliverable > 0 ? (
              <Text data-testid="unreachable-why">
                {formatCount(summary.figures.undeliverable)} could not be reached:{" "}
                {summary.unreachable.why}. {summary.unreachable.fix}
              </Text>
            ) : null}
            {names && session.mayRemind ? (
              <RemindOutstanding
                api={api}
                version={selected}
                remindable={remindable}
                onProgress={refresh}
              />
            ) : null}
          </Card>
          <Card className={styles.card}>
            <CardHeader header={<Title3 as="h2">By department</Title3>} />
            <DepartmentBreakdown departments={summary.byDepartment} />
          </Card>
          {names ? (
            <Card className={styles.card}>
              <CardHeader header={<Title3 as="h2">Staff</Title3>} />
              <StaffTable
                api={api}
                version={selected}
                timeZone={session.timeZone}
                refreshKey={refreshKey}
              />
            </Card>
          ) : (
            <Text>
              Names are not shown: as Chair of Governors you see the school&apos;s figures.
            </Text>
          )}
        </>
      ) : null}
      {visiblePanels(session.panels).map((panel) => {
        const View = viewFor(panel)!;
        return (
          <Card key={panel.id} className={styles.card}>
            <CardHeader header={<Title3 as="h2">{panel.title}</Title3>} />
            <View api={api} panel={panel} timeZone={session.timeZone} />
          </Card>
        );
      })}
    </main>
  );
}
