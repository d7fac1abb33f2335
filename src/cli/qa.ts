import path from "node:path";
import readline from "node:readline";
import { answerQuestion } from "../domain/qa/answerQuestion";
import { PassageIndex } from "../domain/qa/passageIndex";
import { packageRoot } from "../packageRoot";
import { loadPolicyFile } from "../policy/policyFile";

/*
 * `npm run --silent qa -- --jsonl`: one question per line in (plain text, or JSON with a
 * "question" field), one JSON answer per line out — for evaluation and for the policy owner
 * to try questions without Teams. Without --jsonl it answers interactively.
 */
function questionOf(line: string): string {
  const trimmed = line.trim();
  if (trimmed.startsWith("{")) {
    try {
      const parsed = JSON.parse(trimmed) as { question?: unknown };
      if (typeof parsed.question === "string") return parsed.question;
    } catch {
      // not JSON after all: treat the line as the question
    }
  }
  return trimmed;
}

async function main(): Promise<void> {
  const jsonl = process.argv.includes("--jsonl");
  const file = process.env.POLICY_FILE ?? path.join(packageRoot(), "assets/policy/staff-social-media-policy.md");
  const index = new PassageIndex(loadPolicyFile(file));
  const lines = readline.createInterface({ input: process.stdin, terminal: !jsonl && process.stdin.isTTY });
  if (!jsonl && process.stdin.isTTY) process.stdout.write("Ask a question about the policy (Ctrl+D to finish).\n> ");
  for await (const line of lines) {
    const question = questionOf(line);
    if (!question) continue;
    const answer = answerQuestion(index, question);
    if (jsonl) {
      process.stdout.write(
        `${JSON.stringify({
          question,
          answered: answer.answered,
          answer: answer.answer,
          citations: answer.citations.map((c) => ({ heading: c.heading, quote: c.quote })),
        })}\n`,
      );
    } else {
      process.stdout.write(`${answer.answer}\n`);
      for (const c of answer.citations.slice(1)) process.stdout.write(`  See also: ${c.heading}\n`);
      if (process.stdin.isTTY) process.stdout.write("> ");
    }
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
