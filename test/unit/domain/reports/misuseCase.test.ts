import {
  acknowledgeCase,
  askReporter,
  closeCase,
  confirmRemoval,
  isDueForPurge,
  mayHandle,
  openCase,
  replyToQuestion,
  requestRemoval,
  subjectAccessExport,
  type MisuseCase,
} from "../../../../src/domain/reports/misuseCase";
import { reportSubmissionSchema } from "../../../../src/domain/reports/misuseReport";
import { routeReport } from "../../../../src/domain/reports/routing";
import {
  parseSchoolHours,
  workingHoursBetween,
  DEFAULT_SCHOOL_HOURS,
} from "../../../../src/domain/reports/workingHours";
import { person } from "../../../support/people";

const head = person("head", "headteacher");
const chair = person("chair", "chair-of-governors", "governor");
const lineManager = person("lm", "line-manager");
const teacher = person("teacher");
const colleague = person("colleague");
const roster = [head, chair, lineManager, teacher, colleague];
const submission = reportSubmissionSchema.parse({
  kind: "misuse",
  whatWasSeen: "A colleague posted a pupil's photo.",
  where: "Facebook",
  when: "today",
  concerns: ["colleague"],
  subjectId: "colleague",
});

function caseFor(routing: ReturnType<typeof routeReport>): MisuseCase {
  if (!routing.ok) throw new Error(routing.reason);
  return {
    ...openCase({
      reference: "R-2026-0001",
      reporterId: teacher.aadObjectId,
      submission,
      receivedAt: "2026-11-02T09:00:00Z",
      routing: routing.value,
    }),
    history: [],
  };
}

describe("routing a report", () => {
  test("when a report concerns a colleague, then it goes to the Headteacher", () => {
    const r = routeReport(submission, teacher, roster);
    expect(r.ok && r.value.handlers.map((h) => h.aadObjectId)).toEqual(["head"]);
  });

  test.each([
    ["it concerns the Headteacher", { concerns: ["headteacher" as const] }],
    [
      "it names the Headteacher as the colleague",
      { concerns: ["colleague" as const], subjectId: "head" },
    ],
  ])(
    "when %s, then it goes to the Chair of Governors and the Headteacher is excluded",
    (_n, report) => {
      const r = routeReport(report, teacher, roster);
      expect(r.ok && r.value.handlers.map((h) => h.aadObjectId)).toEqual(["chair"]);
      const c = caseFor(r);
      expect(mayHandle(head, c)).toBe(false);
      expect(mayHandle(chair, c)).toBe(true);
    },
  );

  test("when there is no Chair of Governors, then the report is refused with a reason rather than lost", () => {
    expect(routeReport({ concerns: ["headteacher"] }, teacher, [head, teacher])).toMatchObject({
      ok: false,
      code: "ROUTING.NO_HANDLER",
    });
  });
});

describe("who may read a case", () => {
  const c = caseFor(routeReport(submission, teacher, roster));
  test.each([
    ["a staff member", teacher, false],
    ["a line manager", lineManager, false],
    ["the colleague it concerns", colleague, false],
    ["the Chair (not its handler)", chair, false],
    ["the Headteacher (its handler)", head, true],
  ])("when %s tries, then allowed is %s", (_n, who, allowed) => {
    expect(mayHandle(who, c)).toBe(allowed);
  });

  test("when someone who is not the handler acts, then it is refused", () => {
    expect(acknowledgeCase(c, lineManager, "2026-11-02T10:00:00Z")).toMatchObject({
      ok: false,
      code: "CASE.NOT_YOURS",
    });
  });
});

describe("a case's life", () => {
  const c = caseFor(routeReport(submission, teacher, roster));

  test("when acknowledged twice, then the second is refused", () => {
    const once = acknowledgeCase(c, head, "2026-11-02T10:00:00Z");
    expect(once.ok && once.value.status).toBe("acknowledged");
    if (once.ok)
      expect(acknowledgeCase(once.value, head, "2026-11-02T10:01:00Z")).toMatchObject({
        ok: false,
        code: "CASE.ALREADY",
      });
  });

  test("when the reporter is asked a question, then only they can answer, once", () => {
    const asked = askReporter(c, head, "2026-11-02T10:00:00Z", "q1", "Which post?");
    if (!asked.ok) throw new Error("ask refused");
    expect(replyToQuestion(asked.value, lineManager, "t", "q1", "x")).toMatchObject({ ok: false });
    const replied = replyToQuestion(
      asked.value,
      teacher,
      "2026-11-02T11:00:00Z",
      "q1",
      "The one from Monday.",
    );
    expect(replied.ok && replied.value.questions[0]?.reply).toBe("The one from Monday.");
    if (replied.ok)
      expect(replyToQuestion(replied.value, teacher, "t", "q1", "again")).toMatchObject({
        ok: false,
        code: "CASE.ALREADY",
      });
  });

  test("when a removal is requested, then only the member named can confirm it", () => {
    const asked = requestRemoval(c, head, "2026-11-02T10:00:00Z", {
      id: "r1",
      memberId: "colleague",
      what: "the photo",
      deadline: "2026-11-03T17:00:00Z",
    });
    if (!asked.ok) throw new Error("refused");
    expect(confirmRemoval(asked.value, teacher, "t", "r1")).toMatchObject({
      ok: false,
      code: "CASE.NOT_YOURS",
    });
    const done = confirmRemoval(asked.value, colleague, "2026-11-03T09:00:00Z", "r1");
    expect(done.ok && done.value.removals[0]?.confirmedAt).toBe("2026-11-03T09:00:00Z");
    expect(
      requestRemoval(c, head, "2026-11-04T10:00:00Z", {
        id: "r2",
        memberId: "colleague",
        what: "x",
        deadline: "2026-11-03T17:00:00Z",
      }),
    ).toMatchObject({ ok: false, code: "CASE.BAD_DEADLINE" });
  });

  test("when closed, then nothing more can be done and it is purged only after the retention period", () => {
    const closed = closeCase(c, head, "2026-11-05T10:00:00Z", "advice", "Spoke to them.");
    if (!closed.ok) throw new Error("refused");
    expect(acknowledgeCase(closed.value, head, "t")).toMatchObject({
      ok: false,
      code: "CASE.CLOSED",
    });
    expect(isDueForPurge(closed.value, new Date("2027-11-04T10:00:00Z"), 365)).toBe(false);
    expect(isDueForPurge(closed.value, new Date("2027-11-06T10:00:00Z"), 365)).toBe(true);
    expect(isDueForPurge(c, new Date("2030-01-01T00:00:00Z"), 365)).toBe(false);
  });

  test("when a subject access request is made, then the person's cases are exported and others are not", () => {
    const other = {
      ...c,
      reference: "R-2026-0002",
      reporterId: "lm",
      submission: { ...submission, subjectId: undefined },
    };
    expect(subjectAccessExport("colleague", [c, other]).map((x) => x.reference)).toEqual([
      "R-2026-0001",
    ]);
    expect(subjectAccessExport("teacher", [c, other])).toMatchObject([
      { reference: "R-2026-0001", role: "reporter" },
    ]);
  });
});

describe("working hours", () => {
  test.each([
    ["2026-11-02T09:00:00Z", "2026-11-02T12:00:00Z", 3],
    ["2026-11-06T15:00:00Z", "2026-11-09T10:00:00Z", 4], // Friday 15:00 → Monday 10:00: 2 + 2
    ["2026-11-07T09:00:00Z", "2026-11-08T20:00:00Z", 0], // a weekend
    ["2026-11-02T18:00:00Z", "2026-11-03T08:30:00Z", 0.5],
  ])("when from %s to %s, then %s working hours have passed", (from, to, hours) => {
    expect(
      workingHoursBetween(from, new Date(to), DEFAULT_SCHOOL_HOURS, "Europe/London"),
    ).toBeCloseTo(hours, 5);
  });

  test("when school hours are configured, then they are read or refused", () => {
    expect(parseSchoolHours("07:00-16:00 mon-thu")).toEqual({
      startHour: 7,
      endHour: 16,
      days: [1, 2, 3, 4],
    });
    expect(parseSchoolHours("late")).toBeUndefined();
  });
});

describe("the report form", () => {
  test("when text is 100 KB, then the submission is refused", () => {
    expect(
      reportSubmissionSchema.safeParse({ ...submission, whatWasSeen: "x".repeat(100_000) }).success,
    ).toBe(false);
  });
});
