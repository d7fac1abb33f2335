import fs from "node:fs";
import path from "node:path";
import { answerQuestion } from "../src/domain/qa/answerQuestion";
import { PassageIndex } from "../src/domain/qa/passageIndex";
import { packageRoot } from "../src/packageRoot";
import { loadPolicyFile } from "../src/policy/policyFile";
import { writeResults } from "./botThroughput";

/** Answer latency of the Q&A engine (in process), over the held-out and, if present, the visible set. */
export async function run(): Promise<void> {
  const root = packageRoot();
  const index = new PassageIndex(loadPolicyFile(path.join(root, "assets/policy/staff-social-media-policy.md")));
  const files = [path.join(root, "test/fixtures/qa-heldout.jsonl"), path.join(root, "..", "shared/eval/qa-visible.jsonl")].filter((f) => fs.existsSync(f));
  const questions = files.flatMap((f) => fs.readFileSync(f, "utf8").split("\n").filter(Boolean).map((l) => (JSON.parse(l) as { question: string }).question));
  for (const q of questions) answerQuestion(index, q); // warm up
  const times: number[] = [];
  for (let round = 0; round < 20; round++) {
    for (const q of questions) {
      const t0 = performance.now();
      answerQuestion(index, q);
      times.push(performance.now() - t0);
    }
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!;
  const row = { questions: questions.length, answers: times.length, "p50 ms": at(50).toFixed(3), "p99 ms": at(99).toFixed(3), "max ms": times.at(-1)!.toFixed(3) };
  console.table([row]);
  console.log(`written to ${writeResults("qaLatency", [row])}`);
}
