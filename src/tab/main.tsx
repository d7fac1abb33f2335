import { FluentProvider, Spinner, Text, Title2, webLightTheme } from "@fluentui/react-components";
import { app } from "@microsoft/teams-js";
import { StrictMode, useEffect, useState } from "react";
import { createRoot } from "react-dom/client";

/** Outside Teams there is no host frame and app.initialize() never settles: give up after a moment. */
async function hostName(): Promise<string> {
  const timeout = new Promise<string>((resolve) => setTimeout(() => resolve("browser"), 1500));
  const teams = app.initialize().then(() => "Microsoft Teams");
  return Promise.race([teams, timeout]).catch(() => "browser");
}

function Dashboard() {
  const [host, setHost] = useState<string | undefined>();
  useEffect(() => {
    void hostName().then(setHost);
  }, []);
  return (
    <main style={{ padding: 24 }}>
      <Title2 as="h1">Staff Social Media Policy</Title2>
      {host ? <Text block>Dashboard running in {host}.</Text> : <Spinner label="Connecting…" />}
    </main>
  );
}

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <FluentProvider theme={webLightTheme}>
        <Dashboard />
      </FluentProvider>
    </StrictMode>,
  );
}
