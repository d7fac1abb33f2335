import fc from "fast-check";
import {
  departmentsForGovernors,
  SMALL_DEPARTMENT_THRESHOLD,
  SMALL_DEPARTMENTS_LABEL,
} from "../../../../src/domain/acknowledgements/figuresForGovernors";

const counts = (department: string, total: number, acknowledged: number, overdue = 0) => ({
  department,
  total,
  acknowledged,
  outstanding: total - acknowledged - overdue,
  overdue,
  undeliverable: 0,
});

describe("department figures for the Chair of Governors", () => {
  test("when every department is large enough, then each is shown as it is", () => {
    const departments = [counts("English", 12, 10), counts("Science", 5, 1, 4)];
    expect(departmentsForGovernors(departments)).toEqual(departments);
  });

  test("when departments are small, then they are added up into one line and none is named", () => {
    const shown = departmentsForGovernors([
      counts("English", 12, 10),
      counts("School Office", 2, 1, 1),
      counts("Governors", 3, 3),
    ]);
    expect(shown).toEqual([
      counts("English", 12, 10),
      {
        department: SMALL_DEPARTMENTS_LABEL,
        total: 5,
        acknowledged: 4,
        outstanding: 0,
        overdue: 1,
        undeliverable: 0,
      },
    ]);
    expect(shown.map((d) => d.department)).not.toContain("School Office");
  });

  test("when the small departments add up to fewer than five, then the smallest named department joins them", () => {
    const shown = departmentsForGovernors([
      counts("English", 12, 10),
      counts("Science", 6, 6),
      counts("School Office", 1, 0, 1),
    ]);
    expect(shown).toEqual([
      counts("English", 12, 10),
      {
        department: SMALL_DEPARTMENTS_LABEL,
        total: 7,
        acknowledged: 6,
        outstanding: 0,
        overdue: 1,
        undeliverable: 0,
      },
    ]);
  });

  test("when the whole school is smaller than five, then no department line is shown", () => {
    expect(
      departmentsForGovernors([counts("School Office", 2, 1, 1), counts("Governors", 1, 1)]),
    ).toEqual([]);
  });

  test("when departments are any sizes, then every line has at least five people and the lines never name a small one", () => {
    const department = fc.record({
      department: fc.constantFrom(
        "English",
        "Science",
        "Office",
        "Governors",
        "IT",
        "Art",
        "PE",
        "Music",
      ),
      total: fc.integer({ min: 0, max: 30 }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(department, { selector: (d) => d.department, maxLength: 8 }),
        (departments) => {
          const lines = departmentsForGovernors(
            departments.map((d) => counts(d.department, d.total, Math.floor(d.total / 2))),
          );
          for (const line of lines)
            expect(line.total).toBeGreaterThanOrEqual(SMALL_DEPARTMENT_THRESHOLD);
          for (const d of departments.filter((x) => x.total < SMALL_DEPARTMENT_THRESHOLD)) {
            expect(lines.map((l) => l.department)).not.toContain(d.department);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  test("when there are no departments, then there is nothing to show", () => {
    expect(departmentsForGovernors([])).toEqual([]);
  });
});
