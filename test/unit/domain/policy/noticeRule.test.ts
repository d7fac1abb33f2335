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
  ])("when notified at %s with effect from %s, then allowed is %s", (notified, effective, allowed) => {
    expect(checkNotice(effective, new Date(notified), LONDON).ok).toBe(allowed);
  });

  test("when the notice is too short, then the refusal names the earliest allowed date", () => {
    const result = checkNotice("2026-04-01", new Date("2026-03-10T09:00:00Z"), LONDON);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain("2026-04-10");
    expect(earliestEffectiveDate(new Date("2026-03-10T09:00:00Z"), LONDON)).toBe("2026-04-10");
  });

  test("when the date is not a date, then it is refused as such", () => {
    const result = checkNotice("next Tuesday", new Date("2026-03-10T09:00:00Z"), LONDON);
    expect(result).toMatchObject({ ok: false, code: "NOTICE.BAD_DATE" });
  });
});
