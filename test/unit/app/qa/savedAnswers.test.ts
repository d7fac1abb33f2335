import { curatedAnswerKind, savedAnswers } from "../../../../src/app/qa/records";
import { useCaseWorld, type UseCaseWorld } from "../../../support/useCaseServices";

/*
 * The saved answers are one view per app, a member of its services (no module-level cache keyed
 * by store): every use case of one app shares it, and two apps never do.
 */
describe("the saved answers view", () => {
  let one: UseCaseWorld;
  let other: UseCaseWorld;
  beforeAll(async () => {
    one = await useCaseWorld();
    other = await useCaseWorld();
  });
  afterAll(async () => {
    await one.close();
    await other.close();
  });

  test("when use cases of one app ask for it, then they share one view; another app has its own", () => {
    expect(savedAnswers(one.services)).toBe(one.services.savedAnswers);
    expect(savedAnswers(one.services)).toBe(savedAnswers(one.services));
    expect(savedAnswers(other.services)).not.toBe(savedAnswers(one.services));
  });

  test("when an answer is saved and the view forgets, then the next read has it at once", async () => {
    expect(await savedAnswers(one.services).all()).toEqual([]);
    const answer = {
      id: "CA-1",
      question: "Can I post photos of the fair?",
      answer: "Only with the parents' written permission.",
      answeredBy: "The Headteacher",
      answeredById: "head-id",
      answeredOn: "2026-11-02",
      createdFrom: "Q-1",
      policyVersion: "2026.1",
      createdAt: "2026-11-02T09:00:00.000Z",
    };
    await one.services.store.collection(curatedAnswerKind).create(answer.id, answer);
    // Within the fresh window the copy stands; the writer's forget() makes its write show.
    expect(await savedAnswers(one.services).all()).toEqual([]);
    savedAnswers(one.services).forget();
    expect(await savedAnswers(one.services).all()).toEqual([answer]);
    // The other app's view never read this app's store.
    expect(await savedAnswers(other.services).all()).toEqual([]);
  });
});
