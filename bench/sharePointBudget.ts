import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  draftVersion,
  recordGovernorsApproval,
} from "../src/features/governorsApproval/policyDrafts";
import { noticeCampaign, noticeKey } from "../src/features/acknowledgements/acknowledgementRecords";
import { outboxId, outboxKind } from "../src/outbox/outboxMessage";
import { conversationReferenceKind } from "../src/bot/conversationReferences";
import { runProvisioning } from "../src/cli/provisionSharePoint";
import { startApp } from "../src/composition";
import { loadConfig } from "../src/config";
import type { Person } from "../src/domain/people/person";
import { createLogger } from "../src/logging";
import { packageRoot } from "../src/packageRoot";
import { loadPolicyFile } from "../src/policy/policyFile";
import type { Collection, CreateResult, NewRecord, RecordKind, Store } from "../src/ports";
import { listNameFor } from "../src/store/sharepoint/listSchema";
import { itemFieldsFor } from "../src/store/sharepoint/sharePointStore";
import { ConnectorRecorder } from "../test/support/connectorRecorder";
import { seedAcknowledgements, seedVersion } from "../test/support/dashboardSeed";
import { GraphTestServer, sharePointEnv } from "../test/support/graphTestServer";
import { startAzurite } from "../test/support/azurite";
import { TableStore } from "../src/store/azure/tableStore";
import { writeResults } from "./botThroughput";

/*
 * The production path within SharePoint's budget: the app on STORE=sharepoint against the Graph
 * test server made strict (unique columns answer 400, the 5,000-item threshold, resource units
 * counted per minute with 429 past the budget) with 80 ms a request and the 2,500 RU/min budget of
 * a 1,001–5,000-licence tenant. 5,000 staff, 20,000 acknowledgements; a new version is published
 * and its notice enqueued and delivered to everyone, while the dashboard summary and a card click
 * are timed. Then the instance idles and its RU/min is measured.
 */
const STAFF = Number(process.env.BENCH_SP_STAFF ?? 5000);
const BUDGET = Number(process.env.BENCH_SP_RU_PER_MINUTE ?? 2500);
const LATENCY_MS = Number(process.env.BENCH_SP_LATENCY_MS ?? 80);
const IDLE_MINUTES = Number(process.env.BENCH_SP_IDLE_MINUTES ?? 4);
/** "azure": the delivery machinery in Azure Storage tables (Azurite); "same": in SharePoint lists. */
const DELIVERY = process.env.BENCH_SP_DELIVERY ?? "azure";
const SITE =
  "contoso.sharepoint.com,00000000-0000-4000-8000-000000000001,00000000-0000-4000-8000-000000000002";

function roster(): Person[] {
  return Array.from({ length: STAFF }, (_, i) => ({
    aadObjectId: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    displayName: i === 0 ? "Head Teacher" : `Teacher ${String(i).padStart(4, "0")}`,
    email: `t${i}@school.example`,
    roles:
      i === 0
        ? ["headteacher", "aht-digital", "staff"]
        : i === 1
          ? ["chair-of-governors", "staff"]
          : ["staff"],
    department: ["English", "Science", "Arts", "School Office"][i % 4]!,
  }));
}

/** Writes records straight into the test server's lists (setup only: no requests, no units). */
function seedingStore(server: GraphTestServer): Store {
  return {
    collection<T>(kind: RecordKind<T>): Collection<T> {
      const write = (records: readonly NewRecord<T>[]) => {
        server.seedItems(
          SITE,
          listNameFor(kind as RecordKind<unknown>),
          records.map((r) => itemFieldsFor(kind, r.id, kind.schema.parse(r.data), "seeded")),
        );
        return records.map(
          (r): CreateResult<T> => ({
            ok: true,
            record: { id: r.id, version: "seeded", data: r.data },
          }),
        );
      };
      const refuse = () => Promise.reject(new Error("the seeding store only writes"));
      return {
        create: async (id, data) => write([{ id, data }])[0]!,
        createMany: async (records) => write(records),
        get: refuse,
        update: refuse,
        delete: refuse,
        find: refuse,
        count: refuse,
      };
    },
    status: async () => ({ ok: true, kind: "seed", detail: "" }),
    close: async () => undefined,
  };
}

function stats(values: number[]): { p50: number; max: number; n: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    p50: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0),
    max: Math.round(sorted[sorted.length - 1] ?? 0),
    n: sorted.length,
  };
}

export async function run(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-sp-"));
  const people = roster();
  const rosterFile = path.join(dir, "roster.csv");
  fs.writeFileSync(
    rosterFile,
    [
      "aadObjectId,displayName,email,roles,department",
      ...people.map((p) =>
        [p.aadObjectId, p.displayName, p.email, p.roles.join(";"), p.department].join(","),
      ),
    ].join("\n"),
  );
  const server = await new GraphTestServer({ latencyMs: LATENCY_MS, ruPerMinute: BUDGET }).start();
  const connector = await new ConnectorRecorder().start();
  const azurite = DELIVERY === "azure" ? await startAzurite() : undefined;
  server.addSite(SITE);
  const env = {
    ...sharePointEnv(server, SITE),
    GRAPH_RU_PER_MINUTE: String(BUDGET),
    ROSTER_FILE: rosterFile,
    DATA_DIR: path.join(dir, "data"),
    LOG_LEVEL: "silent",
    HOST: "127.0.0.1",
    OUTBOX_POLL_MS: "1000",
    OUTBOX_RATE_PER_SECOND: "50",
    ...(azurite
      ? { DELIVERY_STORE: "azure", AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString }
      : {}),
  };
  await runProvisioning(env, () => undefined);
  // Setup: five published versions, 20,000 acknowledgements, a conversation with everyone.
  const seed = seedingStore(server);
  const bundled = loadPolicyFile(
    path.join(packageRoot(), "assets/policy/staff-social-media-policy.md"),
  );
  for (const [i, label] of ["2021.07", "2022.07", "2023.07", "2024.07"].entries()) {
    const publishedAt = `${2021 + i}-06-01T08:00:00.000Z`;
    await seedVersion(seed, bundled, { label, effectiveFrom: `${2021 + i}-07-15`, publishedAt });
    await seedAcknowledgements(seed, label, people, () => publishedAt);
  }
  const references = azurite
    ? new TableStore({ tableClient: (name) => azurite.tableClient(name) })
    : seed;
  await references.collection(conversationReferenceKind).createMany!(
    people.map((p) => {
      const conversation = {
        id: `a:personal-${p.aadObjectId}`,
        conversationType: "personal",
        tenantId: "tenant-1",
      };
      const user = { id: `29:${p.aadObjectId}`, name: p.displayName, aadObjectId: p.aadObjectId };
      return {
        id: `personal:${p.aadObjectId}`,
        data: {
          aadObjectId: p.aadObjectId,
          scope: "personal",
          conversationId: conversation.id,
          serviceUrl: connector.url,
          updatedAt: "2024-06-01T08:00:00.000Z",
          reference: {
            channelId: "msteams",
            serviceUrl: connector.url,
            conversation,
            user,
            bot: { id: "28:policy-bot", name: "Social Media Policy" },
          },
        },
      };
    }),
  );
  // Everyone was told of the version in force when it came out: its notices are delivered
  // (without them the start-up job would send that version to everyone before the new one).
  const told = "2024-06-01T08:05:00.000Z";
  await references.collection(outboxKind).createMany!(
    people.map((p) => {
      const key = noticeKey("2024.07", p.aadObjectId);
      return {
        id: outboxId(key),
        data: {
          key,
          recipient: p.aadObjectId,
          purpose: "notice",
          campaign: noticeCampaign("2024.07"),
          card: { template: "policyNotice", data: {} },
          replaces: null,
          status: "delivered" as const,
          attempts: 1,
          dueAt: told,
          leaseOwner: null,
          createdAt: told,
          deliveredAt: told,
          activityId: `seeded-${p.aadObjectId}`,
          lastError: null,
        },
      };
    }),
  );
  server.ruMinutes.splice(0);
  server.requests.splice(0);

  const config = loadConfig(env);
  const app = await startApp({ ...config, port: 0 }, createLogger("silent"));
  try {
    const head = people[0]!;
    const label = "2099.01";
    const effectiveFrom = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    const document = {
      ...bundled,
      sections: [
        ...bundled.sections,
        {
          id: "ai-tools",
          heading: "Artificial intelligence tools",
          paragraphs: ["Do not put pupils' data into AI tools."],
        },
      ],
    } as typeof bundled;
    // The governors approve it first; it is published as the Chair records that (timed from there).
    const drafted = await draftVersion(app.services, head, {
      label,
      effectiveFrom,
      summary: "AI tools",
      document,
      source: "markdown",
    });
    if (!drafted.ok) throw new Error(`not drafted: ${drafted.reason}`);
    const started = performance.now();
    const published = await recordGovernorsApproval(app.services, people[1]!, label, {
      body: "Board of Governors",
      meeting: "Bench",
      date: new Date().toISOString().slice(0, 10),
      revision: 1,
    });
    if (!published.ok || !published.value.published)
      throw new Error(
        `not published: ${published.ok ? published.value.publishRefusal : published.reason}`,
      );
    const enqueuedMs = performance.now() - started;

    const campaign = noticeCampaign(label);
    // Counted where the outbox lives, without spending units: the lists directly, or the tables.
    const delivered = async () =>
      azurite
        ? (await app.services.outbox.progress(campaign)).delivered
        : server
            .itemsOf(SITE, "PolicyBot_outbox")
            .filter((i) => i.ix_campaign === campaign && i.ix_status === "delivered").length;
    const summaryMs: number[] = [];
    const clickMs: number[] = [];
    let clicker = 1;
    while ((await delivered()) < STAFF && performance.now() - started < 60 * 60_000) {
      const t0 = performance.now();
      const summary = await fetch(`${app.url}/api/tab/versions/${label}/summary`, {
        headers: { "x-local-user": head.aadObjectId },
      });
      await summary.arrayBuffer();
      summaryMs.push(performance.now() - t0);
      const person = people[clicker++]!;
      const t1 = performance.now();
      const click = await fetch(`${app.url}/api/messages`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          id: `bench-${clicker}`,
          type: "invoke",
          name: "adaptiveCard/action",
          channelId: "msteams",
          serviceUrl: connector.url,
          from: {
            id: `29:${person.aadObjectId}`,
            name: person.displayName,
            aadObjectId: person.aadObjectId,
          },
          recipient: { id: "28:policy-bot", name: "Social Media Policy" },
          conversation: {
            id: `a:personal-${person.aadObjectId}`,
            conversationType: "personal",
            tenantId: "tenant-1",
          },
          channelData: { tenant: { id: "tenant-1" } },
          value: {
            action: {
              type: "Action.Execute",
              verb: "acknowledgePolicy",
              data: { version: label },
            },
            trigger: "manual",
          },
        }),
      });
      await click.arrayBuffer();
      clickMs.push(performance.now() - t1);
      // Progress on stderr, so a run stopped early still says what it reached.
      const so = server.ruTotals();
      process.stderr.write(
        `  ${Math.round((performance.now() - started) / 1000)} s: ${await delivered()} delivered, ` +
          `summary ${Math.round(summaryMs.at(-1)!)} ms, click ${Math.round(clickMs.at(-1)!)} ms, ` +
          `${so.spent} RU, ${so.throttled} throttled\n`,
      );
      await new Promise((r) => setTimeout(r, azurite ? 5_000 : 15_000));
    }
    const deliveredMs = performance.now() - started;
    const busy = server.ruTotals();
    const failed = server.requests.filter(
      (r) => r.status === 429 || r.status >= 500 || r.status === 0,
    ).length;
    const sent = await delivered();
    // Idle: the worker backs off, the scheduler ticks; the last minutes are the steady state.
    const idleFrom = server.ruTotals().spent;
    const settle = Math.max(0, IDLE_MINUTES - 2);
    await new Promise((r) => setTimeout(r, settle * 60_000));
    const settled = server.ruTotals().spent;
    await new Promise((r) => setTimeout(r, (IDLE_MINUTES - settle) * 60_000));
    const idleRuPerMinute =
      (server.ruTotals().spent - settled) / Math.max(1, IDLE_MINUTES - settle);
    const results = {
      staff: STAFF,
      acknowledgements: 4 * STAFF,
      budgetRuPerMinute: BUDGET,
      latencyMs: LATENCY_MS,
      enqueueSeconds: Math.round(enqueuedMs / 1000),
      deliveredSeconds: Math.round(deliveredMs / 1000),
      delivered: sent,
      failedRequests: failed,
      throttled429: busy.throttled,
      ruSpent: busy.spent,
      busiestMinuteRu: busy.busiestMinute,
      ruPerDeliveredMessage: Number((busy.spent / Math.max(1, sent)).toFixed(1)),
      summaryDuringFanOutMs: stats(summaryMs),
      cardClickDuringFanOutMs: stats(clickMs),
      idleRuPerMinute: Number(idleRuPerMinute.toFixed(1)),
      idleSettleRu: settled - idleFrom,
      delivery: DELIVERY,
    };
    console.log(JSON.stringify(results, null, 2));
    console.log(
      `  results: ${path.relative(packageRoot(), writeResults("sharePointBudget", results))}`,
    );
  } finally {
    await app.stop();
    await connector.stop();
    await server.stop();
    await azurite?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
