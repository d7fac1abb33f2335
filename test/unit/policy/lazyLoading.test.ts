import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { lazyIntentRecogniser } from "../../../src/policy/intentBankFile";
import { lazyQuestionModel, QuestionModelFileError } from "../../../src/policy/questionModelFile";
import { packageRoot } from "../../../src/packageRoot";

/*
 * What start-up leaves for later (see composition.ts): the question model is read on first use,
 * and the intent recogniser trained on first use, but a bad bank still stops start-up at once.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lazy-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("the question model, loaded on first use", () => {
  const committed = path.join(packageRoot(), "assets/qa/question-model.json");

  test("when there is no file, then there is nothing to load", () => {
    expect(lazyQuestionModel(path.join(dir, "none.json"), () => {})).toBeUndefined();
  });

  test("when the file is there, then it is not read until asked for, and read once", () => {
    const copy = path.join(dir, "model.json");
    fs.copyFileSync(committed, copy);
    const lazy = lazyQuestionModel(copy, () => {})!;
    // Gone before first use: had it been read at creation, get() would still return a model.
    fs.renameSync(copy, `${copy}.moved`);
    expect(lazy.get()).toBeUndefined();
    fs.renameSync(`${copy}.moved`, copy);
    const again = lazyQuestionModel(copy, () => {})!;
    const first = again.get();
    expect(first?.labels.length).toBeGreaterThan(1);
    expect(again.get()).toBe(first);
  });

  test("when the file is not a model, then it is reported once and questions go to retrieval alone", () => {
    const bad = path.join(dir, "bad.json");
    fs.writeFileSync(bad, '{"format": 1}');
    const reported: QuestionModelFileError[] = [];
    const lazy = lazyQuestionModel(bad, (e) => reported.push(e))!;
    expect(lazy.get()).toBeUndefined();
    lazy.warm();
    expect(lazy.get()).toBeUndefined();
    expect(reported).toHaveLength(1);
    expect(reported[0]!.code).toBe("QA.MODEL_INVALID");
  });
});

describe("the intent recogniser, trained on first use", () => {
  test("when the bank names an unknown intent, then it fails at once, before any training", () => {
    const bank = path.join(dir, "bank.jsonl");
    fs.writeFileSync(bank, '{"text": "hello there", "intent": "greetingz"}\n');
    expect(() => lazyIntentRecogniser(bank)).toThrow(/Unknown intent "greetingz"/);
  });

  test("when it is first asked, then it recognises as the trained one does", () => {
    const lazy = lazyIntentRecogniser();
    expect(lazy.recogniser.recognise("I want to report something")).toMatchObject({
      kind: "command",
      intent: "report",
    });
  });

  test("when it is asked with the commands a person may use, then it keeps to them as the trained one does", () => {
    const lazy = lazyIntentRecogniser();
    // A command the person may not use is never what their message is read as.
    const allowed = new Set(["report", "help", "thanks"] as const);
    const text = "I want to report something";
    const withoutReport = new Set(["help", "thanks"] as const);
    expect(lazy.recogniser.recognise(text, allowed)).toMatchObject({ intent: "report" });
    expect(lazy.recogniser.recognise(text, withoutReport)).not.toMatchObject({ intent: "report" });
  });
});
