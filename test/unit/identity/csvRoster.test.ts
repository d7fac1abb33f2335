import { parseRoster, RosterError } from "../../../src/identity/csvRoster";
import { ROLES } from "../../../src/domain/people/person";
import { sampleRoster } from "../../support/sampleRoster";

const HEADER = "aadObjectId,displayName,email,roles,department";

describe("roster CSV", () => {
  test("when the sample roster is read, then it has at least 12 people and every staff role", () => {
    const people = sampleRoster();
    expect(people.length).toBeGreaterThanOrEqual(12);
    // Volunteers and agency staff are added by the office when they join (test/integration/coveredPeople).
    for (const role of ROLES.filter((r) => r !== "volunteer" && r !== "agency"))
      expect(people.some((p) => p.roles.includes(role))).toBe(true);
  });

  test("when a row has role volunteer or agency, then they are on the roster, as staff for what the policy asks of them", () => {
    const [v, a] = parseRoster(
      `${HEADER}
id-1,Vera Reader,vera@v.example,volunteer,Volunteers
id-2,Sid Supply,sid@a.example,agency,Supply
`,
      "r.csv",
    );
    expect(v?.roles).toEqual(["volunteer", "staff"]);
    expect(a?.roles).toEqual(["agency", "staff"]);
  });

  test("when a row omits staff, then everyone on the roster is still staff", () => {
    const [p] = parseRoster(
      `${HEADER}\nid-1,Ann Lee,ann@school.example,headteacher,SLT\n`,
      "r.csv",
    );
    expect(p?.roles).toEqual(["headteacher", "staff"]);
  });

  test("when roles are separated by semicolons with spaces, then each is read", () => {
    const [p] = parseRoster(
      `${HEADER}\nid-1,Ann Lee,ann@school.example, aht-digital ; line-manager ,SLT\n`,
      "r.csv",
    );
    expect(p?.roles).toEqual(["aht-digital", "line-manager", "staff"]);
  });

  test.each([
    [
      "an unknown role",
      `${HEADER}\nid-1,Ann,ann@s.example,staff,SLT\nid-2,Bob,bob@s.example,wizard,SLT\n`,
      /r\.csv:3: unknown role "wizard"/,
    ],
    [
      "a bad email",
      `${HEADER}\nid-1,Ann,not-an-email,staff,SLT\n`,
      /r\.csv:2: email is not an email address/,
    ],
    [
      "a repeated id",
      `${HEADER}\nid-1,Ann,a@s.example,staff,SLT\nid-1,Bob,b@s.example,staff,SLT\n`,
      /r\.csv:3: aadObjectId repeats line 2/,
    ],
    ["a short row", `${HEADER}\nid-1,Ann,a@s.example\n`, /r\.csv:2:/],
    [
      "a missing column",
      `aadObjectId,displayName,email,roles\nid-1,Ann,a@s.example,staff\n`,
      /r\.csv:1: the header lacks department/,
    ],
    ["no people", `${HEADER}\n`, /nobody/],
  ])(
    "when the roster has %s, then it is refused naming the file and line",
    (_name, text, message) => {
      expect(() => parseRoster(text, "r.csv")).toThrow(RosterError);
      expect(() => parseRoster(text, "r.csv")).toThrow(message);
    },
  );
});
