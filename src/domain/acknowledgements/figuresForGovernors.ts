/*
 * The Chair of Governors sees the school's figures, not who is behind them. A department of two
 * with "1 overdue" names a person as surely as a list would, so departments smaller than the
 * threshold are reported together as one line; if that line is still smaller than the threshold,
 * the smallest named departments join it until it is not (suppressing it alone would let the
 * school's total, less the lines shown, single the same people out). A school smaller than the
 * threshold gets no department lines at all.
 */
export const SMALL_DEPARTMENT_THRESHOLD = 5;
export const SMALL_DEPARTMENTS_LABEL = `Smaller departments, combined (no line counts fewer than ${SMALL_DEPARTMENT_THRESHOLD} staff)`;

export interface DepartmentCounts {
  readonly department: string;
  readonly total: number;
  readonly acknowledged: number;
  readonly outstanding: number;
  readonly overdue: number;
  readonly undeliverable: number;
}

const sumOf = (lines: readonly DepartmentCounts[]) => lines.reduce((n, d) => n + d.total, 0);

export function departmentsForGovernors(
  departments: readonly DepartmentCounts[],
  threshold: number = SMALL_DEPARTMENT_THRESHOLD,
): DepartmentCounts[] {
  const shown = departments.filter((d) => d.total >= threshold);
  const small = departments.filter((d) => d.total > 0 && d.total < threshold);
  if (small.length === 0) return [...shown];
  while (sumOf(small) < threshold && shown.length > 0) {
    const smallest = shown.reduce((a, b) => (b.total < a.total ? b : a));
    shown.splice(shown.indexOf(smallest), 1);
    small.push(smallest);
  }
  if (sumOf(small) < threshold) return [];
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
