import fs from "node:fs";
import path from "node:path";
import { answerQuestion, type AnswerOptions } from "../src/domain/qa/answerQuestion";
import { halfOf } from "../src/domain/qa/evalSplit";
import { evaluate, parseEvalCases, type EvalCase } from "../src/domain/qa/evaluation";
import { PassageIndex } from "../src/domain/qa/passageIndex";
import {
  evaluateSavedAnswers,
  type SavedAnswerGroup,
} from "../src/domain/qa/savedAnswerEvaluation";
import { packageRoot } from "../src/packageRoot";
import { loadPolicyFile } from "../src/policy/policyFile";
import { loadQuestionModel } from "../src/policy/questionModelFile";
import { writeResults } from "./botThroughput";
import { sharedEvalFile } from "../test/support/sharedEval";

/*
 * Answer latency of the Q&A engine, in process (what the bot pays per question, before any
 * network): p50/p99 over the shared visible set, both halves of the staff-language set and our
 * held-out set, each question asked ROUNDS times after a warm-up, plus the one-off costs of
 * loading the trained model and indexing a policy version. The accuracy figures are printed
 * alongside so a faster engine cannot quietly be a worse one. Only figures are printed: the
 * questions of the held-out half are never shown.
 */
const ROUNDS = 20;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/**
 * Wall time per answer, and the CPU time the process spent on it (user + system, from
 * getrusage): on a machine shared with other work the wall p99 is mostly time spent waiting for
 * a core, which the CPU figure leaves out (it still counts the garbage collector's threads).
 */
function timeAnswers(
  policy: ReturnType<typeof loadPolicyFile>,
  questions: readonly string[],
  options: AnswerOptions,
): number[] & { cpu: number[] } {
  for (const q of questions) answerQuestion(policy, q, options); // warm-up: JIT and the cached index
  const times: number[] = [];
  const cpu: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const q of questions) {
      const cpuStarted = process.cpuUsage();
      const started = performance.now();
      answerQuestion(policy, q, options);
      times.push(performance.now() - started);
      const used = process.cpuUsage(cpuStarted);
      cpu.push((used.user + used.system) / 1000);
    }
  }
  return Object.assign(
    times.sort((a, b) => a - b),
    { cpu: cpu.sort((a, b) => a - b) },
  );
}

export async function run(): Promise<void> {
  const root = packageRoot();
  const policy = loadPolicyFile(path.join(root, "assets/policy/staff-social-media-policy.md"));
  const modelFile = path.join(root, "assets/qa/question-model.json");
  const loadStarted = performance.now();
  const model = loadQuestionModel(modelFile);
  const loadMs = performance.now() - loadStarted;
  const options: AnswerOptions = model ? { model } : {};

  const read = (file: string | undefined) => (file ? fs.readFileSync(file, "utf8") : undefined);
  const staff = read(sharedEvalFile("qa-staff-language.jsonl"));
  const sets: [string, string | undefined][] = [
    ["visible", read(sharedEvalFile("qa-visible.jsonl"))],
    ["staff (dev half)", staff && halfOf(staff, "development").join("\n")],
    ["staff (held-out half)", staff && halfOf(staff, "held-out").join("\n")],
    ["held-out (ours)", read(path.join(root, "test/fixtures/qa-heldout.jsonl"))],
    // Written apart on 2026-12-03 from the policy alone, to choose between models without the
    // staff-language set's held-out half.
    ["validation (written apart)", read(path.join(root, "test/fixtures/qa-validation.jsonl"))],
    ["written after the model", read(path.join(root, "test/fixtures/qa-fresh.jsonl"))],
  ];
  const loaded = sets
    .filter((s): s is [string, string] => s[1] !== undefined)
    .map(([name, text]) => [name, parseEvalCases(text)] as const);
  const all: EvalCase[] = loaded.flatMap(([, cases]) => cases);

  const indexStarted = performance.now();
  new PassageIndex(policy);
  const indexMs = performance.now() - indexStarted;

  const rows = [...loaded, ["all", all] as const].map(([name, cases]) => {
    const times = timeAnswers(
      policy,
      cases.map((c) => c.question),
      options,
    );
    const figures = evaluate(policy, cases, options);
    return {
      set: name,
      questions: cases.length,
      answers: times.length,
      "p50 ms": percentile(times, 50).toFixed(3),
      "p99 ms": percentile(times, 99).toFixed(3),
      "max ms": (times.at(-1) ?? 0).toFixed(3),
      "p99 CPU ms": percentile(times.cpu, 99).toFixed(3),
      "cited ok": `${(figures.answerableRate * 100).toFixed(1)}% of ${figures.answerable}`,
      "cited or suggested": `${(figures.offeredRate * 100).toFixed(1)}%`,
      declined: `${(figures.declinedRate * 100).toFixed(1)}% of ${figures.unanswerable}`,
    };
  });
  // The same questions by retrieval alone (no model), in the same run, for comparison.
  const bare = timeAnswers(
    policy,
    all.map((c) => c.question),
    {},
  );
  rows.push({
    set: "all, retrieval alone",
    questions: all.length,
    answers: bare.length,
    "p50 ms": percentile(bare, 50).toFixed(3),
    "p99 ms": percentile(bare, 99).toFixed(3),
    "max ms": (bare.at(-1) ?? 0).toFixed(3),
    "p99 CPU ms": percentile(bare.cpu, 99).toFixed(3),
    "cited ok": "",
    "cited or suggested": "",
    declined: "",
  });
  console.table(rows);
  // Saved answers found by meaning (README "Saved answers"): both sets written apart.
  console.table(
    ["saved-answers-dev.json", "saved-answers-heldout.json"].map((file) => {
      const groups = JSON.parse(
        fs.readFileSync(path.join(root, "test/fixtures", file), "utf8"),
      ) as SavedAnswerGroup[];
      const f = evaluateSavedAnswers(groups, model?.speller);
      return {
        set: file,
        "rewording finds its answer": `${(((f.reused + f.offered) / f.rewordings) * 100).toFixed(1)}% of ${f.rewordings}`,
        "given directly": f.reused,
        "given another's": f.wronglyReused,
        "near misses given one": `${f.nearMissesReused} of ${f.nearMisses}`,
        "near misses offered one": f.nearMissesOffered,
      };
    }),
  );
  const size = fs.existsSync(modelFile) ? fs.statSync(modelFile).size : 0;
  console.log(
    model
      ? `question model: ${(size / 1024).toFixed(0)} KB on disk, loaded in ${loadMs.toFixed(0)} ms`
      : "no question model (npm run qa:train): retrieval alone",
  );
  console.log(`indexing the policy once: ${indexMs.toFixed(2)} ms`);
  console.log(
    `written to ${writeResults("qaLatency", { indexMs, loadMs, modelBytes: size, rows })}`,
  );
}

if (require.main === module) {
  run().catch((error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(1);
  });
}
