import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { packageRoot } from "../../../src/packageRoot";

const cli = path.join(packageRoot(), "lib/src/cli/qa.js");

describe("npm run qa -- --jsonl", () => {
  (fs.existsSync(cli) ? test : test.skip)("when questions arrive on stdin, then one JSON answer per line comes out in the agreed shape", () => {
    const input = ['Can I use the school logo on my blog?', '{"question": "What time does the canteen open?", "expect": []}', ""].join("\n");
    const run = spawnSync(process.execPath, [cli, "--jsonl"], { input, encoding: "utf8" });
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toEqual({
      question: "Can I use the school logo on my blog?",
      answered: true,
      answer: expect.any(String),
      citations: expect.arrayContaining([{ heading: "Respecting intellectual property and confidential information", quote: expect.any(String) }]),
    });
    expect(lines[0].citations[0].heading).toBe("Respecting intellectual property and confidential information");
    expect(lines[1]).toMatchObject({ question: "What time does the canteen open?", answered: false, citations: [] });
  });
});
