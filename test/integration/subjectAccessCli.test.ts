import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { acknowledgementKind } from "../../src/features/acknowledgements/acknowledgementRecords";
import { caseAuditKind } from "../../src/features/reports/caseRecords";
import { EXPORTED_KINDS, LEFT_OUT_KINDS } from "../../src/cli/personalData";
import { packageRoot } from "../../src/packageRoot";
import { findAll } from "../../src/store/findAll";
import { ALL_RECORD_KINDS as RECORD_KINDS } from "../../src/features/allRecordKinds";
import { installActivity, messageActivity, post } from "../support/activities";
import { cardText } from "../support/connectorRecorder";
import { invokeAs, startAppUnderTest, TestClock, type AppUnderTest } from "../support/inProcessApp";
import { STAFF_PROTOCOL_TICKED } from "../support/postFixtures";
import { personWith, sampleRoster } from "../support/sampleRoster";
import { present } from "../support/present";

/*
 * The subject access export, as the data controller runs it: the BUILT CLI against a data
 * folder seeded through the bot over HTTP, its one JSON document parsed and read.
 */
const cli = path.join(packageRoot(), "lib/src/cli/exportSubjectAccess.js");
const built = present(cli, "the built CLI (npm run build)") ? test : test.skip;

describe("the subject access export", () => {
  const clock = new TestClock();
  let t: AppUnderTest;
  const plainStaff = sampleRoster().filter((p) => p.roles.length === 1);
  const teacher = personWith("staff");
  const colleague = plainStaff[1]!;
  const other = plainStaff[3]!;
  const head = personWith("headteacher");
  const mine = {
    question: "ask Can I accept a friend request from a parent on Facebook?",
    post: "Well done to Year 6 on their science fair projects!",
    report: "A colleague shared a photo of pupils on their own Instagram.",
  };
  const theirs = {
    question: "ask Am I allowed to post about a school trip on my own TikTok?",
    post: "Our choir sang beautifully at the town hall concert tonight.",
    report: "A parent's page is saying untrue things about the school's marking.",
  };
  const invoke = (
    who: { aadObjectId: string; displayName: string },
    verb: string,
    data: Record<string, unknown>,
  ) => invokeAs(t, who, verb, data);
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ["--disable-warning=DEP0111", cli, ...args], {
      encoding: "utf8",
      env: { ...process.env, DATA_DIR: t.dataDir, LOG_LEVEL: "silent" },
    });
  const exportOf = (...args: string[]) => {
    const r = run(...args);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    return {
      json: r.stdout,
      data: JSON.parse(r.stdout) as Record<string, unknown[]> & { person: Record<string, unknown> },
    };
  };

  beforeAll(async () => {
    clock.set("2026-11-02T09:00:00Z");
    t = await startAppUnderTest({ OUTBOX_POLL_MS: "60000", SCHEDULE_TICK_MS: "3600000" }, clock);
    for (const p of [teacher, other, colleague, head])
      await post(t.app.url, installActivity(p, t.connector.url));
    await t.app.scheduler.runOnce();
    await t.app.outboxWorker.drain();
    // Each of the two does the same things, so anything of the other's in an export would show.
    for (const [who, what] of [
      [teacher, mine],
      [other, theirs],
    ] as const) {
      expect((await invoke(who, "acknowledgePolicy", { version: "2024.07" })).type).toBe(
        "application/vnd.microsoft.card.adaptive",
      );
      await post(t.app.url, messageActivity(who, t.connector.url, what.question));
      expect(
        cardText(
          (
            await invoke(who, "postSubmit", {
              text: what.post,
              accounts: "Facebook",
              intendedDate: "2026-12-01",
              imageLinks: "",
              ...STAFF_PROTOCOL_TICKED,
            })
          ).value,
        ),
      ).toMatch(/sent for approval|approval/i);
    }
    const report = {
      kind: "misuse",
      where: "Instagram",
      when: "Yesterday",
      rules: "",
      urgent: "false",
      evidence: "",
    };
    expect(
      cardText(
        (
          await invoke(teacher, "submitReport", {
            ...report,
            whatWasSeen: mine.report,
            concerns: "colleague",
            subjectId: colleague.aadObjectId,
          })
        ).value,
      ),
    ).toContain("R-2026-0001 received");
    expect(
      cardText(
        (
          await invoke(other, "submitReport", {
            ...report,
            kind: "disparaging",
            whatWasSeen: theirs.report,
            concerns: "school",
          })
        ).value,
      ),
    ).toContain("R-2026-0002 received");
    await invoke(head, "caseAskReporter", {
      caseId: "R-2026-0001",
      question: "Is the post still up?",
    });
  });
  afterAll(async () => t.stop());

  test("when a record kind is added, then the export either reads it or says why not", () => {
    expect([...EXPORTED_KINDS, ...LEFT_OUT_KINDS].sort()).toEqual(
      RECORD_KINDS.map((k) => k.name).sort(),
    );
  });

  built(
    "when the data controller exports a teacher by email, then it holds their acknowledgement, question, post and report, and nothing of another person's",
    async () => {
      const { json, data } = exportOf("--email", teacher.email.toUpperCase());
      expect(data.person).toMatchObject({
        aadObjectId: teacher.aadObjectId,
        email: teacher.email,
        displayName: teacher.displayName,
      });
      expect(data.acknowledgements).toEqual([
        {
          version: "2024.07",
          acknowledgedAt: expect.stringMatching(/^2026-11-02/),
          channel: expect.any(String),
        },
      ]);
      expect(data.questions).toEqual([
        expect.objectContaining({
          question: mine.question.slice(4),
          answerSource: expect.any(String),
          feedback: null,
          escalation: "none",
        }),
      ]);
      expect(data.proposedPosts).toEqual([
        expect.objectContaining({ text: mine.post, status: "awaitingApproval", decisions: [] }),
      ]);
      expect(data.misuseCases).toEqual([
        expect.objectContaining({
          reference: "R-2026-0001",
          role: "reporter",
          submission: expect.objectContaining({ whatWasSeen: mine.report }),
          questions: [expect.objectContaining({ question: "Is the post still up?" })],
        }),
      ]);
      // Where the bot reaches them, as metadata: botbuilder's raw reference stays behind.
      expect(data.conversations).toEqual([
        {
          scope: "personal",
          conversationId: expect.any(String),
          serviceUrl: expect.any(String),
          updatedAt: expect.any(String),
        },
      ]);
      expect(data.messagesSent!.length).toBeGreaterThan(0);
      for (const theirsToo of [
        other.aadObjectId,
        other.displayName,
        other.email,
        theirs.question.slice(4),
        theirs.post,
        theirs.report,
        "R-2026-0002",
      ]) {
        expect(json).not.toContain(theirsToo);
      }
      // The handler is not named anywhere in what the reporter gets back.
      expect(json).not.toContain(head.aadObjectId);

      const audit = async (reference: string) =>
        (
          await findAll(t.app.services.store.collection(caseAuditKind), {
            where: { caseReference: reference },
          })
        ).map((a) => a.data);
      expect(await audit("R-2026-0001")).toContainEqual(
        expect.objectContaining({
          by: expect.stringMatching(/^subject-access-export:.+/),
          action: "subject access export",
        }),
      );
      expect((await audit("R-2026-0002")).map((a) => a.action)).not.toContain(
        "subject access export",
      );
    },
  );

  built(
    "when the colleague a report concerns is exported, then they get the case as its subject, without who reported it or the handler's questions",
    () => {
      const { json, data } = exportOf("--email", colleague.email);
      expect(data.misuseCases).toEqual([
        expect.objectContaining({ reference: "R-2026-0001", role: "subject", questions: [] }),
      ]);
      expect(json).not.toContain(teacher.aadObjectId);
      expect(json).not.toContain(teacher.displayName);
      expect(json).not.toContain("Is the post still up?");
    },
  );

  built(
    "when written to a file, then the file holds the same document and stdout only a summary",
    () => {
      const out = path.join(t.dataDir, "export.json");
      const r = run("--email", teacher.email, "--out", out);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(
        /^Exported to .*export\.json: 1 acknowledgements, 1 questions, 1 posts, 1 cases\.\n$/,
      );
      const written = JSON.parse(fs.readFileSync(out, "utf8")) as {
        person: { aadObjectId: string };
        proposedPosts: { text: string }[];
      };
      expect(written.person.aadObjectId).toBe(teacher.aadObjectId);
      expect(written.proposedPosts[0]!.text).toBe(mine.post);
      expect(fs.statSync(out).mode & 0o077).toBe(0);
    },
  );

  built(
    "when a leaver is exported by id, then what the store still holds about them comes back",
    async () => {
      const leaver = "0b7c1e22-leaver-no-longer-on-roster";
      await t.app.services.store.collection(acknowledgementKind).create(`2024.07:${leaver}`, {
        version: "2024.07",
        aadObjectId: leaver,
        acknowledgedAt: "2025-01-10T09:00:00.000Z",
        channel: "card",
      });
      const { data } = exportOf("--id", leaver);
      expect(data.person).toEqual({ aadObjectId: leaver, onRoster: false });
      expect(data.acknowledgements).toEqual([
        { version: "2024.07", acknowledgedAt: "2025-01-10T09:00:00.000Z", channel: "card" },
      ]);
    },
  );

  built.each([
    [
      "an email nobody on the roster has",
      ["--email", "nobody@northfield.example.sch.uk"],
      /nobody on the roster has that email/,
    ],
    [
      "an id no record holds",
      ["--id", "00000000-0000-0000-0000-000000000000"],
      /no record holds it/,
    ],
    ["neither an email nor an id", [], /Usage/],
  ])("when given %s, then it exits 2 with one line and writes nothing", (_n, args, message) => {
    const r = run(...args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim()).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });
});
