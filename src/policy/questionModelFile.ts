import fs from "node:fs";
import { z } from "zod";
import {
  QuestionModel,
  type QuestionModelData,
  type TrainingExample,
} from "../domain/qa/questionModel";

/*
 * The trained question classifier on disk (`npm run qa:train` writes it, start-up reads it), and
 * the question bank it is trained from. A missing model is not fatal: the engine answers by
 * retrieval alone, as before the model existed, and start-up says so in the log.
 */
export class QuestionModelFileError extends Error {
  readonly code = "QA.MODEL_INVALID";
}

const modelSchema = z.object({
  format: z.literal(1),
  policyVersion: z.string(),
  labels: z.array(z.string()).min(1),
  headings: z.record(z.string(), z.string()),
  features: z.array(z.string()),
  weights: z.array(z.number()),
  bias: z.array(z.number()),
  scale: z.number().positive(),
  vocabulary: z.record(z.string(), z.number()),
  examples: z.record(z.string(), z.array(z.string())),
  sentenceLinks: z
    .record(
      z.string(),
      z.object({ sentences: z.array(z.string()), of: z.array(z.number().int().min(-1)) }),
    )
    .optional(),
});

export function loadQuestionModel(file: string): QuestionModel | undefined {
  if (!fs.existsSync(file)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new QuestionModelFileError(`${file}: not JSON (${(error as Error).message})`);
  }
  // The weights array is large: check its shape by length rather than element by element twice.
  const result = modelSchema.safeParse(parsed);
  if (!result.success)
    throw new QuestionModelFileError(`${file}: not a question model (${result.error.message})`);
  const data: QuestionModelData = result.data;
  if (
    data.weights.length !== data.features.length * data.labels.length ||
    data.bias.length !== data.labels.length
  ) {
    throw new QuestionModelFileError(`${file}: weights do not match features × labels`);
  }
  return new QuestionModel(data);
}

/**
 * The model file found now, loaded on first use (a question, or `warm()` once the server
 * listens): parsing and checking 1.7 MB is a good part of start-up on a busy machine. A file
 * that turns out to be unreadable is logged through `onInvalid` once, and questions are then
 * answered by retrieval alone, as without a model. Undefined when there is no file.
 */
export function lazyQuestionModel(
  file: string,
  onInvalid: (error: QuestionModelFileError) => void,
): { get(): QuestionModel | undefined; warm(): void } | undefined {
  if (!fs.existsSync(file)) return undefined;
  let state: { model: QuestionModel | undefined } | undefined;
  const get = () => {
    if (!state) {
      try {
        state = { model: loadQuestionModel(file) };
      } catch (error) {
        if (!(error instanceof QuestionModelFileError)) throw error;
        state = { model: undefined };
        onInvalid(error);
      }
    }
    return state.model;
  };
  return { get, warm: () => void get() };
}

export function saveQuestionModel(file: string, data: QuestionModelData): void {
  fs.writeFileSync(file, `${JSON.stringify(data)}\n`);
}

const bankLine = z.object({
  question: z.string().min(1),
  sections: z.array(z.string()).optional(),
  sentence: z.string().min(1).optional(),
});

/**
 * A bank file: one JSON object per line, `{"question", "sections": [ids]}`; none = out of scope.
 * `"sentence"`, optional: the first section's sentence that answers it, verbatim.
 */
export function readQuestionBank(file: string, outOfScope = false): TrainingExample[] {
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .map((line, i) => ({ line: line.trim(), number: i + 1 }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, number }) => {
      const parsed = bankLine.safeParse(JSON.parse(line));
      if (!parsed.success)
        throw new QuestionModelFileError(`${file}:${number}: expected {"question", "sections"}`);
      return {
        question: parsed.data.question,
        sections: outOfScope ? [] : (parsed.data.sections ?? []),
        ...(parsed.data.sentence && !outOfScope ? { sentence: parsed.data.sentence } : {}),
      };
    });
}
