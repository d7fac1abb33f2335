import { mayAcknowledge, statusOf } from "../../../../src/domain/acknowledgements/acknowledgement";
import type { Person } from "../../../../src/domain/people/person";
import {
  acknowledgeBy,
  stateOf,
  upcomingVersion,
  versionInForce,
  type PolicyVersion,
} from "../../../../src/domain/policy/policyVersion";

const document = {
  meta: {
    title: "T",
    version: "v",
    effectiveFrom: "2024-07-17",
    nextReview: "2025-07-31",
    owner: "aht-digital" as const,
  },
  sections: [{ id: "a", heading: "A", paragraphs: ["x"] }],
};
const v = (
  label: string,
  effectiveFrom: string,
  publishedAt: string,
  publishedBy = "someone",
): PolicyVersion => ({ label, effectiveFrom, publishedAt, publishedBy, summary: "", document });
const installed = v("2024.07", "2024-07-17", "2026-11-01T09:00:00Z", "installation");
const next = v("2027.01", "2027-01-05", "2026-12-01T09:00:00Z");
const teacher: Person = {
  aadObjectId: "t",
  displayName: "T",
  email: "t@s.example",
  roles: ["staff"],
  department: "D",
};

describe("versions over time", () => {
  test("when a newer version's date has not come, then the older is in force and the newer upcoming", () => {
    expect(versionInForce([installed, next], "2026-12-20")?.label).toBe("2024.07");
    expect(upcomingVersion([installed, next], "2026-12-20")?.label).toBe("2027.01");
    expect(stateOf(next, [installed, next], "2026-12-20")).toBe("upcoming");
  });

  test("when the newer version's date arrives, then it is in force and the older superseded", () => {
    expect(versionInForce([installed, next], "2027-01-05")?.label).toBe("2027.01");
    expect(stateOf(installed, [installed, next], "2027-01-05")).toBe("superseded");
    expect(upcomingVersion([installed, next], "2027-01-05")).toBeUndefined();
  });

  test("when the version was already in force at installation, then staff have the grace period to acknowledge", () => {
    expect(acknowledgeBy(installed, 14, "Europe/London")).toBe("2026-11-15");
    expect(acknowledgeBy(next, 14, "Europe/London")).toBe("2027-01-05");
  });
});

describe("acknowledging", () => {
  test("when the version is superseded, then acknowledging it is refused", () => {
    expect(mayAcknowledge(teacher, installed, [installed, next], "2027-02-01")).toMatchObject({
      ok: false,
      code: "ACK.SUPERSEDED",
    });
    expect(mayAcknowledge(teacher, next, [installed, next], "2026-12-20").ok).toBe(true);
    expect(mayAcknowledge(teacher, undefined, [installed], "2026-12-20")).toMatchObject({
      ok: false,
      code: "ACK.UNKNOWN_VERSION",
    });
  });

  test.each([
    [true, undefined, "2026-12-01", "acknowledged"],
    [
      false,
      { deliveredAt: null, undeliverable: true, reason: "blocked" },
      "2026-12-01",
      "undeliverable",
    ],
    [
      false,
      { deliveredAt: "2026-11-02T00:00:00Z", undeliverable: false, reason: null },
      "2026-11-15",
      "outstanding",
    ],
    [
      false,
      { deliveredAt: "2026-11-02T00:00:00Z", undeliverable: false, reason: null },
      "2026-11-16",
      "overdue",
    ],
  ] as const)(
    "when acknowledged=%s, notice %j, on %s, then the status is %s",
    (acked, notice, day, expected) => {
      const record = acked
        ? {
            version: "2024.07",
            aadObjectId: "t",
            acknowledgedAt: "2026-11-03T00:00:00Z",
            channel: "teams-card",
          }
        : undefined;
      expect(statusOf(record, notice, "2026-11-15", day)).toBe(expected);
    },
  );
});
