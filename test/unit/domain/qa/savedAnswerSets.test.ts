import fs from "node:fs";
import path from "node:path";
import { chooseCuratedAnswers } from "../../../../src/domain/qa/curatedAnswers";
import {
  evaluateSavedAnswers,
  type SavedAnswerGroup,
} from "../../../../src/domain/qa/savedAnswerEvaluation";
import { packageRoot } from "../../../../src/packageRoot";
import { loadQuestionModel } from "../../../../src/policy/questionModelFile";

/*
 * Saved answers found by meaning, on two sets written apart from the code by two writers who
 * read only the policy: 40 saved questions each, asked again in 5 other ways and followed by 3
 * near misses. The thresholds were chosen on the development set; the held-out set was run once
 * after, and each is held to its own floor (figures in the README). The faint-likeness offer
 * (2026-12-06) took them from 80.5% / 68.5% to 87% / 78.5%, the held-out set again run once.
 */
const read = (name: string): SavedAnswerGroup[] =>
  JSON.parse(
    fs.readFileSync(path.join(packageRoot(), "test/fixtures", name), "utf8"),
  ) as SavedAnswerGroup[];

const speller = loadQuestionModel(
  path.join(packageRoot(), "assets/qa/question-model.json"),
)?.speller;

describe("saved answers of the policy owner, asked again in other words", () => {
  test.each([
    ["saved-answers-dev.json", 0.85],
    ["saved-answers-heldout.json", 0.76],
  ])(
    "when the questions of %s are asked, then a rewording finds its saved answer (given or offered) at least %d of the time and at most one near miss is given one",
    (file, floor) => {
      const groups = read(file);
      expect(groups).toHaveLength(40);
      const f = evaluateSavedAnswers(groups, speller);
      expect(f.rewordings).toBe(200);
      expect((f.reused + f.offered) / f.rewordings).toBeGreaterThanOrEqual(floor);
      expect(f.wronglyReused).toBe(0);
      // One near miss in a hundred and twenty may still look like a rewording to words alone.
      expect(f.nearMissesReused).toBeLessThanOrEqual(1);
    },
  );

  test("when the policy questions of our own sets are asked with the development set's 40 saved, then few get a saved question offered beside the policy's answer", () => {
    // Measured clutter, not a rule: 12 of 427 before the faint-likeness offer, 21 after.
    const pool = read("saved-answers-dev.json").map((g, i) => ({
      question: g.saved,
      answer: String(i),
      answeredBy: "the policy owner",
      answeredOn: "2026-01-01",
    }));
    const questions = ["qa-fresh.jsonl", "qa-heldout.jsonl", "qa-validation.jsonl"].flatMap((f) =>
      fs
        .readFileSync(path.join(packageRoot(), "test/fixtures", f), "utf8")
        .split("\n")
        .filter((l) => l.trim())
        .map((l) => (JSON.parse(l) as { question: string }).question),
    );
    const offered = questions.filter(
      (q) => chooseCuratedAnswers(q, pool, speller).offers.length > 0,
    ).length;
    expect(questions.length).toBe(427);
    expect(offered / questions.length).toBeLessThanOrEqual(0.06);
  });
});
