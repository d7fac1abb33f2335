import { stringify } from "csv-stringify/sync";

/*
 * CSV for the school office to open in Excel. A cell that starts with = + - @ (or a tab or
 * carriage return) is a formula to a spreadsheet: a display name like `=HYPERLINK(...)` would run
 * when the export is opened. Such cells get a leading apostrophe, which Excel shows as text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export type CsvCell = string | number | null | undefined;

/** A UTF-8 CSV with a byte-order mark (so Excel reads accents), every cell made inert. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const cell = (value: CsvCell): string =>
    value === null || value === undefined ? "" : neutraliseFormula(String(value));
  return stringify([header.map(cell), ...rows.map((row) => row.map(cell))], {
    bom: true,
    record_delimiter: "windows",
  });
}
