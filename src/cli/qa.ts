import path from "node:path";
import readline from "node:readline";
import type { PolicyDocument } from "../domain/policy/policyDocument";
import { answerQuestion, type Answer } from "../domain/qa/answerQuestion";
import { packageRoot } from "../packageRoot";
import { loadPolicyFile } from "../policy/policyFile";
import { loadQuestionModel } from "../policy/questionModelFile";

/*
 * `npm run --silent qa -- --jsonl`: one question per line on stdin (plain text, or a JSON object
 * with a "question" field), exactly one JSON answer per line on stdout, for evaluation. Without
 * --jsonl it answers interactively, for the policy owner to try questions without Teams.
 *
 * The policy is POLICY_FILE or the bundled one; `--upcoming <file>` (or UPCOMING_POLICY_FILE)
 * adds the next version, so answers say when it changes a cited section. In --jsonl mode stdout
 * carries the answers and nothing else; problems go to stderr with a non-zero exit.
 */
const USAGE = `Usage: npm run --silent qa -- [--jsonl] [--upcoming <policy.md>]
  --jsonl              one question per line in (text or {"question": ...}), one JSON answer per line out
  --upcoming <file>    the next version of the policy (also UPCOMING_POLICY_FILE)
Environment: POLICY_FILE (default: the bundled policy), QA_MODEL_FILE (default: the trained model)`;

interface Options {
  readonly jsonl: boolean;
  readonly upcomingFile?: string;
}

function parseArgs(argv: readonly string[]): Options | "help" {
  let jsonl = false;
  let upcomingFile = process.env.UPCOMING_POLICY_FILE || undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--jsonl") jsonl = true;
    else if (arg === "--upcoming" && argv[i + 1]) upcomingFile = argv[++i];
    else if (arg.startsWith("--upcoming=")) upcomingFile = arg.slice("--upcoming=".length);
    else if (arg === "--help" || arg === "-h") return "help";
    else throw new Error(`unknown argument ${arg}\n${USAGE}`);
  }
  return upcomingFile ? { jsonl, upcomingFile } : { jsonl };
}

/** A line is the question itself, or JSON carrying it (the eval files' shape). */
export function questionOf(line: string): string {
  const trimmed = line.trim();
  if (trimmed.startsWith("{")) {
    try {
      const parsed = JSON.parse(trimmed) as { question?: unknown };
      if (typeof parsed.question === "string") return parsed.question;
    } catch {
      // Not JSON after all: the line is the question.
    }
  }
  return trimmed;
}

/**
 * The agreed evaluation shape: headings exactly as the policy writes them, best first, and the
 * "Did you mean…" sections when the engine was unsure.
 */
export function jsonLine(question: string, answer: Answer): string {
  return JSON.stringify({
    question,
    answered: answer.answered,
    answer: answer.answer,
    citations: answer.citations.map((c) => ({ heading: c.heading, quote: c.quote })),
    suggestions: answer.suggestions.map((s) => ({ heading: s.heading })),
  });
}

function readable(answer: Answer): string {
  if (!answer.answered) {
    const others = answer.suggestions.map((s) => `  - ${s.heading}`).join("\n");
    return `${answer.answer}\n${others ? `Did you mean:\n${others}\n` : ""}`;
  }
  const sources = answer.citations.map((c, i) => `  [${i + 1}] ${c.heading}`).join("\n");
  const others = answer.suggestions.map((s) => `  - ${s.heading}`).join("\n");
  return `${answer.answer}\nSources:\n${sources}\n${others ? `Did you mean:\n${others}\n` : ""}`;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  if (options === "help") {
    process.stderr.write(`${USAGE}\n`);
    return;
  }
  const file =
    process.env.POLICY_FILE ||
    path.join(packageRoot(__dirname), "assets/policy/staff-social-media-policy.md");
  const policy = loadPolicyFile(file);
  // The trained classifier beside the bundled policy (QA_MODEL_FILE to choose another).
  const model = loadQuestionModel(
    process.env.QA_MODEL_FILE || path.join(packageRoot(__dirname), "assets/qa/question-model.json"),
  );
  const upcoming: PolicyDocument | undefined = options.upcomingFile
    ? loadPolicyFile(options.upcomingFile)
    : undefined;
  const interactive = !options.jsonl && process.stdin.isTTY === true;
  // A reader that has gone away (`| head`) is not an error worth a stack trace.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  const prompt = () => {
    if (interactive) process.stdout.write("> ");
  };
  if (interactive) {
    process.stdout.write(
      `Ask a question about the ${policy.meta.title} (version ${policy.meta.version}). Ctrl+D to finish.\n`,
    );
  }
  prompt();
  for await (const line of lines) {
    const question = questionOf(line);
    if (!question) {
      prompt();
      continue;
    }
    const answer = answerQuestion(policy, question, {
      ...(upcoming ? { upcoming } : {}),
      ...(model ? { model } : {}),
    });
    process.stdout.write(options.jsonl ? `${jsonLine(question, answer)}\n` : readable(answer));
    prompt();
  }
}

if (require.main === module) {
  main().catch((error: Error) => {
    process.stderr.write(`qa: ${error.message}\n`);
    process.exit(1);
  });
}
