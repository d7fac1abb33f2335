import type { Person, Role } from "../../../../src/domain/people/person";
import { membersOf, rosterGroups } from "../../../../src/domain/people/rosterGroups";

const person = (id: string, department: string, ...roles: Role[]): Person => ({
  aadObjectId: id,
  displayName: `Person ${id}`,
  email: `${id}@school.example`,
  roles: [...roles, "staff"],
  department,
});

describe("whole groups of the roster", () => {
  const roster = [
    person("a", "Science"),
    person("b", "Science"),
    person("c", "Design & Technology"),
    person("d", "Design & Technology"),
    person("e", "Governors", "governor"),
    person("f", "Governors", "chair-of-governors"),
    person("g", "Music"),
    person("h", "Volunteers", "volunteer"),
  ];

  test("when groups are listed, then everyone, everyone but the governors, the governors and each department of two or more are offered, a department that is a group already only once", () => {
    const groups = rosterGroups(roster);
    expect(groups.map((g) => [g.id, g.members.length])).toEqual([
      ["everyone", 8],
      ["staff", 6],
      ["governors", 2],
      ["department:design-technology", 2],
      ["department:science", 2],
    ]);
    expect(groups.find((g) => g.id === "department:design-technology")?.title).toBe(
      "Design & Technology",
    );
  });

  test("when groups are chosen, then their members are returned, and an id the roster no longer has is named", () => {
    const groups = rosterGroups(roster);
    const chosen = membersOf(groups, ["governors", "department:science"]);
    expect(chosen.ok && chosen.members.map((p) => p.aadObjectId)).toEqual(["e", "f", "a", "b"]);
    expect(membersOf(groups, ["governors", "department:music"])).toEqual({
      ok: false,
      unknown: "department:music",
    });
  });

  test("when no one is a governor, then the staff group is everyone and is offered once", () => {
    const groups = rosterGroups(roster.filter((p) => !p.department.startsWith("Gov")));
    expect(groups.map((g) => g.id)).toEqual([
      "everyone",
      "department:design-technology",
      "department:science",
    ]);
  });
});
