import path from "node:path";
import { askQuestion } from "../../../../src/features/qa/askQuestion";
import { openSuggestedSection } from "../../../../src/features/qa/openSuggestion";
import { askedQuestionKind } from "../../../../src/app/qa/records";
import type { AppServices } from "../../../../src/app/services";
import { renderCard } from "../../../../src/bot/cards/renderCard";
import { packageRoot } from "../../../../src/packageRoot";
import { loadQuestionModel } from "../../../../src/policy/questionModelFile";
import { cardText } from "../../../support/connectorRecorder";
import { personWith } from "../../../support/sampleRoster";
import { useCaseWorld, type UseCaseWorld } from "../../../support/useCaseServices";

/*
 * "Did you mean…" on the asker's card: the engine was unsure, offered the likeliest sections,
 * and the asker picks one. The record is re-read each time: only the asker, only an offered
 * section.
 */
const questionModel = loadQuestionModel(path.join(packageRoot(), "assets/qa/question-model.json"))!;

describe("opening a Did you mean section", () => {
  let w: UseCaseWorld;
  let services: AppServices;
  const teacher = personWith("staff");
  const head = personWith("headteacher");

  beforeEach(async () => {
    w = await useCaseWorld();
    services = { ...w.services, questionModel };
  });
  afterEach(async () => w.close());

  async function unsureQuestion() {
    const r = await askQuestion(services, teacher, "social media");
    if (!r.ok) throw new Error(r.reason);
    return r.value;
  }

  test("when the engine is unsure, then the card offers the likeliest sections and the policy owner", async () => {
    const { question, card } = await unsureQuestion();
    expect(card.template).toBe("policyNotCovered");
    const offered = question.shown.suggestions ?? [];
    expect(offered.length).toBeGreaterThanOrEqual(2);
    expect(offered.length).toBeLessThanOrEqual(3);
    const rendered = JSON.stringify(renderCard(card));
    for (const s of offered) expect(rendered).toContain(`"sectionId":"${s.sectionId}"`);
    expect(cardText(renderCard(card))).toMatch(/Did you mean[\s\S]*Ask the policy owner/);
  });

  test("when the asker picks a section, then the card quotes that section's answer and the record says so", async () => {
    const { question } = await unsureQuestion();
    const chosen = question.shown.suggestions![1]!;
    const r = await openSuggestedSection(services, teacher, question.id, chosen.sectionId);
    if (!r.ok) throw new Error(r.reason);
    expect(r.value.template).toBe("policyAnswer");
    const text = cardText(renderCard(r.value));
    expect(text).toContain(chosen.heading);
    expect(text).toMatch(/Helpful[\s\S]*Not helpful/);
    const stored = (await services.store.collection(askedQuestionKind).get(question.id))!.data;
    expect(stored).toMatchObject({
      source: "policy",
      answered: true,
      citedHeadings: [chosen.heading],
    });
    expect(stored.shown.citations[0]?.sectionId).toBe(chosen.sectionId);
    expect(stored.shown.suggestions?.map((s) => s.sectionId)).not.toContain(chosen.sectionId);
    // The same click again changes nothing.
    const again = await openSuggestedSection(services, teacher, question.id, chosen.sectionId);
    expect(again.ok).toBe(true);
  });

  test("when someone else clicks the card, then nothing changes", async () => {
    const { question } = await unsureQuestion();
    const r = await openSuggestedSection(
      services,
      head,
      question.id,
      question.shown.suggestions![0]!.sectionId,
    );
    expect(r).toMatchObject({ ok: false, code: "QA.NOT_YOURS" });
  });

  test("when the card names a section that was not offered, then it is refused", async () => {
    const { question } = await unsureQuestion();
    const notOffered = services.bundledPolicy.sections.find(
      (s) => !(question.shown.suggestions ?? []).some((o) => o.sectionId === s.id),
    )!;
    const r = await openSuggestedSection(services, teacher, question.id, notOffered.id);
    expect(r).toMatchObject({ ok: false, code: "QA.NOT_OFFERED" });
  });
});
