import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { packageRoot } from "../../../src/packageRoot";
import { loadQuestionModel } from "../../../src/policy/questionModelFile";

/*
 * `npm run qa:train` when a school has edited its policy: the bank's sentence links to sentences
 * it still has are kept, and the ones it edited are dropped and named as such. Runs the built CLI
 * (lib/, made by `npm run build`, which the full test run does first) on a small bank.
 */
const root = packageRoot();
const cli = path.join(root, "lib/src/cli/trainQa.js");
const KEPT = "Staff should keep this in mind before they post content.";
const EDITED =
  "Staff should remember that what they publish might be available to be read by the masses (including the School itself, future employers and social acquaintances) for a long time.";

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "qa-train-"));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

test("when the school has edited a sentence the bank links to, then re-training keeps the other links and says which were dropped", () => {
  const policy = fs.readFileSync(
    path.join(root, "assets/policy/staff-social-media-policy.md"),
    "utf8",
  );
  expect(policy).toContain(KEPT);
  expect(policy).toContain(EDITED);
  fs.writeFileSync(
    path.join(tmp, "policy.md"),
    policy.replace(EDITED, "Staff should remember that what they publish can be read by anyone."),
  );
  const bank = path.join(tmp, "bank");
  fs.mkdirSync(bank);
  const line = (question: string, sentence: string) =>
    JSON.stringify({ question, sections: ["protecting-our-business-reputation"], sentence });
  fs.writeFileSync(
    path.join(bank, "policy-questions.jsonl"),
    [
      line("should i think before i post", KEPT),
      line("who can read what i put online", EDITED),
    ].join("\n"),
  );
  fs.writeFileSync(path.join(bank, "out-of-scope.jsonl"), '{"question": "what is for lunch"}\n');
  const out = path.join(tmp, "model.json");
  const result = spawnSync(
    process.execPath,
    [cli, "--policy", path.join(tmp, "policy.md"), "--bank", bank, "--out", out],
    { encoding: "utf8" },
  );
  expect(result.status).toBe(0);
  expect(result.stdout).toContain("Sentence links kept for 1 question");
  expect(result.stdout).toContain(
    'Sentence links dropped for 1 question: this policy no longer has the "sentence" named',
  );
  const links = loadQuestionModel(out)!.data.sentenceLinks?.["protecting-our-business-reputation"];
  expect(links?.sentences).toEqual([KEPT]);
});
