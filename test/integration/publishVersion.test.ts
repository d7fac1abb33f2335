import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { acknowledge } from "../../src/features/acknowledgements/acknowledge";
import { acknowledgementKind } from "../../src/features/acknowledgements/acknowledgementRecords";
import { policyVersionKind } from "../../src/app/policy/policyRecords";
import { publishVersion } from "../../src/features/acknowledgements/publishVersion";
import { recordApproval } from "../../src/domain/policy/governorsApproval";
import { policyDraftKind } from "../../src/features/governorsApproval/draftRecords";
import { draftVersion } from "../../src/features/governorsApproval/policyDrafts";
import { startApp, type RunningApp } from "../../src/composition";
import { loadConfig } from "../../src/config";
import { createLogger } from "../../src/logging";
import { outboxKind } from "../../src/outbox/outboxMessage";
import { markdownToDocument } from "../../src/policy/importPolicy";
import { findAll } from "../../src/store/findAll";
import { TestClock } from "../support/inProcessApp";
import { personWith, sampleRoster } from "../support/sampleRoster";

/*
 * Two instances of the service on one store (as on App Service with two instances, or the CLI
 * next to the service): racing publishers leave one pending version, racing acknowledgements
 * leave one record.
 */
describe("publishing and acknowledging with two instances at once", () => {
  const clock = new TestClock();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "publish-race-"));
  const apps: RunningApp[] = [];
  const bundled = fs.readFileSync("assets/policy/staff-social-media-policy.md", "utf8");
  const body = bundled.slice(bundled.indexOf("## Introduction"));

  beforeAll(async () => {
    clock.set("2026-11-02T09:00:00Z");
    const config = loadConfig({
      DATA_DIR: dataDir,
      LOG_LEVEL: "silent",
      OUTBOX_POLL_MS: "60000",
      SCHEDULE_TICK_MS: "3600000",
    });
    for (let i = 0; i < 2; i++)
      apps.push(
        await startApp({ ...config, port: 0 }, createLogger("silent"), {
          clock,
          background: false,
        }),
      );
  });
  afterAll(async () => {
    for (const app of apps) await app.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const request = (label: string, section: string) => {
    const details = { label, effectiveFrom: "2026-12-15", summary: `Adds ${section}.` };
    return {
      ...details,
      document: markdownToDocument(
        `${body}\n\n## ${section}\n\nText.\n`,
        details,
        apps[0]!.services.bundledPolicy,
      ),
    };
  };

  test("when the owner and the Headteacher publish different approved versions at the same moment, then one is pending and the other is refused", async () => {
    // Both drafts approved by the governors (recorded without publishing), then published at once.
    for (const [i, label, section] of [
      [0, "2026.12a", "AI tools"],
      [1, "2026.12b", "Podcasts"],
    ] as const) {
      const drafted = await draftVersion(apps[i]!.services, personWith("aht-digital"), {
        ...request(label, section),
        source: "markdown",
      });
      if (!drafted.ok) throw new Error(drafted.reason);
      const drafts = apps[i]!.services.store.collection(policyDraftKind);
      const record = (await drafts.get(label))!;
      const approved = recordApproval(
        record.data,
        personWith("chair-of-governors"),
        { body: "LGB", meeting: "Autumn", date: "2026-11-02", revision: 1 },
        clock.now(),
        "2026-11-02",
      );
      if (!approved.ok) throw new Error(approved.reason);
      expect((await drafts.update(label, approved.value, record.version)).ok).toBe(true);
    }
    const results = await Promise.all([
      publishVersion(apps[0]!.services, personWith("aht-digital"), request("2026.12a", "AI tools")),
      publishVersion(apps[1]!.services, personWith("headteacher"), request("2026.12b", "Podcasts")),
    ]);
    const accepted = results.filter((r) => r.ok);
    const refused = results.filter((r) => !r.ok);
    expect(accepted).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({
      ok: false,
      code: expect.stringMatching(/^PUBLISH\.(UPCOMING_EXISTS|BUSY)$/),
    });
    const versions = await findAll(apps[0]!.services.store.collection(policyVersionKind));
    expect(versions.map((v) => v.data.label).filter((l) => l.startsWith("2026.12"))).toHaveLength(
      1,
    );
    const pending = versions.find((v) => v.data.label.startsWith("2026.12"))!.data.label;
    const notices = await findAll(apps[0]!.services.store.collection(outboxKind), {
      where: { purpose: "notice" },
    });
    expect(notices.filter((n) => n.data.campaign === `notice:${pending}`)).toHaveLength(
      sampleRoster().length,
    );
    expect(
      notices.filter(
        (n) =>
          n.data.campaign?.startsWith("notice:2026.12") && n.data.campaign !== `notice:${pending}`,
      ),
    ).toHaveLength(0);
  });

  test("when the same person's acknowledgement reaches both instances at once, then one record is kept and both answers show it", async () => {
    const teacher = personWith("staff");
    const results = await Promise.all([
      acknowledge(apps[0]!.services, teacher, "2024.07", "teams-card"),
      acknowledge(apps[1]!.services, teacher, "2024.07", "teams-card"),
      acknowledge(apps[1]!.services, teacher, "2024.07", "teams-card"),
    ]);
    expect(results.every((r) => r.ok)).toBe(true);
    const kept = results.map((r) => (r.ok ? r.value.record.acknowledgedAt : ""));
    expect(new Set(kept).size).toBe(1);
    expect(results.filter((r) => r.ok && r.value.firstTime)).toHaveLength(1);
    expect(
      await findAll(apps[0]!.services.store.collection(acknowledgementKind), {
        where: { aadObjectId: teacher.aadObjectId },
      }),
    ).toHaveLength(1);
  });
});
