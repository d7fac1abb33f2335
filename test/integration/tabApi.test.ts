import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { acknowledge } from "../../src/features/acknowledgements/acknowledge";
import {
  acknowledgementKind,
  noticeCampaign,
} from "../../src/features/acknowledgements/acknowledgementRecords";
import type { Person } from "../../src/domain/people/person";
import { SMALL_DEPARTMENTS_LABEL } from "../../src/domain/acknowledgements/figuresForGovernors";
import type {
  ReminderProgress,
  ReminderStarted,
  RowsPage,
  VersionSummary,
} from "../../src/http/tabApiContract";
import { outboxKind } from "../../src/outbox/outboxMessage";
import { findAll } from "../../src/store/findAll";
import { installActivity, post } from "../support/activities";
import { startAppUnderTest, TestClock, type AppUnderTest } from "../support/inProcessApp";
import { personWith, SAMPLE_ROSTER_FILE, sampleRoster } from "../support/sampleRoster";

const VERSION = "2024.07";
/** Someone whose display name is a spreadsheet formula: the export must keep it inert. */
const PRANKSTER: Person = {
  aadObjectId: "6f2d8a41-1c3b-4e5a-9f70-0a1b2c3d4eff",
  displayName: '=HYPERLINK("http://evil.example","Click")',
  email: "prankster@northfield.example.sch.uk",
  roles: ["staff"],
  department: "Science",
};

describe("the dashboard's tab API over a running app (local sign-in)", () => {
  const clock = new TestClock();
  let t: AppUnderTest;
  let rosterDir: string;
  const roster = [...sampleRoster(), PRANKSTER];
  const head = personWith("headteacher");
  const chair = personWith("chair-of-governors");
  const teacher = personWith("staff");
  /** Installed the app, so their notice is delivered; the rest could not be reached. */
  const reachable = roster.slice(0, 10);
  const acknowledgers = reachable.slice(0, 4);

  const api = async (who: Person, pathAndQuery: string, init: RequestInit = {}) => {
    const response = await fetch(`${t.app.url}/api/tab${pathAndQuery}`, {
      ...init,
      headers: { "x-local-user": who.aadObjectId, ...(init.headers as Record<string, string>) },
    });
    const text = await response.text();
    const json = response.headers.get("content-type")?.includes("json")
      ? JSON.parse(text)
      : undefined;
    return { status: response.status, headers: response.headers, text, json };
  };

  beforeAll(async () => {
    rosterDir = fs.mkdtempSync(path.join(os.tmpdir(), "tab-api-roster-"));
    const rosterFile = path.join(rosterDir, "roster.csv");
    const line = (p: Person) =>
      [
        p.aadObjectId,
        `"${p.displayName.replace(/"/g, '""')}"`,
        p.email,
        p.roles.join(";"),
        p.department,
      ].join(",");
    fs.writeFileSync(
      rosterFile,
      `${fs.readFileSync(SAMPLE_ROSTER_FILE, "utf8").trimEnd()}\n${line(PRANKSTER)}\n`,
    );
    clock.set("2026-11-02T09:00:00Z");
    t = await startAppUnderTest(
      {
        ROSTER_FILE: rosterFile,
        OUTBOX_POLL_MS: "60000",
        SCHEDULE_TICK_MS: "3600000",
        OUTBOX_RATE_PER_SECOND: "50",
      },
      clock,
    );
    for (const p of reachable) await post(t.app.url, installActivity(p, t.connector.url));
    await t.app.scheduler.runOnce();
    await t.app.outboxWorker.drain();
    for (const p of acknowledgers) {
      expect((await acknowledge(t.app.services, p, VERSION, "teams-card")).ok).toBe(true);
    }
  });
  afterAll(async () => {
    await t?.stop();
    fs.rmSync(rosterDir, { recursive: true, force: true });
  });

  /** The figures straight from the records: acknowledgements, and notices that could not be delivered. */
  async function figuresFromStore() {
    const acked = new Set(
      (
        await findAll(t.app.services.store.collection(acknowledgementKind), {
          where: { version: VERSION },
        })
      ).map((r) => r.data.aadObjectId),
    );
    const unreachable = new Set(
      (
        await findAll(t.app.services.store.collection(outboxKind), {
          where: { campaign: noticeCampaign(VERSION) },
        })
      )
        .filter((m) => m.data.status === "undeliverable" || m.data.status === "failed")
        .map((m) => m.data.recipient),
    );
    const acknowledged = roster.filter((p) => acked.has(p.aadObjectId)).length;
    const undeliverable = roster.filter(
      (p) => !acked.has(p.aadObjectId) && unreachable.has(p.aadObjectId),
    ).length;
    return {
      total: roster.length,
      acknowledged,
      undeliverable,
      waiting: roster.length - acknowledged - undeliverable,
    };
  }

  test("when the headteacher opens the versions, then the version in force is listed with its dates", async () => {
    const answer = await api(head, "/versions");
    expect(answer.status).toBe(200);
    expect(answer.json.versions).toEqual([
      expect.objectContaining({
        version: VERSION,
        state: "in-force",
        effectiveFrom: "2024-07-17",
        dueBy: "2026-11-16",
      }),
    ]);
  });

  test("when the headteacher asks for the summary, then the figures are the store's, whole-school and by department", async () => {
    const expected = await figuresFromStore();
    expect(expected).toEqual({ total: 17, acknowledged: 4, undeliverable: 7, waiting: 6 });
    const answer = await api(head, `/versions/${VERSION}/summary`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("cache-control")).toBe("no-store");
    const summary = answer.json as VersionSummary;
    expect(summary.figures).toEqual({
      total: expected.total,
      acknowledged: expected.acknowledged,
      outstanding: expected.waiting,
      overdue: 0,
      undeliverable: expected.undeliverable,
    });
    const science = summary.byDepartment.find((d) => d.department === "Science");
    expect(science?.total).toBe(roster.filter((p) => p.department === "Science").length);
    expect(summary.byDepartment.reduce((n, d) => n + d.total, 0)).toBe(roster.length);
  });

  test("when rows are filtered, searched, sorted and paged, then each page is what was asked for", async () => {
    const unreachable = (
      await api(head, `/versions/${VERSION}/rows?status=undeliverable&pageSize=50`)
    ).json as RowsPage;
    expect(unreachable.total).toBe(7);
    expect(
      unreachable.rows.every((r) => r.status === "undeliverable" && r.notifiedAt === null),
    ).toBe(true);

    const acked = (await api(head, `/versions/${VERSION}/rows?status=acknowledged`))
      .json as RowsPage;
    expect(acked.rows.map((r) => r.aadObjectId).sort()).toEqual(
      acknowledgers.map((p) => p.aadObjectId).sort(),
    );
    expect(acked.rows.every((r) => r.acknowledgedAt?.startsWith("2026-11-02T09:00"))).toBe(true);
    expect(acked.rows.every((r) => r.notifiedAt !== null)).toBe(true);

    const science = (
      await api(head, `/versions/${VERSION}/rows?department=Science&sort=name&order=desc`)
    ).json as RowsPage;
    const names = science.rows.map((r) => r.displayName);
    expect(names).toHaveLength(roster.filter((p) => p.department === "Science").length);
    expect([...names].sort((a, b) => b.toLowerCase().localeCompare(a.toLowerCase()))).toEqual(
      names,
    );

    const search = (await api(head, `/versions/${VERSION}/rows?q=${encodeURIComponent("carter")}`))
      .json as RowsPage;
    expect(search.rows.map((r) => r.displayName)).toEqual([head.displayName]);

    const page2 = (await api(head, `/versions/${VERSION}/rows?pageSize=5&page=2`)).json as RowsPage;
    const page1 = (await api(head, `/versions/${VERSION}/rows?pageSize=5&page=1`)).json as RowsPage;
    expect(page2).toMatchObject({ total: 17, page: 2, pageSize: 5 });
    expect(page2.rows).toHaveLength(5);
    expect(page2.rows.map((r) => r.aadObjectId)).not.toContain(page1.rows[0]!.aadObjectId);
    expect(page1.departments).toEqual(
      [...new Set(roster.map((p) => p.department))].sort((a, b) => a.localeCompare(b)),
    );
  });

  test.each([
    ["?status=late", /status must be one of/],
    ["?pageSize=5000", /pageSize must be a whole number from 1 to 200/],
    ["?sort=email", /sort must be one of/],
    ["?colour=red", /unknown parameter "colour"/],
    ["?status=overdue&status=outstanding", /status must be given once/],
  ])(
    "when the rows are asked for with %s, then the answer is 400 with a message",
    async (query, message) => {
      const answer = await api(head, `/versions/${VERSION}/rows${query}`);
      expect(answer.status).toBe(400);
      expect(answer.json).toMatchObject({
        error: "TAB.BAD_REQUEST",
        message: expect.stringMatching(message),
      });
    },
  );

  test("when a version is unknown or malformed, then the answer is 404 or 400", async () => {
    expect((await api(head, "/versions/1999.01/summary")).status).toBe(404);
    expect((await api(head, "/versions/1999.01/rows")).status).toBe(404);
    expect((await api(head, `/versions/${encodeURIComponent("a b")}/summary`)).status).toBe(400);
  });

  test("when the filtered rows are exported, then the CSV holds exactly those rows and formulas are inert", async () => {
    const answer = await api(head, `/versions/${VERSION}/rows.csv?department=Science&sort=name`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(answer.headers.get("content-disposition")).toMatch(
      /attachment; filename="acknowledgements-2024\.07-all-2026-11-02\.csv"/,
    );
    expect(answer.headers.get("cache-control")).toBe("no-store");
    const [header, ...rows] = parse(answer.text, { bom: true }) as string[][];
    expect(header).toEqual([
      "Name",
      "Email",
      "Department",
      "Status",
      "Acknowledged (Europe/London)",
      "Notified (Europe/London)",
    ]);
    const science = roster.filter((p) => p.department === "Science");
    expect(rows).toHaveLength(science.length);
    expect(rows.every((r) => r[2] === "Science")).toBe(true);
    expect(rows.map((r) => r[0])).toContain(`'${PRANKSTER.displayName}`);
    expect(rows.map((r) => r[0])).not.toContain(PRANKSTER.displayName);
  });

  test("when the chair of governors asks, then they get figures with small departments merged, and no names", async () => {
    const summary = (await api(chair, `/versions/${VERSION}/summary`)).json as VersionSummary;
    expect(summary.figures.total).toBe(roster.length);
    expect(summary.byDepartment.map((d) => d.department)).toEqual([SMALL_DEPARTMENTS_LABEL]);
    expect(JSON.stringify(summary)).not.toContain(head.displayName);
    for (const path of [`/versions/${VERSION}/rows`, `/versions/${VERSION}/rows.csv`]) {
      expect(await api(chair, path)).toMatchObject({
        status: 403,
        json: { error: "TAB.FIGURES_ONLY" },
      });
    }
    const remind = await api(chair, `/versions/${VERSION}/reminders`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(remind.status).toBe(403);
  });

  test("when a member of staff calls any route, then it is 403", async () => {
    for (const path of [
      "/session",
      "/versions",
      `/versions/${VERSION}/summary`,
      `/versions/${VERSION}/rows`,
      `/versions/${VERSION}/rows.csv`,
    ]) {
      expect((await api(teacher, path)).status).toBe(403);
    }
  });

  test("when the headteacher reminds the outstanding, then the outbox sends one each and reports its progress", async () => {
    const waiting = (await figuresFromStore()).waiting;
    const bad = await api(head, `/versions/${VERSION}/reminders`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"everyone":true}',
    });
    expect(bad.status).toBe(400);

    const started = await api(head, `/versions/${VERSION}/reminders`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(started.status).toBe(202);
    const { campaign, recipients } = started.json as ReminderStarted;
    expect(recipients).toBe(waiting);

    const before = (await api(head, `/reminders/progress?campaign=${encodeURIComponent(campaign)}`))
      .json as ReminderProgress;
    expect(before).toMatchObject({ campaign, pending: waiting, delivered: 0, done: false });

    // Pressed again in the same minute: nothing is sent twice.
    const again = (
      await api(head, `/versions/${VERSION}/reminders`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      })
    ).json as ReminderStarted;
    expect(again).toMatchObject({ campaign, recipients: 0 });
    // Those the notice never reached get no reminder either, and the answer says so and why.
    expect(again.notReminded).toBe((started.json as ReminderStarted).notReminded);
    expect(again.notRemindedWhy).toMatch(/^\d+ never opened the app$/);

    await t.app.outboxWorker.drain();
    const after = (await api(head, `/reminders/progress?campaign=${encodeURIComponent(campaign)}`))
      .json as ReminderProgress;
    expect(after).toMatchObject({ pending: 0, delivered: waiting, done: true });
    expect(
      (await api(chair, `/reminders/progress?campaign=${encodeURIComponent(campaign)}`)).status,
    ).toBe(403);
    expect((await api(head, "/reminders/progress?campaign=notice%3A2024.07")).status).toBe(400);
  });

  test("when the due date has passed, then those still waiting are overdue", async () => {
    const waiting = (await figuresFromStore()).waiting;
    clock.advanceDays(15);
    const summary = (await api(head, `/versions/${VERSION}/summary`)).json as VersionSummary;
    expect(summary.figures).toMatchObject({ outstanding: 0, overdue: waiting });
  });
});
