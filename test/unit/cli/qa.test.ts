import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parsePolicyDocument } from "../../../src/domain/policy/policyDocument";
import { answerQuestion } from "../../../src/domain/qa/answerQuestion";
import { jsonLine, questionOf } from "../../../src/cli/qa";
import { packageRoot } from "../../../src/packageRoot";

/*
 * The evaluation contract of `npm run --silent qa -- --jsonl`. The spawn tests run the built
 * CLI (lib/, made by `npm run build`, which the full test run does first); the in-process tests
 * check the same shape without a build.
 */
const root = packageRoot();
const cli = path.join(root, "lib/src/cli/qa.js");
const bundled = path.join(root, "assets/policy/staff-social-media-policy.md");
const policyText = fs.readFileSync(bundled, "utf8");
const parsed = parsePolicyDocument(policyText);
if (!parsed.ok) throw new Error("the bundled policy does not parse");
const headings = new Set(parsed.document.sections.map((s) => s.heading));
const IP = "Respecting intellectual property and confidential information";

function run(input: string, args: string[] = ["--jsonl"], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [cli, ...args], {
    input,
    encoding: "utf8",
    cwd: os.tmpdir(), // the CLI finds the bundled policy from its own location, not the cwd
    env: { ...process.env, POLICY_FILE: "", UPCOMING_POLICY_FILE: "", ...env },
  });
}

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "qa-cli-"));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("npm run qa -- --jsonl (built CLI)", () => {
  const built = fs.existsSync(cli);
  if (!built) {
    test.skip(`skipped: ${cli} is not built yet (npm run build)`, () => {});
    return;
  }

  test("when questions arrive on stdin, then exactly one JSON answer per question comes out, in the agreed shape", () => {
    const input = [
      "Can I use the school logo on my blog?",
      '{"question": "What time does the canteen open?", "expect": []}',
      "",
      "   ",
      "Who approves posts before they go live on the school's social media?",
    ].join("\n");
    const result = run(input);
    expect(result.status).toBe(0);
    const lines = result.stdout.split("\n").filter((l) => l.length > 0);
    expect(lines).toHaveLength(3);
    const answers = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const a of answers) {
      expect(Object.keys(a).sort()).toEqual([
        "answer",
        "answered",
        "citations",
        "question",
        "suggestions",
      ]);
      for (const c of a.citations as Record<string, unknown>[]) {
        expect(Object.keys(c).sort()).toEqual(["heading", "quote"]);
        expect(headings.has(c.heading as string)).toBe(true);
      }
      for (const s of a.suggestions as Record<string, unknown>[]) {
        expect(Object.keys(s)).toEqual(["heading"]);
        expect(headings.has(s.heading as string)).toBe(true);
      }
    }
    expect(answers[0]).toMatchObject({
      question: "Can I use the school logo on my blog?",
      answered: true,
    });
    expect((answers[0]!.citations as { heading: string }[])[0]!.heading).toBe(IP);
    expect(answers[1]).toMatchObject({
      question: "What time does the canteen open?",
      answered: false,
      citations: [],
    });
    expect((answers[2]!.citations as { heading: string }[])[0]!.heading).toBe(
      "Staff Protocol for use of Social Media",
    );
  });

  test("when POLICY_FILE names another policy, then answers come from it", () => {
    const file = path.join(tmp, "renamed.md");
    fs.writeFileSync(file, policyText.replace(`## ${IP}`, "## Logos and secrets"));
    const result = run("Can I use the school logo on my blog?\n", ["--jsonl"], {
      POLICY_FILE: file,
    });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).citations[0].heading).toBe("Logos and secrets");
  });

  test("when an upcoming version changes the cited section, then the answer says so", () => {
    const file = path.join(tmp, "upcoming.md");
    fs.writeFileSync(
      file,
      policyText
        .replace(/^version: .*$/m, "version: 2027.01")
        .replace(/^effectiveFrom: .*$/m, "effectiveFrom: 2027-01-10")
        .replace("Staff must not use the School's logos", "Staff may use the School's logos"),
    );
    const result = run("Can I use the school logo on my blog?\n", ["--jsonl", "--upcoming", file]);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).answer).toMatch(
      /upcoming version \(2027\.01, effective 2027-01-10\) changes/,
    );
  });

  test("when the policy file is missing, then stdout stays empty and stderr says why", () => {
    const result = run("anything\n", ["--jsonl"], { POLICY_FILE: path.join(tmp, "missing.md") });
    expect(result.status).not.toBe(0);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/missing\.md: policy file not found/);
  });

  test("when run without --jsonl, then it answers in readable text with its sources", () => {
    const result = run("Can I use the school logo on my blog?\n", []);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`The policy says, under "${IP}"`);
    expect(result.stdout).toMatch(/Sources:\n {2}\[1\] Respecting intellectual property/);
  });
});

describe("the CLI's line handling (in process)", () => {
  test.each([
    ["Can I post photos?", "Can I post photos?"],
    ['  {"question": "Can I post photos?", "expect": []}  ', "Can I post photos?"],
    ['{"q": "no question field"}', '{"q": "no question field"}'],
    ["{not json", "{not json"],
    ["   ", ""],
  ])("when the line is %j, then the question is %j", (line, question) => {
    expect(questionOf(line)).toBe(question);
  });

  test("when an answer is written, then it has only the agreed fields, citations best first", () => {
    const answer = answerQuestion(parsed.document, "Can I use the school logo on my blog?");
    const line = JSON.parse(jsonLine("q", answer)) as { citations: { heading: string }[] };
    expect(Object.keys(line).sort()).toEqual([
      "answer",
      "answered",
      "citations",
      "question",
      "suggestions",
    ]);
    expect(line.citations.map((c) => c.heading)).toEqual(answer.citations.map((c) => c.heading));
    expect(line.citations[0]!.heading).toBe(IP);
  });

  test("when the engine offers Did you mean sections, then the line lists their headings best first", () => {
    const answer = {
      answered: false,
      answer: "not sure",
      citations: [],
      suggestions: [
        { sectionId: "monitoring", heading: "Monitoring" },
        { sectionId: "recruitment", heading: "Recruitment" },
      ],
    };
    const line = JSON.parse(jsonLine("q", answer)) as { suggestions: unknown };
    expect(line.suggestions).toEqual([{ heading: "Monitoring" }, { heading: "Recruitment" }]);
  });
});
