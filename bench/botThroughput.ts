import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, startServer, waitForHttp } from "../scripts/processes";
import { parseRoster } from "../src/identity/csvRoster";
import { packageRoot } from "../src/packageRoot";
import { ConnectorRecorder } from "../test/support/connectorRecorder";

/*
 * Bot throughput and latency over real HTTP, each scenario against the bare echo bot in the
 * same run (same machine, same moment), reported as a ratio. Both bots run as their own
 * processes; the load generator keeps N conversations busy at once.
 */
const ROUNDS = 6;

export interface Scenario {
  readonly name: string;
  /** The activity a given conversation sends on the scenario's i-th turn (counted across all). */
  activity(
    person: { aadObjectId: string; displayName: string },
    i: number,
    serviceUrl: string,
  ): unknown;
  /** Prepares the product's store or state before measuring (optional). */
  prepare?(
    botUrl: string,
    people: { aadObjectId: string; displayName: string }[],
    serviceUrl: string,
  ): Promise<void>;
}

interface Figures {
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
  readonly cpuPerRequest: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

interface Sample {
  readonly latencies: number[];
  elapsedMs: number;
  errors: number;
  /** CPU time the bot process spent (user + system), from /proc: what the bot costs per request. */
  cpuMs: number;
}

const newSample = (): Sample => ({ latencies: [], elapsedMs: 0, errors: 0, cpuMs: 0 });

/** CPU time a process has used so far, in ms (Linux /proc; NaN elsewhere). */
function cpuMsOf(pid: number | undefined): number {
  try {
    // Fields after the command name: utime and stime are the 12th and 13th, in clock ticks (100/s).
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

function figures(sample: Sample): Figures {
  const sorted = [...sample.latencies].sort((a, b) => a - b);
  return {
    perSecond: (sorted.length / sample.elapsedMs) * 1000,
    cpuPerRequest: sample.cpuMs / Math.max(1, sorted.length),
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    errors: sample.errors,
  };
}

/** Keeps `concurrency` conversations busy for `durationMs`, adding what it measured to `into`. */
async function load(
  url: string,
  make: (conversation: number) => unknown,
  concurrency: number,
  durationMs: number,
  into: Sample = newSample(),
  pid?: number,
): Promise<Sample> {
  const cpuBefore = cpuMsOf(pid);
  const latencies = into.latencies;
  let errors = 0;
  const deadline = performance.now() + durationMs;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, c) => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        const response = await fetch(`${url}/api/messages`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(make(c)),
        });
        await response.arrayBuffer();
        if (response.status >= 400) errors++;
        latencies.push(performance.now() - t0);
      }
    }),
  );
  into.elapsedMs += performance.now() - started;
  into.errors += errors;
  into.cpuMs += cpuMsOf(pid) - cpuBefore;
  return into;
}

export function activityBase(
  person: { aadObjectId: string; displayName: string },
  serviceUrl: string,
) {
  return {
    id: `bench-${Math.random()}`,
    channelId: "msteams",
    serviceUrl,
    from: {
      id: `29:${person.aadObjectId}`,
      name: person.displayName,
      aadObjectId: person.aadObjectId,
    },
    recipient: { id: "28:bench-bot", name: "bench" },
    conversation: { id: `a:bench-${person.aadObjectId}`, conversationType: "personal" },
  };
}

export async function compareWithEcho(
  scenarios: readonly Scenario[],
  options: { concurrency?: number; durationMs?: number; warmUpMs?: number } = {},
): Promise<Record<string, unknown>[]> {
  const concurrency = options.concurrency ?? 16;
  const durationMs = options.durationMs ?? 6000;
  const warmUpMs = options.warmUpMs ?? Number(process.env.BENCH_WARMUP_MS ?? 10000);
  const connector = await new ConnectorRecorder().start();
  // The recorder keeps what it receives; a benchmark only needs the 200s.
  const keep = connector.activities;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-bot-"));
  const productPort = await freePort();
  const echoPort = await freePort();
  // Each conversation asks hundreds of questions a minute: lift the per-person limit, not the code path.
  const product = startServer({
    PORT: String(productPort),
    DATA_DIR: dataDir,
    LOG_LEVEL: "warn",
    OUTBOX_POLL_MS: "60000",
    RATE_LIMIT_QUESTIONS_PER_HOUR: "100000",
  });
  const echo = spawn(
    process.execPath,
    ["--disable-warning=DEP0111", path.join(__dirname, "echoBot.js")],
    {
      env: { ...process.env, PORT: String(echoPort) },
      stdio: "ignore",
    },
  );
  const productUrl = `http://127.0.0.1:${productPort}`;
  const echoUrl = `http://127.0.0.1:${echoPort}`;
  const rows: Record<string, unknown>[] = [];
  try {
    await waitForHttp(`${productUrl}/healthz`);
    await waitForHttp(`${echoUrl}/api/messages`);
    const people = parseRoster(
      fs.readFileSync(path.join(packageRoot(), "assets/roster/sample-roster.csv"), "utf8"),
      "roster",
    );
    for (const scenario of scenarios) {
      // The highest resident memory of each bot while the scenario runs, not only at its end:
      // between full collections the heap climbs well above what is live.
      const peak = { product: 0, echo: 0 };
      const sampler = setInterval(() => {
        peak.product = Math.max(peak.product, Number(residentMegabytes(product.child.pid)) || 0);
        peak.echo = Math.max(peak.echo, Number(residentMegabytes(echo.pid)) || 0);
      }, 100).unref();
      await scenario.prepare?.(productUrl, people, connector.url);
      // One turn counter for the whole scenario: each round goes on from the last, so a scenario
      // that never repeats a message does not ask the previous round's questions again.
      let turn = 0;
      const make = (c: number) =>
        scenario.activity(people[c % people.length]!, turn++, connector.url);
      // Warm both up so JIT and caches are not measured: both keep getting faster for seconds
      // under load (the bot's CPU per question halves over its first ten seconds), so half a second
      // measured mostly start-up.
      await load(productUrl, make, concurrency, warmUpMs);
      await load(echoUrl, make, concurrency, warmUpMs);
      // Alternate short rounds so a change in the machine's other load hits both bots alike.
      const productSample = newSample();
      const echoSample = newSample();
      for (let round = 0; round < ROUNDS; round++) {
        await load(
          productUrl,
          make,
          concurrency,
          durationMs / ROUNDS,
          productSample,
          product.child.pid,
        );
        await load(echoUrl, make, concurrency, durationMs / ROUNDS, echoSample, echo.pid);
      }
      clearInterval(sampler);
      const mine = figures(productSample);
      const base = figures(echoSample);
      keep.length = 0;
      rows.push({
        scenario: scenario.name,
        concurrency,
        "product req/s": Math.round(mine.perSecond),
        "echo req/s": Math.round(base.perSecond),
        ratio: `${Math.round((mine.perSecond / base.perSecond) * 100)}%`,
        "product p50 ms": mine.p50.toFixed(1),
        "product p99 ms": mine.p99.toFixed(1),
        "echo p99 ms": base.p99.toFixed(1),
        // Throughput on a shared machine moves with its other load; CPU per request much less so.
        "product CPU ms/req": mine.cpuPerRequest.toFixed(2),
        "echo CPU ms/req": base.cpuPerRequest.toFixed(2),
        "echo/product CPU": `${Math.round((base.cpuPerRequest / mine.cpuPerRequest) * 100)}%`,
        errors: mine.errors,
        // Resident memory of each bot process once its scenario has run, and its highest (/proc).
        "product rss MB": residentMegabytes(product.child.pid),
        "product peak rss MB": peak.product,
        "echo rss MB": residentMegabytes(echo.pid),
        "echo peak rss MB": peak.echo,
      });
    }
  } finally {
    echo.kill("SIGTERM");
    await product.stop();
    await connector.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return rows;
}

function residentMegabytes(pid: number | undefined): number | string {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? Math.round(Number(kb) / 1024) : "n/a";
  } catch {
    return "n/a";
  }
}

export function writeResults(name: string, data: unknown): string {
  const dir = path.join(packageRoot(), "bench", "results");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.json`);
  fs.writeFileSync(
    file,
    JSON.stringify(
      {
        machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version },
        at: new Date().toISOString(),
        data,
      },
      null,
      2,
    ),
  );
  return file;
}

const helpScenario: Scenario = {
  name: "help command (message)",
  activity: (person, _i, serviceUrl) => ({
    ...activityBase(person, serviceUrl),
    type: "message",
    text: "help",
  }),
};

const acknowledgeScenario: Scenario = {
  name: "acknowledgement (card invoke)",
  activity: (person, _i, serviceUrl) => ({
    ...activityBase(person, serviceUrl),
    type: "invoke",
    name: "adaptiveCard/action",
    value: {
      action: { type: "Action.Execute", verb: "acknowledgePolicy", data: { version: "2024.07" } },
    },
  }),
};

const questionScenario: Scenario = {
  name: "policy question (message)",
  activity: (person, i, serviceUrl) => ({
    ...activityBase(person, serviceUrl),
    type: "message",
    text: [
      "Can I use the school logo on my blog?",
      "Who approves posts before they go live?",
      "Does the school monitor my emails?",
    ][i % 3],
  }),
};

/*
 * The scenario above asks three questions again and again, so once warm the answer engine and
 * the intent recogniser answer from memory. Here no message repeats (a counter ends each one),
 * so every turn runs both in full: the cost of a question nobody asked before. The turn number
 * runs across rounds (see compareWithEcho), so no round repeats another's questions either.
 */
const VARIED_QUESTIONS = [
  "Can I accept a friend request from a pupil's parent?",
  "Am I allowed to post photos from the school trip on my own Instagram?",
  "What should I do if a parent criticises me on Facebook?",
  "Can I follow former pupils on Twitter?",
  "Is it ok to mention the school in my LinkedIn profile?",
  "Who do I tell if I see a colleague's inappropriate post?",
];
const unrepeatedQuestionScenario: Scenario = {
  name: "policy question, never repeated (message)",
  activity: (person, i, serviceUrl) => ({
    ...activityBase(person, serviceUrl),
    type: "message",
    text: `${VARIED_QUESTIONS[i % VARIED_QUESTIONS.length]} (${person.aadObjectId.slice(-4)} ${i})`,
  }),
};

export async function run(): Promise<void> {
  // BENCH_SCENARIOS=question (or help, repeated, acknowledgement): only those, e.g. on a busy machine.
  const only = (process.env.BENCH_SCENARIOS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const all = [helpScenario, questionScenario, unrepeatedQuestionScenario, acknowledgeScenario];
  const rows = await compareWithEcho(
    only.length
      ? all.filter((s) => only.some((o) => s.name.startsWith(o) || s.name.includes(o)))
      : all,
  );
  console.table(rows);
  console.log(
    `memory after run: rss ${Math.round(process.memoryUsage().rss / 1048576)} MB (load generator)`,
  );
  console.log(`written to ${writeResults("botThroughput", rows)}`);
}
