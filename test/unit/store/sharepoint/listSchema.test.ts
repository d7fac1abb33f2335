import fc from "fast-check";
import { z } from "zod";
import type { RecordKind } from "../../../../src/ports";
import {
  columnValue,
  decodeRecordId,
  encodeRecordId,
} from "../../../../src/store/sharepoint/listSchema";
import {
  exactlyMatches,
  matchesNothing,
  odataFilter,
  odataOrderBy,
} from "../../../../src/store/sharepoint/odataQuery";

const kind: RecordKind<unknown> = {
  name: "examples",
  schema: z.unknown(),
  indexes: { owner: "text", priority: "number", open: "boolean", dueAt: "text" },
};

describe("record ids in SharePoint's case-blind unique column", () => {
  test("when any id is encoded, then it decodes to itself and never contains an upper-case letter", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 100 }), (id) => {
        const encoded = encodeRecordId(id);
        expect(decodeRecordId(encoded)).toBe(id);
        expect(encoded).toBe(encoded.replace(/[A-Z]/g, ""));
      }),
    );
  });

  test("when two ids differ only in case, then their encodings differ even compared without case", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.string({ minLength: 1, maxLength: 40 }),
        (a, b) => {
          fc.pre(a !== b);
          expect(encodeRecordId(a).toLowerCase()).not.toBe(encodeRecordId(b).toLowerCase());
        },
      ),
    );
  });

  test("when an id is too long for a single line of text, then it is refused", () => {
    expect(() => encodeRecordId("x".repeat(256))).toThrow(/1 to 255 characters/);
    expect(() => encodeRecordId("")).toThrow();
  });
});

describe("queries as OData", () => {
  test.each([
    [{ where: { owner: "o'brien" } }, "fields/ix_owner eq 'o''brien'"],
    [{ where: { open: true } }, "fields/ix_open eq 1"],
    [{ where: { open: false, priority: 2 } }, "fields/ix_open eq 0 and fields/ix_priority eq 2"],
    [{ where: { owner: ["a", "b"] } }, "(fields/ix_owner eq 'a' or fields/ix_owner eq 'b')"],
    [{ where: { dueAt: null } }, "fields/ix_dueAt eq null"],
    [
      { range: { field: "dueAt", gte: "2026-01-01", lte: "2026-02-01" } },
      "fields/ix_dueAt ge '2026-01-01' and fields/ix_dueAt le '2026-02-01'",
    ],
    [
      { where: { owner: "x" }, range: { field: "priority", gte: 3 } },
      "fields/ix_owner eq 'x' and fields/ix_priority ge 3",
    ],
  ])("when the query is %j, then the filter is %s", (query, filter) => {
    expect(odataFilter(kind, query)).toBe(filter);
  });

  test("when nothing is asked, then there is no filter and no order", () => {
    expect(odataFilter(kind, {})).toBeUndefined();
    expect(odataOrderBy({})).toBeUndefined();
    expect(odataOrderBy({ orderBy: { field: "dueAt", direction: "desc" } })).toBe(
      "fields/ix_dueAt desc",
    );
  });

  test("when an any-of list is empty, then nothing can match and no request is needed", () => {
    expect(matchesNothing({ where: { owner: [] } })).toBe(true);
    expect(matchesNothing({ where: { owner: ["a"] } })).toBe(false);
  });

  test("when SharePoint returns a case-blind match, then the exact check drops it", () => {
    expect(exactlyMatches(kind, { where: { owner: "alice" } }, () => "Alice")).toBe(false);
    expect(exactlyMatches(kind, { where: { owner: ["bob", "alice"] } }, () => "alice")).toBe(true);
    expect(exactlyMatches(kind, { where: { owner: null } }, () => undefined)).toBe(true);
  });

  test("when a text value exceeds a column, then it is stored and queried as the same digest", () => {
    const long = "é".repeat(300);
    expect(columnValue("text", long)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(odataFilter(kind, { where: { owner: long } })).toBe(
      `fields/ix_owner eq '${columnValue("text", long) as string}'`,
    );
  });
});
