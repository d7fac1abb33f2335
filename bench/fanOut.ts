import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  draftVersion,
  recordGovernorsApproval,
} from "../src/features/governorsApproval/policyDrafts";
import { noticeCampaign } from "../src/features/acknowledgements/acknowledgementRecords";
import { ConversationReferences } from "../src/bot/conversationReferences";
import { startApp } from "../src/composition";
import { loadConfig } from "../src/config";
import { createLogger } from "../src/logging";
import { markdownToDocument } from "../src/policy/importPolicy";
import { ConnectorRecorder } from "../test/support/connectorRecorder";
import { writeResults } from "./botThroughput";

/*
 * Fan-out throughput: a new policy version notified to 5,000 staff through the real outbox and
 * bot adapter, over HTTP to a local Bot Connector, at the configured rate limit: once with Teams
 * answering everything, once with a share of requests throttled (429, Retry-After 1 s). Each 429
 * pauses the whole worker for its Retry-After, as Teams asks, so the second row also reports the
 * rate outside those pauses. Not pass/fail: figures for the README.
 */
interface Scenario {
  readonly staff: number;
  readonly rate: number;
  readonly throttleRate: number;
}

async function fanOut({
  staff,
  rate,
  throttleRate,
}: Scenario): Promise<Record<string, string | number>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-fanout-"));
  const rosterFile = path.join(dir, "roster.csv");
  const ids = Array.from({ length: staff }, (_, i) => `bench-${String(i).padStart(5, "0")}`);
  fs.writeFileSync(
    rosterFile,
    [
      "aadObjectId,displayName,email,roles,department",
      `${ids[0]},Owner,owner@s.example,aht-digital,SLT`,
      `${ids[1]},Chair,chair@s.example,chair-of-governors,Governors`,
      ...ids.slice(2).map((id, i) => `${id},Teacher ${i},t${i}@s.example,staff,Dept ${i % 20}`),
    ].join("\n"),
  );
  const connector = await new ConnectorRecorder().start();
  connector.throttleRate = throttleRate;
  const config = loadConfig({
    DATA_DIR: path.join(dir, "data"),
    ROSTER_FILE: rosterFile,
    OUTBOX_RATE_PER_SECOND: String(rate),
    OUTBOX_POLL_MS: "100",
    SCHEDULE_TICK_MS: "3600000",
    LOG_LEVEL: "silent",
  });
  const app = await startApp({ ...config, port: 0 }, createLogger("silent"), { background: false });
  try {
    const refs = new ConversationReferences(app.services.store);
    for (const id of ids) {
      await refs.save({
        aadObjectId: id,
        scope: "personal",
        conversationId: `a:${id}`,
        serviceUrl: connector.url,
        updatedAt: new Date().toISOString(),
        reference: {
          channelId: "msteams",
          serviceUrl: connector.url,
          conversation: { id: `a:${id}`, conversationType: "personal" },
          bot: { id: "28:bench" },
          user: { id: `29:${id}`, aadObjectId: id },
        },
      });
    }
    const owner = (await app.services.directory.find(ids[0]!))!;
    const body = fs.readFileSync("assets/policy/staff-social-media-policy.md", "utf8");
    const text =
      body.slice(body.indexOf("## Introduction")) + "\n\n## Benchmark section\n\nText.\n";
    const effective = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    const details = { label: "bench.1", effectiveFrom: effective, summary: "bench" };
    const document = markdownToDocument(text, details, app.services.bundledPolicy);
    // The governors approve it first (not timed); publishing happens as the Chair records it.
    const drafted = await draftVersion(app.services, owner, {
      ...details,
      document,
      source: "markdown",
    });
    if (!drafted.ok) throw new Error(drafted.reason);
    const chair = (await app.services.directory.find(ids[1]!))!;
    const t0 = performance.now();
    const approved = await recordGovernorsApproval(app.services, chair, details.label, {
      body: "Board of Governors",
      meeting: "Bench",
      date: new Date().toISOString().slice(0, 10),
      revision: 1,
    });
    if (!approved.ok || !approved.value.published)
      throw new Error(approved.ok ? approved.value.publishRefusal : approved.reason);
    const published = { value: { campaign: noticeCampaign(details.label) } };
    const queuedMs = performance.now() - t0;
    const t1 = performance.now();
    app.outboxWorker.start();
    let progress = await app.services.outbox.progress(published.value.campaign);
    while (progress.pending > 0) {
      await new Promise((r) => setTimeout(r, 250));
      progress = await app.services.outbox.progress(published.value.campaign);
    }
    const sendingS = (performance.now() - t1) / 1000;
    const pausedS = connector.throttled * connector.throttleRetryAfterSeconds;
    const perSecond = progress.delivered / sendingS;
    return {
      recipients: staff,
      "limit /s": rate,
      "429 share": `${Math.round(throttleRate * 100)}%`,
      "429s": connector.throttled,
      "queued in ms": Math.round(queuedMs),
      delivered: progress.delivered,
      "not delivered": progress.failed + progress.undeliverable,
      "sending s": Number(sendingS.toFixed(1)),
      "achieved /s": Number(perSecond.toFixed(1)),
      "of limit": `${Math.round((perSecond / rate) * 100)}%`,
      "Retry-After waits s": pausedS,
      "/s outside waits": Number(
        (progress.delivered / Math.max(0.001, sendingS - pausedS)).toFixed(1),
      ),
    };
  } finally {
    await app.stop();
    await connector.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  const staff = Number(process.env.BENCH_FANOUT_STAFF ?? 5000);
  const rate = Number(process.env.BENCH_FANOUT_RATE ?? 50);
  const throttleRate = Number(process.env.BENCH_FANOUT_429 ?? 0.02);
  const rows = [];
  for (const share of [0, throttleRate])
    rows.push(await fanOut({ staff, rate, throttleRate: share }));
  console.table(rows);
  console.log(`written to ${writeResults("fanOut", rows)}`);
}
