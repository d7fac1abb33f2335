import { parse } from "csv-parse/sync";
import { neutraliseFormula, toCsv } from "../../../src/http/csvCells";

describe("CSV export cells", () => {
  test.each([
    ['=HYPERLINK("http://evil.example","Click")', '\'=HYPERLINK("http://evil.example","Click")'],
    ["+44 20 7946 0000", "'+44 20 7946 0000"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ["\t=1+1", "'\t=1+1"],
    ["\r=1+1", "'\r=1+1"],
  ])(
    "when a cell starts like a formula (%p), then it gets a leading apostrophe",
    (value, expected) => {
      expect(neutraliseFormula(value)).toBe(expected);
    },
  );

  test.each([["Helen Carter"], ["Sîan O'Neil"], ["2026-01-10T09:00:00.000Z"], ["a=b"], [""]])(
    "when a cell is ordinary text (%p), then it is unchanged",
    (value) => {
      expect(neutraliseFormula(value)).toBe(value);
    },
  );

  test("when rows are written, then quotes, commas and line breaks survive a round trip and formulas are inert", () => {
    const csv = toCsv(
      ["Name", "Department", "Count"],
      [
        ['Carter, "Helen"', "Line 1\nLine 2", 3],
        ["=cmd|' /C calc'!A0", null, undefined],
      ],
    );
    expect(csv.startsWith("\ufeff")).toBe(true);
    expect(csv).toContain("\r\n");
    const rows = parse(csv, { bom: true }) as string[][];
    expect(rows).toEqual([
      ["Name", "Department", "Count"],
      ['Carter, "Helen"', "Line 1\nLine 2", "3"],
      ["'=cmd|' /C calc'!A0", "", ""],
    ]);
  });
});
