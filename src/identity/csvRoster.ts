import fs from "node:fs";
import { parse } from "csv-parse/sync";
import { z } from "zod";
import { isRole, type Person, type Role } from "../domain/people/person";
import type { Directory } from "../ports";

/*
 * The embedded default's list of staff: a CSV the school office can keep in Excel.
 * Header: aadObjectId,displayName,email,roles,department (roles separated by ";").
 */
export const ROSTER_COLUMNS = [
  "aadObjectId",
  "displayName",
  "email",
  "roles",
  "department",
] as const;

export class RosterError extends Error {
  readonly code = "ROSTER.INVALID";
}

const rowSchema = z.object({
  aadObjectId: z.string().trim().min(1, "aadObjectId is empty"),
  displayName: z.string().trim().min(1, "displayName is empty"),
  email: z.email("email is not an email address"),
  roles: z.string(),
  department: z.string().trim().min(1, "department is empty"),
});

export function parseRoster(text: string, source: string): Person[] {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, {
      columns: (header: string[]) => {
        const names = header.map((h) => h.trim());
        const missing = ROSTER_COLUMNS.filter((c) => !names.includes(c));
        if (missing.length) {
          throw new RosterError(
            `${source}:1: the header lacks ${missing.join(", ")}; expected ${ROSTER_COLUMNS.join(",")}`,
          );
        }
        return names;
      },
      skip_empty_lines: true,
      bom: true,
      info: true,
      trim: true,
    }) as typeof records;
  } catch (error) {
    if (error instanceof RosterError) throw error;
    const e = error as Error & { lines?: number };
    throw new RosterError(`${source}:${e.lines ?? "?"}: ${e.message}`);
  }
  const problems: string[] = [];
  const people: Person[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of records) {
    const line = info.lines;
    const parsed = rowSchema.safeParse(record);
    if (!parsed.success) {
      problems.push(...parsed.error.issues.map((i) => `${source}:${line}: ${i.message}`));
      continue;
    }
    const row = parsed.data;
    const names = row.roles
      .split(";")
      .map((r) => r.trim())
      .filter(Boolean);
    const unknown = names.filter((r) => !isRole(r));
    if (unknown.length) {
      problems.push(`${source}:${line}: unknown role ${unknown.map((u) => `"${u}"`).join(", ")}`);
      continue;
    }
    const earlier = seen.get(row.aadObjectId);
    if (earlier) {
      problems.push(`${source}:${line}: aadObjectId repeats line ${earlier}`);
      continue;
    }
    seen.set(row.aadObjectId, line);
    // Everyone on the roster is staff, whether or not the office wrote it.
    const roles = Array.from(new Set<Role>([...(names as Role[]), "staff"]));
    people.push({
      aadObjectId: row.aadObjectId,
      displayName: row.displayName,
      email: row.email,
      roles,
      department: row.department,
    });
  }
  if (problems.length) throw new RosterError(problems.join("\n"));
  if (people.length === 0) throw new RosterError(`${source}: the roster has nobody in it`);
  return people;
}

/** A Directory over the CSV, read and validated once at start-up. */
export class CsvRoster implements Directory {
  private readonly byId: Map<string, Person>;

  constructor(private readonly people: readonly Person[]) {
    this.byId = new Map(people.map((p) => [p.aadObjectId, p]));
  }

  static load(file: string): CsvRoster {
    if (!fs.existsSync(file)) throw new RosterError(`${file}: roster file not found (ROSTER_FILE)`);
    return new CsvRoster(parseRoster(fs.readFileSync(file, "utf8"), file));
  }

  async find(aadObjectId: string): Promise<Person | undefined> {
    return this.byId.get(aadObjectId);
  }

  async all(): Promise<readonly Person[]> {
    return this.people;
  }
}
