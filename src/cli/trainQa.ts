import fs from "node:fs";
import path from "node:path";
import { trainQuestionModel } from "../domain/qa/questionModel";
import { packageRoot } from "../packageRoot";
import { loadPolicyFile } from "../policy/policyFile";
import { readQuestionBank, saveQuestionModel } from "../policy/questionModelFile";
import { runCli } from "./runCli";

/*
 * `npm run qa:train`: trains the question classifier from the policy and the question bank and
 * writes the model the bot loads at start-up. A school that edits its policy runs this (after
 * adding bank questions for new sections, if it can); a section with no bank questions is learnt
 * from its own text, and bank questions naming a section the policy no longer has are skipped.
 */
const USAGE = `Usage: npm run qa:train -- [--policy <policy.md>] [--bank <folder>] [--out <model.json>]
  --policy   the policy (default: POLICY_FILE or the bundled policy)
  --bank     folder with policy-questions*.jsonl and out-of-scope*.jsonl (default: assets/qa)
  --out      where the model is written (default: <bank>/question-model.json)`;

function argsOf(argv: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const m = /^--(policy|bank|out)(?:=(.*))?$/.exec(arg);
    if (!m) throw new Error(arg === "--help" ? USAGE : `unknown argument ${arg}\n${USAGE}`);
    const value = m[2] ?? argv[++i];
    if (!value) throw new Error(`${arg} needs a value\n${USAGE}`);
    out.set(m[1]!, value);
  }
  return out;
}

async function main(): Promise<number> {
  const root = packageRoot(__dirname);
  const args = argsOf(process.argv.slice(2));
  const policyFile =
    args.get("policy") ??
    (process.env.POLICY_FILE || path.join(root, "assets/policy/staff-social-media-policy.md"));
  const bank = args.get("bank") ?? path.join(root, "assets/qa");
  const out = args.get("out") ?? path.join(bank, "question-model.json");
  const policy = loadPolicyFile(policyFile);
  const files = fs.existsSync(bank) ? fs.readdirSync(bank).sort() : [];
  const questionsFile = path.join(bank, "policy-questions.jsonl");
  const questions = files
    .filter((f) => /^policy-questions.*\.jsonl$/.test(f))
    .flatMap((f) => readQuestionBank(path.join(bank, f)));
  const outOfScope = files
    .filter((f) => /^out-of-scope.*\.jsonl$/.test(f))
    .flatMap((f) => readQuestionBank(path.join(bank, f), true));

  const ids = new Set(policy.sections.map((s) => s.id));
  const unknown = questions.filter((q) => !q.sections.some((s) => ids.has(s)));
  const perSection = new Map(policy.sections.map((s) => [s.id, 0]));
  for (const q of questions)
    for (const s of q.sections.slice(0, 1))
      if (ids.has(s)) perSection.set(s, perSection.get(s)! + 1);
  const started = Date.now();
  const model = trainQuestionModel(policy, [...questions, ...outOfScope]);
  saveQuestionModel(out, model);

  console.log(
    `Trained on ${questions.length - unknown.length} policy questions, ${outOfScope.length} out-of-scope ` +
      `questions and the policy's own sentences (version ${policy.meta.version}) in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  );
  if (unknown.length > 0) {
    console.log(`Skipped ${unknown.length} questions naming sections this policy does not have.`);
  }
  const bare = policy.sections.filter((s) => perSection.get(s.id) === 0);
  for (const s of bare) {
    console.log(
      `No bank questions for "${s.heading}" {#${s.id}}: learnt from its text only; add some to ${questionsFile}.`,
    );
  }
  const asked = questions.filter((q) => q.sentence).length;
  const linked = Object.values(model.sentenceLinks ?? {}).reduce(
    (n, l) => n + l.of.filter((i) => i >= 0).length,
    0,
  );
  const questionsCount = (n: number) => `${n} question${n === 1 ? "" : "s"}`;
  console.log(
    `Sentence links kept for ${questionsCount(linked)} (the sentence their answer quotes).`,
  );
  if (asked > linked) {
    console.log(
      `Sentence links dropped for ${questionsCount(asked - linked)}: this policy no longer has the "sentence" named (edited or moved); copy the new sentence into those bank lines.`,
    );
  }
  console.log(`Model written to ${out} (${(fs.statSync(out).size / 1024).toFixed(0)} KB).`);
  return 0;
}

if (require.main === module) runCli(main);
