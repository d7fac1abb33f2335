import { askQuestion } from "../../../../src/features/qa/askQuestion";
import {
  askedQuestionKind,
  curatedAnswerKind,
  type CuratedAnswerRecord,
} from "../../../../src/app/qa/records";
import type { PolicyVersionRecord } from "../../../../src/app/policy/policyRecords";
import { findAll } from "../../../../src/store/findAll";
import { cardText } from "../../../support/connectorRecorder";
import { renderCard } from "../../../../src/bot/cards/renderCard";
import { personWith } from "../../../support/sampleRoster";
import { useCaseWorld, type UseCaseWorld } from "../../../support/useCaseServices";

describe("asking a policy question", () => {
  let w: UseCaseWorld;
  const teacher = personWith("staff");
  const monitoring = "Does the school monitor my social media use on school computers?";

  beforeEach(async () => {
    w = await useCaseWorld();
  });
  afterEach(async () => w.close());

  const stored = async () =>
    (await findAll(w.services.store.collection(askedQuestionKind))).map((r) => r.data);

  /** A version whose Monitoring section says something recognisably different. */
  function versionWithMonitoring(
    label: string,
    effectiveFrom: string,
    text: string,
  ): PolicyVersionRecord {
    const bundled = w.services.bundledPolicy;
    return {
      label,
      effectiveFrom,
      publishedAt: "2026-10-01T09:00:00.000Z",
      publishedBy: "installation",
      summary: "Monitoring rewritten.",
      document: {
        meta: { ...bundled.meta, version: label, effectiveFrom },
        sections: bundled.sections.map((s) =>
          s.id === "monitoring"
            ? { ...s, paragraphs: [text] }
            : { ...s, paragraphs: [...s.paragraphs] },
        ),
      },
    };
  }

  test("when the policy covers the question, then the answer quotes it under its heading and the question is kept", async () => {
    const r = await askQuestion(w.services, teacher, `  ${monitoring}  `);
    if (!r.ok) throw new Error(r.reason);
    expect(r.value.card.template).toBe("policyAnswer");
    const text = cardText(renderCard(r.value.card));
    expect(text).toContain("Monitoring");
    expect(text).toContain("reserves the right to monitor");
    expect(text).toMatch(/Helpful[\s\S]*Not helpful[\s\S]*Ask the policy owner/);
    const [q] = await stored();
    expect(q).toMatchObject({
      askerId: teacher.aadObjectId,
      question: monitoring,
      answered: true,
      source: "policy",
      policyVersion: "2024.07",
      feedback: null,
      escalation: "none",
      unanswered: false,
      askedAt: "2026-11-02T09:00:00.000Z",
    });
    expect(q!.citedHeadings[0]).toBe("Monitoring");
  });

  test("when the policy does not cover the question, then it says so plainly, offers the policy owner, and keeps it as not answered", async () => {
    const r = await askQuestion(w.services, teacher, "What time does the canteen open?");
    if (!r.ok) throw new Error(r.reason);
    expect(r.value.card.template).toBe("policyNotCovered");
    const text = cardText(renderCard(r.value.card));
    expect(text).toMatch(/does not cover this question/);
    expect(text).toContain("Ask the policy owner");
    expect(text).not.toContain("Helpful");
    expect(await stored()).toEqual([
      expect.objectContaining({ answered: false, source: "none", citedHeadings: [] }),
    ]);
  });

  test.each([
    ["an empty message", "   ", /Type your question/],
    ["a pasted essay", "why ".repeat(400), /shorter question/],
  ])(
    "when the question is %s, then a clear message comes back and nothing is kept",
    async (_n, text, message) => {
      const r = await askQuestion(w.services, teacher, text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(message);
      expect(await stored()).toEqual([]);
    },
  );

  test("when the policy owner saved an answer to the same question, then it comes first, labelled as theirs with its date", async () => {
    const saved: CuratedAnswerRecord = {
      id: "C-Q-1",
      question: "What time does the canteen open?",
      answer: "The canteen opens at 8am; staff may use it from 7.45.",
      answeredBy: "Liam Hyde",
      answeredById: personWith("aht-digital").aadObjectId,
      answeredOn: "2026-10-20",
      createdFrom: "Q-1",
      policyVersion: "2024.07",
      createdAt: "2026-10-20T10:00:00.000Z",
    };
    await w.services.store.collection(curatedAnswerKind).create(saved.id, saved);
    const similar = await askQuestion(w.services, teacher, "what time does the canteen open");
    if (!similar.ok) throw new Error(similar.reason);
    const text = cardText(renderCard(similar.value.card));
    expect(text).toContain("The canteen opens at 8am");
    expect(text).toMatch(/Answered by the policy owner on 20 October 2026/);
    expect((await stored())[0]).toMatchObject({
      source: "curated",
      answered: true,
      shown: { curated: { id: "C-Q-1" } },
    });

    // A question about something else is not given the saved answer.
    const other = await askQuestion(w.services, teacher, monitoring);
    if (!other.ok) throw new Error(other.reason);
    expect(cardText(renderCard(other.value.card))).not.toContain("canteen");
  });

  test("when a newer version is in force, then answers quote that version, not the bundled text", async () => {
    const text =
      "From 2026 the school monitors all use of school computers, including social media, through its filtering service.";
    await w.services.policyVersions.add(versionWithMonitoring("2026.09", "2026-09-01", text));
    const r = await askQuestion(w.services, teacher, monitoring);
    if (!r.ok) throw new Error(r.reason);
    expect(r.value.question.policyVersion).toBe("2026.09");
    expect(r.value.question.shown.citations.map((c) => c.quote)).toContain(text);
  });

  test("when an upcoming version changes the cited section, then the answer says so", async () => {
    await w.services.policyVersions.add(
      versionWithMonitoring(
        "2027.01",
        "2027-01-01",
        "The school monitors use of its IT resources and communications systems, including social media.",
      ),
    );
    const r = await askQuestion(w.services, teacher, monitoring);
    if (!r.ok) throw new Error(r.reason);
    expect(r.value.question.policyVersion).toBe("2024.07");
    expect(r.value.question.shown.upcomingNote).toMatch(/2027\.01/);
    expect(cardText(renderCard(r.value.card))).toMatch(/upcoming version \(2027\.01/);
  });
});
