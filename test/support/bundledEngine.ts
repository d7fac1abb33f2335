import fs from "node:fs";
import path from "node:path";
import { parsePolicyDocument, type PolicyDocument } from "../../src/domain/policy/policyDocument";
import type { QuestionModel } from "../../src/domain/qa/questionModel";
import { packageRoot } from "../../src/packageRoot";
import { loadQuestionModel } from "../../src/policy/questionModelFile";

/** The policy the product ships with, parsed; a test of the engine reads it as the bot does. */
export function bundledPolicy(): PolicyDocument {
  const parsed = parsePolicyDocument(
    fs.readFileSync(path.join(packageRoot(), "assets/policy/staff-social-media-policy.md"), "utf8"),
  );
  if (!parsed.ok) throw new Error("the bundled policy does not parse");
  return parsed.document;
}

/** The committed answer engine model (`npm run qa:train` writes it). */
export function committedModel(): QuestionModel {
  const model = loadQuestionModel(path.join(packageRoot(), "assets/qa/question-model.json"));
  if (!model) throw new Error("no question model: run npm run qa:train");
  return model;
}
