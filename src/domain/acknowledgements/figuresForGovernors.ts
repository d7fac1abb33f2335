/*
 * The Chair of Governors sees the school's figures, not who is behind them. A department of two
 * with "1 overdue" names a person as surely as a list would, so departments smaller than the
 * threshold are reported together as one line.
 */
export const SMALL_DEPARTMENT_THRESHOLD = 5;
export const SMALL_DEPARTMENTS_LABEL = `Smaller departments (fewer than ${SMALL_DEPARTMENT_THRESHOLD} staff each)`;

export interface DepartmentCounts {
  readonly department: string;
  readonly total: number;
  readonly acknowledged: number;
  readonly outstanding: number;
  readonly overdue: number;
  readonly undeliverable: number;
}

export function departmentsForGovernors(
  departments: readonly DepartmentCounts[],
  threshold: number = SMALL_DEPARTMENT_THRESHOLD,
): DepartmentCounts[] {
  const shown = departments.filter((d) => d.total >= threshold);
  const small = departments.filter((d) => d.total < threshold);
  if (small.length === 0) return [...shown];
  const merged = small.reduce(
    (sum, d) => ({
      department: SMALL_DEPARTMENTS_LABEL,
      total: sum.total + d.total,
      acknowledged: sum.acknowledged + d.acknowledged,
      outstanding: sum.outstanding + d.outstanding,
      overdue: sum.overdue + d.overdue,
      undeliverable: sum.undeliverable + d.undeliverable,
    }),
    {
      department: SMALL_DEPARTMENTS_LABEL,
      total: 0,
      acknowledged: 0,
      outstanding: 0,
      overdue: 0,
      undeliverable: 0,
    },
  );
  return [...shown, merged];
}
