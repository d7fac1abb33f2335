import type { TrainingRecord } from "../../../../src/domain/training/trainingRecord";
import { teamsTrainingCards } from "../../../../src/features/training/cards/trainingCards";

/* What the Headteacher sees after recording one training for one person or for many. */
const record: TrainingRecord = {
  id: "TR-1",
  personId: "p1",
  topic: "safeguardingOnline",
  detail: "INSET day",
  completedOn: "2026-10-02",
  validUntil: "2027-10-01",
  recordedBy: "head",
  recordedAt: "2026-10-02T15:00:00Z",
};
const told = (names: string[]) =>
  JSON.stringify(
    teamsTrainingCards.trainingRecorded({ to: "recorder", record, traineeNames: names, inForce: 0 })
      .data,
  );

describe("the card that says training was recorded", () => {
  test("when two people were recorded, then both are named", () => {
    expect(told(["Aisha Khan", "Daniel Price"])).toContain(
      "Aisha Khan and Daniel Price: Safeguarding and social media, valid until 2027-10-01.",
    );
  });

  test("when a whole staff was recorded, then three are named and the rest counted", () => {
    const staff = Array.from({ length: 40 }, (_, i) => `Person ${i + 1}`);
    expect(told(staff)).toContain("Person 1, Person 2, Person 3 and 37 others:");
  });
});
