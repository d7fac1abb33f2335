import {
  aYearAfter,
  nextReviewOf,
  reviewDateFor,
} from "../../../../src/domain/policy/annualReview";

describe("the annual review date", () => {
  test.each([
    ["2026-07-31", "2027-07-31"],
    ["2028-02-29", "2029-02-28"],
    ["2026-12-31", "2027-12-31"],
  ])("when a year is counted from %s, then it ends on %s", (day, expected) => {
    expect(aYearAfter(day)).toBe(expected);
  });

  test.each([
    ["an inherited date already past", "2027-01-05", "2025-07-31", "2028-01-05"],
    ["no date", "2027-01-05", undefined, "2028-01-05"],
    ["the effective date itself", "2027-01-05", "2027-01-05", "2028-01-05"],
    ["a later date the author chose", "2027-01-05", "2027-09-01", "2027-09-01"],
  ])(
    "when a new version declares %s, then it is next reviewed on the right day",
    (_case, effective, declared, expected) => {
      expect(reviewDateFor(effective, declared)).toBe(expected);
    },
  );

  test("when reviews have been recorded, then the latest date counts", () => {
    expect(nextReviewOf("2025-07-31", [])).toBe("2025-07-31");
    expect(nextReviewOf("2025-07-31", ["2026-12-01", "2027-12-01"])).toBe("2027-12-01");
  });
});
