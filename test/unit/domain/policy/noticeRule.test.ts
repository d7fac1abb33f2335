import { checkNotice, earliestEffectiveDate } from "../../../../src/domain/policy/noticeRule";

const LONDON = "Europe/London";

describe("the one-month notice rule", () => {
  test.each([
    ["2026-03-10T09:00:00Z", "2026-04-10", true],
    ["2026-03-10T09:00:00Z", "2026-04-09", false],
    ["2026-01-31T12:00:00Z", "2026-02-28", true],
    ["2026-01-31T12:00:00Z", "2026-02-27", false],
    ["2028-01-31T12:00:00Z", "2028-02-29", true],
    ["2026-12-15T10:00:00Z", "2027-01-15", true],
    ["2026-12-15T10:00:00Z", "2027-01-14", false],
    // 23:30 UTC on 31 March is already 1 April in London (BST): the month counts from 1 April.
    ["2026-03-31T23:30:00Z", "2026-04-30", false],
    ["2026-03-31T23:30:00Z", "2026-05-01", true],
    // Month ends: a month after the 31st is the last day of a shorter month.
    ["2027-01-31T09:00:00Z", "2027-02-28", true],
    ["2028-01-30T09:00:00Z", "2028-02-29", true],
    ["2028-01-30T09:00:00Z", "2028-02-28", false],
    ["2028-02-29T09:00:00Z", "2028-03-29", true],
    ["2028-02-29T09:00:00Z", "2028-03-28", false],
    ["2026-03-31T10:00:00Z", "2026-04-30", true],
    ["2026-03-31T10:00:00Z", "2026-04-29", false],
    ["2026-08-31T10:00:00Z", "2026-09-30", true],
    ["2026-12-31T10:00:00Z", "2027-01-31", true],
    ["2026-12-31T10:00:00Z", "2027-01-30", false],
    // 23:30 UTC on 24 October is 00:30 on the 25th in London (still BST): the 25th counts.
    ["2026-10-24T23:30:00Z", "2026-11-24", false],
    ["2026-10-24T23:30:00Z", "2026-11-25", true],
  ])(
    "when notified at %s with effect from %s, then allowed is %s",
    (notified, effective, allowed) => {
      expect(checkNotice(effective, new Date(notified), LONDON).ok).toBe(allowed);
    },
  );

  test("when the notice is too short, then the refusal names the earliest allowed date", () => {
    const result = checkNotice("2026-04-01", new Date("2026-03-10T09:00:00Z"), LONDON);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain("2026-04-10");
    expect(earliestEffectiveDate(new Date("2026-03-10T09:00:00Z"), LONDON)).toBe("2026-04-10");
  });

  test.each([
    ["2026-01-31T12:00:00Z", "2026-02-28"],
    ["2028-01-31T12:00:00Z", "2028-02-29"],
    ["2026-05-31T12:00:00Z", "2026-06-30"],
  ])(
    "when notified on a month end (%s), then the earliest date named is the last day of the next month (%s)",
    (notified, earliest) => {
      const result = checkNotice("2026-02-01", new Date(notified), LONDON);
      expect(result).toMatchObject({ ok: false, code: "NOTICE.TOO_SHORT" });
      if (!result.ok) expect(result.reason).toContain(`earliest effective date is ${earliest}`);
    },
  );

  test.each(["2026-02-30", "2026-13-01", "15/10/2026"])(
    "when the date is %s, then it is refused as not a date",
    (day) => {
      expect(checkNotice(day, new Date("2026-03-10T09:00:00Z"), LONDON)).toMatchObject({
        ok: false,
        code: "NOTICE.BAD_DATE",
      });
    },
  );

  test("when the date is not a date, then it is refused as such", () => {
    const result = checkNotice("next Tuesday", new Date("2026-03-10T09:00:00Z"), LONDON);
    expect(result).toMatchObject({ ok: false, code: "NOTICE.BAD_DATE" });
  });
});
