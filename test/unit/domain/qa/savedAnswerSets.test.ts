import fs from "node:fs";
import path from "node:path";
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
 * after, and each is held to its own floor (figures in the README).
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
    ["saved-answers-dev.json", 0.78],
    ["saved-answers-heldout.json", 0.65],
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
});
