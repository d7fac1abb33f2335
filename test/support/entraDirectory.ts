import { ROLES, type Person } from "../../src/domain/people/person";
import type { GraphTestServer } from "./graphTestServer";

/*
 * Puts a roster into the Graph test server's directory the way a school's Entra ID holds it:
 * an "all staff" group whose members include a nested "teaching staff" group, and one group per
 * role. Returns the settings the app reads (ENTRA_STAFF_GROUP_ID, ENTRA_ROLE_GROUPS).
 */
export const STAFF_GROUP_ID = "5a1c0e9e-0000-4000-8000-00000000a11f";
const TEACHING_GROUP_ID = "5a1c0e9e-0000-4000-8000-0000000000ee";

export function roleGroupId(role: string): string {
  const index = ROLES.indexOf(role as (typeof ROLES)[number]);
  return `5a1c0e9e-0000-4000-8000-${String(index + 1).padStart(12, "0")}`;
}

export function seedEntra(
  server: GraphTestServer,
  people: readonly Person[],
): Record<string, string> {
  for (const p of people) {
    server.addUser({
      id: p.aadObjectId,
      displayName: p.displayName,
      mail: p.email,
      department: p.department,
    });
  }
  // Half the staff sit in a nested group: the roster must follow membership transitively.
  const nested = people.filter((_, i) => i % 2 === 1).map((p) => p.aadObjectId);
  server.setGroupMembers(TEACHING_GROUP_ID, nested);
  server.setGroupMembers(STAFF_GROUP_ID, [
    TEACHING_GROUP_ID,
    ...people.filter((_, i) => i % 2 === 0).map((p) => p.aadObjectId),
  ]);
  const roles = ROLES.filter((r) => r !== "staff");
  for (const role of roles) {
    server.setGroupMembers(
      roleGroupId(role),
      people.filter((p) => p.roles.includes(role)).map((p) => p.aadObjectId),
    );
  }
  return {
    ROSTER_SOURCE: "entra",
    ENTRA_STAFF_GROUP_ID: STAFF_GROUP_ID,
    ENTRA_ROLE_GROUPS: roles.map((r) => `${r}=${roleGroupId(r)}`).join(","),
  };
}
