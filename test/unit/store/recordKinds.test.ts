import fs from "node:fs";
import path from "node:path";
import { packageRoot } from "../../../src/packageRoot";
import type { RecordKind } from "../../../src/ports";
import { ALL_RECORD_KINDS as RECORD_KINDS } from "../../../src/features/allRecordKinds";

/*
 * SharePoint provisioning creates a list for each kind in RECORD_KINDS and nothing else, so a kind
 * declared anywhere in src/ but missing from the registry would have no list in production.
 */
function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "tab" ? [] : sourceFiles(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

describe("the record kinds registry", () => {
  const src = path.join(packageRoot(), "src");
  const declared = sourceFiles(src).flatMap((file) =>
    [...fs.readFileSync(file, "utf8").matchAll(/export const (\w+)\s*:\s*RecordKind</g)].map(
      (m) => ({ file, name: m[1]! }),
    ),
  );

  test("when the source is scanned, then it finds the kinds declared so far", () => {
    expect(declared.map((d) => d.name)).toEqual(
      expect.arrayContaining(["outboxKind", "conversationReferenceKind"]),
    );
  });

  test.each(declared.map((d) => [d.name, path.relative(src, d.file), d.file] as const))(
    "when %s is declared in %s, then the registry lists it",
    async (name, _relative, file) => {
      const kind = ((await import(file)) as Record<string, RecordKind<unknown>>)[name];
      expect(RECORD_KINDS.map((k) => k.name)).toContain(kind?.name);
      expect(RECORD_KINDS).toContain(kind);
    },
  );

  test("when kinds are listed, then their names are unique", () => {
    const names = RECORD_KINDS.map((k) => k.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
