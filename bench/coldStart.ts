import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { freePort, startServer } from "../scripts/processes";
import { parseRoster } from "../src/identity/csvRoster";
import { packageRoot } from "../src/packageRoot";
import { ConnectorRecorder } from "../test/support/connectorRecorder";
import { activityBase, writeResults } from "./botThroughput";

/*
 * Cold start of the bot process (`npm run bench -- coldStart`): the built server started afresh
 * several times, each with a new data folder (so the SQLite migrations and the bundled policy's
 * installation run every time). Per start: wall time from spawn until the port listens and
 * until /healthz answers (after the warm-up that follows listening: the intent recogniser's
 * training and the question model's load, see composition.ts), the CPU
 * the process had used by then (user + system, from /proc: the figure the machine's other load
 * does not inflate), the wall time of its first policy answer, and its resident memory after it.
 * With and without the trained model, so what the model costs at start-up is visible.
 */
const STARTS = 5;
const CLOCK_TICKS_PER_SECOND = 100;

function cpuMs(pid: number | undefined): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name (which may hold spaces) start at ") ".
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) / CLOCK_TICKS_PER_SECOND) * 1000;
}

function rssMb(pid: number | undefined): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return Math.round(Number(kb ?? 0) / 1024);
}

async function answersWithin(url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.status < 500) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`${url} did not answer in time`);
}

/** Until the port takes a TCP connection: the server has called listen(). */
async function listensWithin(port: number, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`port ${port} did not listen in time`);
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
};

export async function run(): Promise<void> {
  const connector = await new ConnectorRecorder().start();
  const person = parseRoster(
    fs.readFileSync(path.join(packageRoot(), "assets/roster/sample-roster.csv"), "utf8"),
    "roster",
  )[0]!;
  const variants: [string, Record<string, string>][] = [
    ["with the trained model", {}],
    ["retrieval alone (QA_MODEL_FILE missing)", { QA_MODEL_FILE: "/nonexistent/model.json" }],
  ];
  const rows: Record<string, unknown>[] = [];
  try {
    for (const [name, env] of variants) {
      const samples: {
        listeningMs: number;
        cpuListeningMs: number;
        readyMs: number;
        cpuMs: number;
        firstAnswerMs: number;
        rss: number;
      }[] = [];
      for (let i = 0; i < STARTS; i++) {
        const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-cold-"));
        const port = await freePort();
        const started = Date.now();
        const server = startServer({
          PORT: String(port),
          DATA_DIR: dataDir,
          LOG_LEVEL: "warn",
          OUTBOX_POLL_MS: "60000",
          ...env,
        });
        try {
          const url = `http://127.0.0.1:${port}`;
          await listensWithin(port, started + 60_000);
          const listeningMs = Date.now() - started;
          const cpuListening = cpuMs(server.child.pid);
          await answersWithin(`${url}/healthz`, started + 60_000);
          const readyMs = Date.now() - started;
          const cpu = cpuMs(server.child.pid);
          const asked = Date.now();
          const response = await fetch(`${url}/api/messages`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({
              ...activityBase(person, connector.url),
              type: "message",
              text: "can i put a pic of my class on my own insta?",
            }),
          });
          await response.arrayBuffer();
          if (response.status >= 400) throw new Error(`first question: HTTP ${response.status}`);
          samples.push({
            listeningMs,
            cpuListeningMs: cpuListening,
            readyMs,
            cpuMs: cpu,
            firstAnswerMs: Date.now() - asked,
            rss: rssMb(server.child.pid),
          });
        } finally {
          await server.stop();
          fs.rmSync(dataDir, { recursive: true, force: true });
        }
      }
      rows.push({
        start: name,
        starts: STARTS,
        "listening ms (median)": median(samples.map((s) => s.listeningMs)),
        "CPU ms to listening (median)": median(samples.map((s) => s.cpuListeningMs)),
        "ready ms (median)": median(samples.map((s) => s.readyMs)),
        "ready ms (max)": Math.max(...samples.map((s) => s.readyMs)),
        "CPU ms to ready (median)": median(samples.map((s) => s.cpuMs)),
        "first answer ms (median)": median(samples.map((s) => s.firstAnswerMs)),
        "rss MB after it": median(samples.map((s) => s.rss)),
      });
    }
  } finally {
    await connector.stop();
  }
  console.table(rows);
  console.log(
    `load average at the end: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  console.log(`written to ${writeResults("coldStart", rows)}`);
}

if (require.main === module) {
  run().catch((error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(1);
  });
}
