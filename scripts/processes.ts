import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { packageRoot } from "../src/packageRoot";

/*
 * Starting the real server and the real Agents Playground as separate processes, shared by
 * `npm run dev:local` and the end-to-end tests so both exercise the same thing.
 */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export async function waitForHttp(
  url: string,
  timeoutMs = 30_000,
  child?: ChildProcess,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = "";
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null)
      throw new Error(`process exited with ${child.exitCode} before ${url} answered`);
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
      lastError = `HTTP ${response.status}`;
    } catch (error) {
      lastError = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms (${lastError})`);
}

export interface Started {
  readonly child: ChildProcess;
  readonly output: () => string;
  stop(): Promise<void>;
}

function track(child: ChildProcess, echo: boolean): Started {
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
    if (echo) process.stdout.write(chunk);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  return {
    child,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
        child.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill("SIGTERM");
      }),
  };
}

export function startServer(env: Record<string, string>, echo = false): Started {
  const root = packageRoot();
  const child = spawn(
    process.execPath,
    // As `npm start` and App Service start it (see infra/azure.bicep for the heap flag's reason).
    [
      "--disable-warning=DEP0111",
      "--heap-growing-percent=100",
      path.join(root, "lib/src/index.js"),
    ],
    {
      cwd: root,
      env: { ...process.env, LOG_LEVEL: "warn", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  return track(child, echo);
}

export function startPlayground(options: {
  cwd: string;
  port: number;
  botEndpoint: string;
  echo?: boolean;
}): Started {
  const root = packageRoot();
  const bin = path.join(root, "node_modules/@microsoft/m365agentsplayground/cli.js");
  // The playground has no bind option and listens on every interface: the preload keeps it on loopback.
  const loopbackOnly = path.join(root, "scripts/loopbackOnly.cjs");
  const child = spawn(
    process.execPath,
    [
      "--require",
      loopbackOnly,
      bin,
      "-e",
      options.botEndpoint,
      "-c",
      "msteams",
      "-p",
      String(options.port),
      "--dt",
    ],
    {
      cwd: options.cwd,
      // Without this it tries to open a desktop browser and exits 1 on a headless machine.
      env: {
        ...process.env,
        TEAMSAPPTESTER_BROWSER: "none",
        M365_AGENTS_PLAYGROUND_LOGFILE: path.join(options.cwd, "playground.log"),
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  return track(child, options.echo ?? false);
}
