import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import {
  IntentRecogniser,
  type IntentExample,
  type RecognisesIntents,
} from "../domain/intents/recogniseIntent";
import { packageRoot } from "../packageRoot";

/*
 * The bank of phrasings the intent recogniser learns from: one JSON object a line,
 * {"text": "...", "intent": "report" | ... | "question"}. It ships with the product; a school
 * adds lines in its staff's words and restarts (training takes well under a second).
 */
export const INTENT_BANK_FILE = path.join(
  packageRoot(),
  "assets",
  "intents",
  "intent-phrasings.jsonl",
);

const line = z.object({
  text: z.string().trim().min(1).max(500),
  intent: z.string().min(1).max(40),
});

export function loadIntentBank(file: string = INTENT_BANK_FILE): IntentExample[] {
  if (!fs.existsSync(file)) throw new Error(`${file}: intent phrasings not found`);
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .map((text, i) => ({ text: text.trim(), number: i + 1 }))
    .filter((l) => l.text)
    .map(({ text, number }) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new Error(`${file}:${number}: not JSON`);
      }
      const result = line.safeParse(parsed);
      if (!result.success) throw new Error(`${file}:${number}: needs "text" and "intent"`);
      return result.data;
    });
}

/** Trains the recogniser from the bank; an unknown intent name stops start-up with its line. */
export function loadIntentRecogniser(file: string = INTENT_BANK_FILE): IntentRecogniser {
  return IntentRecogniser.train(loadIntentBank(file));
}

/**
 * The bank read and checked now (a bad line or an unknown intent still stops start-up with its
 * line), the recogniser trained on the first message or when `warm()` is called after the server
 * listens: training is most of what the recogniser costs, and start-up should not wait for it.
 */
export function lazyIntentRecogniser(file: string = INTENT_BANK_FILE): {
  readonly recogniser: RecognisesIntents;
  warm(): void;
} {
  const examples = loadIntentBank(file);
  IntentRecogniser.check(examples);
  let trained: IntentRecogniser | undefined;
  const get = () => (trained ??= IntentRecogniser.train(examples));
  return {
    recogniser: { recognise: (text, allowed) => get().recognise(text, allowed) },
    warm: () => void get(),
  };
}
