import type { Person, Role } from "../../src/domain/people/person";

/** A person for a domain test: id, name and email from one word, staff plus the roles given. */
export const person = (id: string, ...roles: Role[]): Person => ({
  aadObjectId: id,
  displayName: id,
  email: `${id}@s.example`,
  roles: [...roles, "staff"],
  department: "D",
});
