import fs from "node:fs";
import path from "node:path";
import { answerQuestion } from "../src/domain/qa/answerQuestion";
import { evaluate, parseEvalCases, type EvalCase } from "../src/domain/qa/evaluation";
import { PassageIndex } from "../src/domain/qa/passageIndex";
import { packageRoot } from "../src/packageRoot";
import { loadPolicyFile } from "../src/policy/policyFile";
import { writeResults } from "./botThroughput";

/*
 * Answer latency of the Q&A engine, in process (what the bot pays per question, before any
 * network): p50/p99 over the shared visible set and our held-out set, each question asked
 * ROUNDS times after a warm-up, plus the one-off cost of indexing a policy version. The accuracy
 * figures are printed alongside so a faster engine cannot quietly be a worse one.
 */
const ROUNDS = 20;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function timeAnswers(
  policy: ReturnType<typeof loadPolicyFile>,
  questions: readonly string[],
): number[] {
  for (const q of questions) answerQuestion(policy, q); // warm-up: JIT and the cached index
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const q of questions) {
      const started = performance.now();
      answerQuestion(policy, q);
      times.push(performance.now() - started);
    }
  }
  return times.sort((a, b) => a - b);
}

export async function run(): Promise<void> {
  const root = packageRoot();
  const policy = loadPolicyFile(path.join(root, "assets/policy/staff-social-media-policy.md"));
  const sets: [string, string][] = [
    ["visible", path.join(root, "..", "shared/eval/qa-visible.jsonl")],
    ["held-out", path.join(root, "test/fixtures/qa-heldout.jsonl")],
  ];
  const loaded = sets
    .filter(([, file]) => fs.existsSync(file))
    .map(([name, file]) => [name, parseEvalCases(fs.readFileSync(file, "utf8"))] as const);
  const all: EvalCase[] = loaded.flatMap(([, cases]) => cases);

  const indexStarted = performance.now();
  new PassageIndex(policy);
  const indexMs = performance.now() - indexStarted;

  const rows = [...loaded, ["all", all] as const].map(([name, cases]) => {
    const times = timeAnswers(
      policy,
      cases.map((c) => c.question),
    );
    const figures = evaluate(policy, cases);
    return {
      set: name,
      questions: cases.length,
      answers: times.length,
      "p50 ms": percentile(times, 50).toFixed(3),
      "p99 ms": percentile(times, 99).toFixed(3),
      "max ms": (times.at(-1) ?? 0).toFixed(3),
      "cited ok": `${(figures.answerableRate * 100).toFixed(1)}% of ${figures.answerable}`,
      declined: `${(figures.declinedRate * 100).toFixed(1)}% of ${figures.unanswerable}`,
    };
  });
  console.table(rows);
  console.log(`indexing the policy once: ${indexMs.toFixed(2)} ms`);
  console.log(`written to ${writeResults("qaLatency", { indexMs, rows })}`);
}

if (require.main === module) {
  run().catch((error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(1);
  });
}
