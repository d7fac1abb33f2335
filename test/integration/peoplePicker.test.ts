import { renderCard } from "../../src/bot/cards/renderCard";
import { teamsReportCards } from "../../src/features/reports/cards/reportCards";
import { findColleagues, MAX_COLLEAGUE_MATCHES } from "../../src/app/people/findColleagues";
import type { Person } from "../../src/domain/people/person";
import { installActivity, personalConversationId, post } from "../support/activities";
import { startAppUnderTest, type AppUnderTest } from "../support/inProcessApp";
import { personWith, sampleRoster } from "../support/sampleRoster";

/*
 * Choosing a colleague on a card: an Input.ChoiceSet whose choices come from a Data.Query, which
 * Teams asks the bot for as the person types (invoke "application/search"), instead of the whole
 * roster written into the card.
 */
function searchActivity(person: Person, serviceUrl: string, value: Record<string, unknown>) {
  return {
    ...installActivity(person, serviceUrl),
    type: "invoke",
    name: "application/search",
    value,
  };
}

describe("the people picker", () => {
  let t: AppUnderTest;
  const teacher = personWith("staff");
  const roster = sampleRoster();

  beforeAll(async () => {
    t = await startAppUnderTest({ OUTBOX_POLL_MS: "60000" });
  });
  afterAll(async () => t.stop());

  test("when the report form is rendered, then the colleague is a Data.Query picker over the staff dataset, with no roster in the card", () => {
    const card = renderCard(teamsReportCards.reportForm({ kind: "misuse" }));
    const picker = (card.body as Array<Record<string, unknown>>).find((e) => e.id === "subjectId");
    expect(picker).toMatchObject({
      type: "Input.ChoiceSet",
      "choices.data": { type: "Data.Query", dataset: "staff" },
      choices: [],
    });
    for (const p of roster) expect(JSON.stringify(card)).not.toContain(p.displayName);
  });

  test("when someone types part of a name, then the bot answers application/search with matching colleagues", async () => {
    const target = roster.find((p) => p.aadObjectId !== teacher.aadObjectId)!;
    const typed = target.displayName.split(" ")[1]!.slice(0, 3);
    const r = await post(
      t.app.url,
      searchActivity(teacher, t.connector.url, {
        queryText: typed,
        dataset: "staff",
        queryOptions: { skip: 0, top: 15 },
      }),
    );
    expect(r.status).toBe(200);
    const body = r.body as {
      type: string;
      value: { results: Array<{ title: string; value: string }> };
    };
    expect(body.type).toBe("application/vnd.microsoft.search.searchResponse");
    expect(body.value.results.map((x) => x.value)).toContain(target.aadObjectId);
    expect(body.value.results.find((x) => x.value === target.aadObjectId)!.title).toContain(
      target.displayName,
    );
    for (const x of body.value.results) {
      const person = roster.find((p) => p.aadObjectId === x.value)!;
      expect(
        person.displayName
          .toLowerCase()
          .split(/[\s'-]+/)
          .some((w) => w.startsWith(typed.toLowerCase())) ||
          person.email.startsWith(typed.toLowerCase()),
      ).toBe(true);
    }
    expect(t.connector.texts(personalConversationId(teacher.aadObjectId))).toEqual([]);
  });

  test("when someone not on the roster, or another dataset, searches, then nothing is returned", async () => {
    const stranger = { ...teacher, aadObjectId: "aaaaaaaa-0000-4000-8000-000000000000" };
    for (const [who, dataset] of [
      [stranger, "staff"],
      [teacher, "pupils"],
    ] as const) {
      const r = await post(
        t.app.url,
        searchActivity(who, t.connector.url, {
          queryText: "a",
          dataset,
          queryOptions: { skip: 0, top: 15 },
        }),
      );
      expect((r.body as { value: { results: unknown[] } }).value.results).toEqual([]);
    }
  });

  test("when 5,000 people match, then one answer holds at most a page and the next page follows", async () => {
    const many: Person[] = Array.from({ length: 5000 }, (_, i) => ({
      aadObjectId: `id-${String(i).padStart(4, "0")}`,
      displayName: `Sam Person${String(i).padStart(4, "0")}`,
      email: `sam${i}@school.example`,
      roles: ["staff"],
      department: "Science",
    }));
    const directory = { all: async () => many, find: async () => undefined };
    const first = await findColleagues(directory, "sam", { skip: 0, top: 500 });
    expect(first).toHaveLength(MAX_COLLEAGUE_MATCHES);
    const next = await findColleagues(directory, "sam", { skip: MAX_COLLEAGUE_MATCHES, top: 10 });
    expect(next[0]!.aadObjectId).toBe(`id-${String(MAX_COLLEAGUE_MATCHES).padStart(4, "0")}`);
    expect(await findColleagues(directory, "sam person0042", { skip: 0, top: 10 })).toEqual([
      { aadObjectId: "id-0042", label: "Sam Person0042 (Science)" },
    ]);
  });
});
