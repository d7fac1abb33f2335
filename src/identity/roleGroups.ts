import { isRole, type Role } from "../domain/people/person";

/*
 * ENTRA_ROLE_GROUPS: which Entra group holds each role the policy names, written as
 * comma-separated role=groupObjectId pairs, e.g. "headteacher=<id>,aht-digital=<id>".
 * A role may map to several groups; "staff" is not listed (everyone on the roster is staff).
 */
export interface RoleGroup {
  readonly role: Exclude<Role, "staff">;
  readonly groupId: string;
}

const OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isObjectId(value: string): boolean {
  return OBJECT_ID.test(value);
}

export function parseRoleGroups(text: string | undefined): {
  groups: RoleGroup[];
  problems: string[];
} {
  const groups: RoleGroup[] = [];
  const problems: string[] = [];
  for (const pair of (text ?? "")
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [role, groupId, extra] = pair.split("=").map((s) => s.trim());
    if (!role || !groupId || extra !== undefined) {
      problems.push(`"${pair}" is not role=groupObjectId`);
    } else if (!isRole(role) || role === "staff") {
      problems.push(
        `"${role}" is not a role the policy names (staff comes from ENTRA_STAFF_GROUP_ID)`,
      );
    } else if (!isObjectId(groupId)) {
      problems.push(`"${groupId}" (for ${role}) is not a group object id`);
    } else {
      groups.push({ role, groupId });
    }
  }
  return { groups, problems };
}
