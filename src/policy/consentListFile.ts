import fs from "node:fs";
import { parse } from "csv-parse/sync";
import type { ConsentEntry } from "../domain/posts/safeguardingChecks";

/** The school's "no photo / no name" list: pupils whose parents withheld consent (CSV: firstName,lastName,...). */
export function loadConsentList(file: string): ConsentEntry[] {
  if (!fs.existsSync(file)) throw new Error(`${file}: consent list not found (CONSENT_LIST_FILE)`);
  const rows = parse(fs.readFileSync(file, "utf8"), {
    columns: true,
    skip_empty_lines: true,
    trim: true,
    bom: true,
  }) as Record<string, string>[];
  return rows.map((r, i) => {
    if (!r.firstName || !r.lastName)
      throw new Error(`${file}:${i + 2}: firstName and lastName are required`);
    return { firstName: r.firstName, lastName: r.lastName };
  });
}
