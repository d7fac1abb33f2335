import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { acknowledgementKind } from "../../src/features/acknowledgements/acknowledgementRecords";
import { findAll } from "../../src/store/findAll";
import { SqliteStore } from "../../src/store/sqlite/sqliteStore";
import { startServerUnderTest } from "../support/appServer";
import { ConnectorRecorder } from "../support/connectorRecorder";
import { invokeActivity } from "../support/activities";

/*
 * A burst of acknowledgements (everyone clicking, some twice) with the server killed (SIGKILL)
 * in the middle; Teams retries what got no answer. After the restart every person who clicked
 * has exactly one acknowledgement, and every click that was answered 200 was recorded.
 */
jest.setTimeout(180_000);

test("when the server is killed during a burst of acknowledgements, then every answered click is recorded exactly once", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ack-burst-"));
  const rosterFile = path.join(dir, "roster.csv");
  const people = Array.from({ length: 300 }, (_, i) => ({
    aadObjectId: `burst-${String(i).padStart(4, "0")}`,
    displayName: `Teacher ${i}`,
  }));
  fs.writeFileSync(
    rosterFile,
    [
      "aadObjectId,displayName,email,roles,department",
      ...people.map((p, i) => `${p.aadObjectId},${p.displayName},t${i}@s.example,staff,Dept`),
    ].join("\n"),
  );
  const connector = await new ConnectorRecorder().start();
  const env = {
    DATA_DIR: path.join(dir, "data"),
    ROSTER_FILE: rosterFile,
    OUTBOX_POLL_MS: "60000",
    SCHEDULE_TICK_MS: "3600000",
  };
  let server = await startServerUnderTest(env);
  const answered = new Set<string>();
  const click = async (url: string, p: (typeof people)[number]) => {
    try {
      const r = await fetch(`${url}/api/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(
          invokeActivity(p, connector.url, "acknowledgePolicy", { version: "2024.07" }),
        ),
      });
      const body = await r.text();
      if (r.status === 200 && body.includes("Acknowledged on")) answered.add(p.aadObjectId);
    } catch {
      // the server died under this click: Teams shows an error and the person clicks again
    }
  };
  try {
    // Everyone clicks, half of them twice, in parallel waves; the kill lands mid-burst.
    const url = server.url;
    const burst = Promise.all(
      people.flatMap((p, i) => [click(url, p), ...(i % 2 ? [click(url, p)] : [])]),
    );
    await new Promise((r) => setTimeout(r, 150));
    server.process.child.kill("SIGKILL");
    await burst;
    await new Promise((r) =>
      server.process.child.exitCode !== null || server.process.child.signalCode !== null
        ? r(undefined)
        : server.process.child.once("exit", r),
    );
    expect(answered.size).toBeLessThan(people.length);

    server = await startServerUnderTest(env);
    for (const p of people) await click(server.url, p);
    expect(answered.size).toBe(people.length);
    await server.stop();

    const store = SqliteStore.inDataDir(env.DATA_DIR);
    try {
      const acks = await findAll(store.collection(acknowledgementKind), {
        where: { version: "2024.07" },
      });
      expect(acks).toHaveLength(people.length);
      expect(new Set(acks.map((a) => a.data.aadObjectId)).size).toBe(people.length);
    } finally {
      await store.close();
    }
  } finally {
    await server.stop();
    await connector.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
