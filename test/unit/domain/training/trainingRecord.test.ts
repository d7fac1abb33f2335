import type { Person, Role } from "../../../../src/domain/people/person";
import {
  checkTraining,
  hasCurrentTraining,
  trainingDue,
  type TrainingRecord,
} from "../../../../src/domain/training/trainingRecord";

const person = (id: string, ...roles: Role[]): Person => ({
  aadObjectId: id,
  displayName: `Person ${id}`,
  email: `${id}@school.example`,
  roles: ["staff", ...roles],
  department: "",
});
const head = person("head", "headteacher");
const owner = person("owner", "aht-digital");
const record = (over: Partial<TrainingRecord> = {}): TrainingRecord => ({
  id: "T-1",
  personId: "handler",
  topic: "administrationAndInvestigations",
  detail: "Local authority course",
  completedOn: "2026-01-10",
  validUntil: "2026-12-31",
  recordedBy: head.aadObjectId,
  recordedAt: "2026-01-11T09:00:00Z",
  ...over,
});
const input = {
  topic: "speakingOnBehalf",
  detail: "Half-day course",
  completedOn: "2026-11-01",
  validUntil: "2027-10-31",
};

describe('"The Headteacher has responsibility for ensuring that any person who may be involved with administration or investigations … receives regular and appropriate training"', () => {
  test.each([
    ["the Headteacher", true, head],
    ["the policy owner", true, owner],
    ["the AHT Publicity", false, person("aht", "aht-publicity")],
    ["the Resources Manager", false, person("rm", "resources-manager")],
    ["a teacher", false, person("teacher")],
  ] as const)("when %s records training, then it is allowed: %s", (_who, allowed, who) => {
    expect(checkTraining(who, input, "2026-11-02").ok).toBe(allowed);
  });

  test.each([
    ["an unknown topic", { topic: "firstAid" }, "TRAINING.TOPIC"],
    ["a completion date that is not a date", { completedOn: "1/11/2026" }, "TRAINING.DATES"],
    ["training not yet done", { completedOn: "2026-11-03" }, "TRAINING.DATES"],
    ["a last day before it was completed", { validUntil: "2026-10-31" }, "TRAINING.DATES"],
  ] as const)("when it is recorded with %s, then it is refused", (_case, over, code) => {
    expect(checkTraining(head, { ...input, ...over }, "2026-11-02")).toMatchObject({
      ok: false,
      code,
    });
  });

  // "regular" training runs out: it counts from the day it was completed to its last valid day.
  test.each([
    ["before it was completed", "2026-01-09", false],
    ["on the day it was completed", "2026-01-10", true],
    ["on its last day", "2026-12-31", true],
    ["the day after its last day", "2027-01-01", false],
  ] as const)("when the day is %s (%s), then it is current: %s", (_case, day, current) => {
    expect(hasCurrentTraining([record()], "handler", "administrationAndInvestigations", day)).toBe(
      current,
    );
    // Another person's or another topic's training never counts.
    expect(hasCurrentTraining([record()], "other", "administrationAndInvestigations", day)).toBe(
      false,
    );
    expect(hasCurrentTraining([record()], "handler", "speakingOnBehalf", day)).toBe(false);
  });

  test.each([
    ["never trained", "due, never trained", [], { due: true, validUntil: null }],
    [
      "running out within the window",
      "due, counted until 2026-12-31",
      [record()],
      { due: true, validUntil: "2026-12-31" },
    ],
    [
      "renewed beyond the window",
      "not due, counted until 2027-09-30",
      [record(), record({ id: "T-2", completedOn: "2026-10-01", validUntil: "2027-09-30" })],
      { due: false, validUntil: "2027-09-30" },
    ],
    [
      "only booked for later (not yet done)",
      "due: training not yet done does not count",
      [record({ completedOn: "2026-12-01", validUntil: "2027-11-30" })],
      { due: true, validUntil: null },
    ],
  ] as const)(
    "when someone is %s, then the due panel says %s",
    (_case, _said, records, expected) => {
      expect(
        trainingDue(
          records,
          "handler",
          "administrationAndInvestigations",
          "2026-11-02",
          "2027-01-01",
        ),
      ).toEqual(expected);
    },
  );
});
