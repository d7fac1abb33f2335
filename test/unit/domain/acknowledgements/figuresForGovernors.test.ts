import {
  departmentsForGovernors,
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

  test("when there are no departments, then there is nothing to show", () => {
    expect(departmentsForGovernors([])).toEqual([]);
  });
});
