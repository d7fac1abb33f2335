import fs from "node:fs";
import path from "node:path";
import { parseRoster } from "../src/identity/csvRoster";
import type { Person } from "../src/domain/people/person";

/*
 * Writes the Agents Playground's per-user file (.m365agentsplayground.yml) from the roster, so
 * the person typing in the playground is a real roster member with their real aadObjectId.
 * The playground's schema wants version, tenantId, bot, and exactly five other users.
 */
export const PLAYGROUND_TENANT_ID = "9a7c2b10-1111-4c2d-8e3f-000000000001";

function yamlString(value: string): string {
  return JSON.stringify(value);
}

function userBlock(person: Person, indent: string): string {
  const [givenName, ...rest] = person.displayName.split(/\s+/);
  return [
    `id: ${yamlString(`user-${person.aadObjectId}`)}`,
    `name: ${yamlString(person.displayName)}`,
    `userPrincipleName: ${yamlString(person.email)}`,
    `aadObjectId: ${yamlString(person.aadObjectId)}`,
    `givenName: ${yamlString(givenName ?? person.displayName)}`,
    `surname: ${yamlString(rest.join(" ") || "-")}`,
    `email: ${yamlString(person.email)}`,
  ]
    .map((line, i) => (i === 0 ? line : indent + line))
    .join("\n");
}

export function playgroundYaml(current: Person, roster: readonly Person[]): string {
  const others = roster.filter((p) => p.aadObjectId !== current.aadObjectId).slice(0, 5);
  while (others.length < 5) {
    // A tiny roster still needs five entries for the playground's schema: pad with visitors.
    const n = others.length + 1;
    others.push({
      aadObjectId: `visitor-${n}`,
      displayName: `Visitor ${n}`,
      email: `visitor${n}@example.invalid`,
      roles: ["staff"],
      department: "Visitors",
    });
  }
  return [
    'version: "0.1.1"',
    `tenantId: ${yamlString(PLAYGROUND_TENANT_ID)}`,
    "bot:",
    '  id: "00000000-0000-0000-0000-00000000b0b1"',
    '  name: "Social Media Policy"',
    `currentUser:\n  ${userBlock(current, "  ")}`,
    "users:",
    ...others.map((p) => `  - ${userBlock(p, "    ")}`),
    "personalChat:",
    `  id: ${yamlString(`personal-${current.aadObjectId}`)}`,
    "groupChat:",
    '  id: "group-chat-staffroom"',
    '  name: "Staffroom"',
    "team:",
    '  id: "team-northfield-staff"',
    '  name: "Northfield Staff"',
    '  aadGroupId: "11111111-2222-3333-4444-555555555555"',
    "  channels:",
    '    - id: "channel-announcements"',
    '      name: "Announcements"',
    "",
  ].join("\n");
}

/** Finds someone on the roster by name, email or id (case-insensitive). */
export function findOnRoster(roster: readonly Person[], who: string): Person | undefined {
  const w = who.trim().toLowerCase();
  return roster.find(
    (p) =>
      p.aadObjectId.toLowerCase() === w ||
      p.email.toLowerCase() === w ||
      p.displayName.toLowerCase() === w,
  );
}

export function writePlaygroundConfig(
  dir: string,
  current: Person,
  roster: readonly Person[],
): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, ".m365agentsplayground.yml");
  fs.writeFileSync(file, playgroundYaml(current, roster));
  return file;
}

export function readRosterFile(file: string): Person[] {
  return parseRoster(fs.readFileSync(file, "utf8"), file);
}
