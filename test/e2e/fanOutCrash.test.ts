import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  acknowledgementRows,
  acknowledgementSummary,
} from "../../src/features/acknowledgements/acknowledgementQueries";
import { startAppUnderTest } from "../support/inProcessApp";
import { startServerUnderTest, type ServerUnderTest } from "../support/appServer";
import { ConnectorRecorder } from "../support/connectorRecorder";
import {
  installActivity,
  invokeActivity,
  personalConversationId,
  post,
} from "../support/activities";
import type { Person } from "../../src/domain/people/person";

/*
 * The fan-out survives a crash: 500 staff, some throttled (429), some who blocked the bot (403);
 * the server is killed (SIGKILL) part-way through the notifications and started again on the
 * same data. Every reachable person ends with exactly one notice; the blocked are listed.
 */
jest.setTimeout(240_000);

const STAFF = 500;
const BLOCKED = 25;

function roster(dir: string): { file: string; people: Person[] } {
  const people: Person[] = [
    {
      aadObjectId: "owner-0000",
      displayName: "Liam Hyde",
      email: "liam@school.example",
      roles: ["aht-digital", "staff"],
      department: "Senior Leadership",
    },
    ...Array.from({ length: STAFF - 1 }, (_, i) => ({
      aadObjectId: `staff-${String(i).padStart(4, "0")}`,
      displayName: `Teacher ${i}`,
      email: `teacher${i}@school.example`,
      // The last is also the Chair of Governors, who approves the new version.
      roles: i === STAFF - 2 ? (["chair-of-governors", "staff"] as const) : (["staff"] as const),
      department: ["English", "Maths", "Science", "Humanities", "Office"][i % 5]!,
    })),
  ];
  const file = path.join(dir, "roster.csv");
  fs.writeFileSync(
    file,
    [
      "aadObjectId,displayName,email,roles,department",
      ...people.map(
        (p) => `${p.aadObjectId},${p.displayName},${p.email},${p.roles.join(";")},${p.department}`,
      ),
    ].join("\n"),
  );
  return { file, people };
}

function noticesPerConversation(connector: ConnectorRecorder): Map<string, number> {
  const counts = new Map<string, number>();
  for (const a of connector.activities) {
    const text = JSON.stringify(a.body.attachments ?? []);
    if (text.includes("A new version of the Staff Social Media Policy"))
      counts.set(a.conversationId, (counts.get(a.conversationId) ?? 0) + 1);
  }
  return counts;
}

test("when the server is killed mid fan-out and restarted, then every reachable person gets exactly one notice", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fanout-crash-"));
  const dataDir = path.join(dir, "data");
  const { file, people } = roster(dir);
  const connector = await new ConnectorRecorder().start();
  const env = {
    DATA_DIR: dataDir,
    ROSTER_FILE: file,
    OUTBOX_POLL_MS: "100",
    OUTBOX_RATE_PER_SECOND: "50",
    SCHEDULE_TICK_MS: "3600000",
  };
  let server: ServerUnderTest | undefined;
  try {
    server = await startServerUnderTest(env);
    for (const p of people) await post(server.url, installActivity(p, connector.url));
    // First the notices of the version in force at installation go out; let them finish.
    const installed = () =>
      connector.activities.filter((a) =>
        JSON.stringify(a.body.attachments ?? []).includes("Please acknowledge"),
      ).length;
    while (installed() < STAFF) await new Promise((r) => setTimeout(r, 100));
    const blocked = people.slice(1, 1 + BLOCKED);
    for (const p of blocked) connector.failConversation(personalConversationId(p.aadObjectId), 403);
    connector.throttleRate = 0.05;
    connector.clear();

    const text = fs.readFileSync("assets/policy/staff-social-media-policy.md", "utf8");
    const body =
      text.slice(text.indexOf("## Introduction")) +
      "\n\n## Artificial intelligence tools\n\nNo pupil data in AI tools.\n";
    const effective = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    const published = await post(
      server.url,
      invokeActivity(people[0]!, connector.url, "publishPolicy", {
        label: "2099.01",
        effectiveFrom: effective,
        summary: "AI tools.",
        text: body,
      }),
    );
    expect(JSON.stringify(published.body)).toContain("Waiting for the governors");
    const chair = people.find((p) => p.roles.includes("chair-of-governors"))!;
    const approved = await post(
      server.url,
      invokeActivity(chair, connector.url, "policyGovernorsApprove", {
        label: "2099.01",
        revision: 1,
        approvalBody: "Board of Governors",
        approvalMeeting: "Full governing body",
        approvalDate: new Date().toISOString().slice(0, 10),
      }),
    );
    expect(JSON.stringify(approved.body)).toContain("Approved and published");

    // Let part of the fan-out through, then freeze Teams' side and kill the server mid-flight.
    const crashAt = 150;
    connector.holdAfterCount(crashAt);
    while (connector.activities.length < crashAt) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 100));
    server.process.child.kill("SIGKILL");
    await new Promise((r) => server!.process.child.once("exit", r));
    connector.dropHeld();
    const beforeRestart = noticesPerConversation(connector).size;
    expect(beforeRestart).toBeGreaterThan(0);
    expect(beforeRestart).toBeLessThan(STAFF - BLOCKED);

    // Restart on the same data: the outbox resumes (claims from the dead instance expire).
    server = await startServerUnderTest({ ...env, OUTBOX_LEASE_MS: "2000" });
    const deadline = Date.now() + 150_000;
    while (Date.now() < deadline && noticesPerConversation(connector).size < STAFF - BLOCKED)
      await new Promise((r) => setTimeout(r, 250));
    await new Promise((r) => setTimeout(r, 1000));

    const counts = noticesPerConversation(connector);
    const reachable = people.filter((p) => !blocked.includes(p));
    for (const p of reachable)
      expect([p.displayName, counts.get(personalConversationId(p.aadObjectId)) ?? 0]).toEqual([
        p.displayName,
        1,
      ]);
    for (const p of blocked)
      expect(counts.get(personalConversationId(p.aadObjectId))).toBeUndefined();
    await server.stop();
    server = undefined;

    // The proof of notice lists exactly the people who blocked the bot as undeliverable.
    const reader = await startAppUnderTest({
      DATA_DIR: dataDir,
      ROSTER_FILE: file,
      OUTBOX_POLL_MS: "60000",
      SCHEDULE_TICK_MS: "3600000",
    });
    try {
      const summary = await acknowledgementSummary(reader.app.services, "2099.01");
      expect(summary).toMatchObject({
        total: STAFF,
        undeliverable: BLOCKED,
        outstanding: STAFF - BLOCKED,
      });
      const listed = await acknowledgementRows(reader.app.services, "2099.01", {
        status: "undeliverable",
        limit: 500,
      });
      expect(listed?.rows.map((r) => r.aadObjectId).sort()).toEqual(
        blocked.map((p) => p.aadObjectId).sort(),
      );
      for (const row of listed?.rows ?? [])
        expect(row.notDeliveredReason).toMatch(/blocked or removed the app/);
      const notified = await acknowledgementRows(reader.app.services, "2099.01", {
        status: "outstanding",
        limit: 500,
      });
      expect(notified?.rows).toHaveLength(STAFF - BLOCKED);
      expect(notified?.rows.every((r) => r.notifiedAt !== null)).toBe(true);
    } finally {
      await reader.app.stop();
      await reader.connector.stop();
    }
  } finally {
    await server?.stop();
    await connector.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
