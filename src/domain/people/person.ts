/** The roles the policy names. Everyone on the roster also holds `staff`. */
export const ROLES = [
  "headteacher",
  "aht-digital",
  "aht-publicity",
  "resources-manager",
  "chair-of-governors",
  "governor",
  "it-network-manager",
  "line-manager",
  // People the policy covers who are not employed staff: volunteers, and agency or supply staff
  // (contractors too). They acknowledge and report like everyone else.
  "volunteer",
  "agency",
  "staff",
] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** How each role is called in the policy, for people to read. */
export const ROLE_TITLES: Record<Role, string> = {
  headteacher: "Headteacher",
  "aht-digital": "Assistant Headteacher (Digital Technology and Innovation)",
  "aht-publicity": "Assistant Headteacher (Parents, Publicity & Promotion)",
  "resources-manager": "Resources Manager",
  "chair-of-governors": "Chair of Governors",
  governor: "Governor",
  "it-network-manager": "IT Network Manager",
  "line-manager": "Line Manager",
  volunteer: "Volunteer",
  agency: "Agency, supply or contract staff",
  staff: "Staff",
};

export interface Person {
  /** Entra object id: the one identifier Teams, SSO tokens and Graph agree on. */
  readonly aadObjectId: string;
  readonly displayName: string;
  readonly email: string;
  readonly roles: readonly Role[];
  readonly department: string;
}

export function hasRole(person: Person, role: Role): boolean {
  return person.roles.includes(role);
}

export function holdersOf(people: readonly Person[], role: Role): Person[] {
  return people.filter((p) => hasRole(p, role));
}

/** The roster entry with this email address; addresses are compared without regard to case. */
export function personWithEmail(people: readonly Person[], email: string): Person | undefined {
  const wanted = email.trim().toLowerCase();
  return people.find((p) => p.email.toLowerCase() === wanted);
}
