import { hasRole, type Person } from "./person";

/*
 * Whole groups of the roster, for a form that records something for many people at once (the
 * whole staff after an INSET day, the governors after a workshop): chosen as a group instead of
 * ticking every name. A group is named by a stable id and worked out again from the roster when
 * the form comes back, so the card never carries the member list and a leaver is never recorded.
 */
export interface RosterGroup {
  /** "everyone", "staff" (everyone but the governors), "governors", "volunteers" or "department:<words-of-its-name>". */
  readonly id: string;
  readonly title: string;
  readonly members: readonly Person[];
}

const isGovernor = (p: Person) => hasRole(p, "governor") || hasRole(p, "chair-of-governors");

function departmentId(department: string): string {
  const words = department
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return `department:${words.slice(0, 60)}`;
}

/** Groups offered on one form at most: a trust's hundred departments would not fit a card. */
export const MAX_GROUPS = 40;

/**
 * The roster's groups, with at least two people each: everyone, the staff who are not
 * governors, the governors, the volunteers, then each department in name order (up to
 * MAX_GROUPS in all). A department with the same people as a group before it (a "Governors"
 * department) is not listed twice.
 */
export function rosterGroups(people: readonly Person[]): RosterGroup[] {
  const candidates: RosterGroup[] = [
    { id: "everyone", title: "Everyone the policy covers", members: people },
    {
      id: "staff",
      title: "Everyone except the governors",
      members: people.filter((p) => !isGovernor(p)),
    },
    { id: "governors", title: "All governors", members: people.filter(isGovernor) },
    {
      id: "volunteers",
      title: "All volunteers",
      members: people.filter((p) => hasRole(p, "volunteer")),
    },
  ];
  const departments = [...new Set(people.map((p) => p.department.trim()).filter(Boolean))].sort(
    (a, b) => a.localeCompare(b),
  );
  for (const d of departments)
    candidates.push({
      id: departmentId(d),
      title: d,
      members: people.filter((p) => p.department.trim() === d),
    });
  const groups: RosterGroup[] = [];
  const seen = new Set<string>();
  for (const g of candidates) {
    const key = g.members
      .map((p) => p.aadObjectId)
      .sort()
      .join(",");
    // Two departments whose names differ only in punctuation share an id: the first is kept.
    if (g.members.length < 2 || seen.has(key) || groups.some((x) => x.id === g.id)) continue;
    seen.add(key);
    groups.push(g);
    if (groups.length === MAX_GROUPS) break;
  }
  return groups;
}

/** The people of the chosen groups, or the first id the roster no longer has. */
export function membersOf(
  groups: readonly RosterGroup[],
  ids: readonly string[],
): { ok: true; members: Person[] } | { ok: false; unknown: string } {
  const members: Person[] = [];
  for (const id of ids) {
    const group = groups.find((g) => g.id === id);
    if (!group) return { ok: false, unknown: id };
    members.push(...group.members);
  }
  return { ok: true, members };
}
