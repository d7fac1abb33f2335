import path from "node:path";
import { loadConfig } from "../src/config";
import { packageRoot } from "../src/packageRoot";
import { findOnRoster, readRosterFile, writePlaygroundConfig } from "./playgroundConfig";
import { startPlayground, startServer, waitForHttp } from "./processes";

/*
 * `npm run dev:local`: the embedded default in one command. Starts the server (SQLite in
 * DATA_DIR, the roster CSV) and the Microsoft 365 Agents Playground as the chosen person
 * (PLAYGROUND_AS="Daniel Price"; default: the headteacher), then prints where to click.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const roster = readRosterFile(config.rosterFile);
  const who =
    process.env.PLAYGROUND_AS ??
    roster.find((p) => p.roles.includes("headteacher"))?.displayName ??
    "";
  const person = findOnRoster(roster, who);
  if (!person) throw new Error(`PLAYGROUND_AS="${who}" is not on the roster ${config.rosterFile}`);
  const playgroundPort = Number(process.env.PLAYGROUND_PORT ?? 56150);

  const server = startServer(
    { PORT: String(config.port), DATA_DIR: config.dataDir, LOG_LEVEL: config.logLevel },
    true,
  );
  const base = `http://127.0.0.1:${config.port}`;
  await waitForHttp(`${base}/healthz`, 30_000, server.child);

  const dir = path.join(packageRoot(), ".playground", person.aadObjectId);
  writePlaygroundConfig(dir, person, roster);
  const playground = startPlayground({
    cwd: dir,
    port: playgroundPort,
    botEndpoint: `${base}/api/messages`,
  });
  await waitForHttp(`http://127.0.0.1:${playgroundPort}/`, 30_000, playground.child);
  console.log(
    [
      "",
      `Agents Playground (chatting as ${person.displayName}): http://127.0.0.1:${playgroundPort}/`,
      `Dashboard tab (signed in as ${person.displayName}):   ${base}/tab/?user=${encodeURIComponent(person.aadObjectId)}`,
      "Press Ctrl+C to stop both.",
    ].join("\n"),
  );
  const stop = async () => {
    await Promise.all([playground.stop(), server.stop()]);
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
  server.child.once("exit", (code) => {
    console.error(`The server stopped (exit ${code}).`);
    void playground.stop().then(() => process.exit(code ?? 1));
  });
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
