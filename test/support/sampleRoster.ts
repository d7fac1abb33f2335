import path from "node:path";
import type { Person, Role } from "../../src/domain/people/person";
import { readRosterFile } from "../../scripts/playgroundConfig";
import { packageRoot } from "../../src/packageRoot";

export const SAMPLE_ROSTER_FILE = path.join(packageRoot(), "assets/roster/sample-roster.csv");

export function sampleRoster(): Person[] {
  return readRosterFile(SAMPLE_ROSTER_FILE);
}

/** The first person holding a role, or a plain member of staff for "staff". */
export function personWith(role: Role): Person {
  const roster = sampleRoster();
  const found =
    role === "staff"
      ? roster.find((p) => p.roles.length === 1 && p.roles[0] === "staff")
      : roster.find((p) => p.roles.includes(role));
  if (!found) throw new Error(`No one in the sample roster is ${role}`);
  return found;
}
