import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { docxToMarkdown } from "../../src/policy/importPolicy";
import { packageRoot } from "../../src/packageRoot";
import { SqliteStore } from "../../src/store/sqlite/sqliteStore";
import { policyVersionKind } from "../../src/app/policy/policyRecords";
import { outboxKind } from "../../src/outbox/outboxMessage";
import { findAll } from "../../src/store/findAll";
import { minimalDocx } from "../support/minimalDocx";
import { personWith } from "../support/sampleRoster";
import { present } from "../support/present";

const cli = path.join(packageRoot(), "lib/src/cli/publishPolicy.js");
const built = present(cli, "the built CLI (npm run build)") ? test : test.skip;
const bundled = fs.readFileSync(
  path.join(packageRoot(), "assets/policy/staff-social-media-policy.md"),
  "utf8",
);

/** The bundled policy as the school's Word master, one paragraph per line, headings styled. */
function wordMaster(extraSection?: [string, string], cover: readonly string[] = []): Buffer {
  const lines: string[] = [...cover];
  for (const line of bundled.slice(bundled.indexOf("## Introduction")).split("\n")) {
    const heading = /^## (.+?)\s*(\{#.*\})?$/.exec(line);
    if (heading) lines.push(`# ${heading[1]}`);
    else if (line.trim()) lines.push(line.replace(/^- /, ""));
  }
  if (extraSection) lines.push(`# ${extraSection[0]}`, extraSection[1]);
  return minimalDocx(lines);
}

describe("publishing from the command line", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "publish-cli-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const effective = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
  const run = (args: string[]) =>
    spawnSync(process.execPath, ["--disable-warning=DEP0111", cli, ...args], {
      encoding: "utf8",
      env: { ...process.env, DATA_DIR: path.join(dir, "data"), LOG_LEVEL: "silent" },
    });

  test("when a Word document is read, then its headings become sections", async () => {
    const markdown = await docxToMarkdown(wordMaster());
    expect(markdown).toContain("## Monitoring");
    expect(markdown).toContain("## Staff Protocol for use of Social Media");
  });

  built(
    "when the owner sends the Word master with a new section, then it waits for the governors; once the Chair records their approval it is stored with stable ids and everyone is queued",
    async () => {
      const file = path.join(dir, "policy.docx");
      fs.writeFileSync(
        file,
        wordMaster(["Artificial intelligence tools", "Do not put pupils' data into AI tools."]),
      );
      const result = run([
        "--file",
        file,
        "--version",
        "2099.01",
        "--effective",
        effective,
        "--summary",
        "AI tools",
        "--as",
        personWith("aht-digital").email,
      ]);
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
      expect(result.stdout).toContain("Version 2099.01 is waiting for the governors' approval");
      expect(result.stdout).toContain("Sections added: Artificial intelligence tools");
      expect(result.stdout).toContain("Sections changed: none");
      const early = run([
        "--publish-approved",
        "--version",
        "2099.01",
        "--effective",
        effective,
        "--as",
        personWith("aht-digital").email,
      ]);
      expect(early.status).toBe(1);
      expect(early.stderr).toMatch(/record their approval of this draft first/);
      const today = new Date().toISOString().slice(0, 10);
      const notChair = run([
        "--record-approval",
        "--version",
        "2099.01",
        "--body",
        "LGB",
        "--meeting",
        "Autumn",
        "--date",
        today,
        "--as",
        personWith("headteacher").email,
      ]);
      expect(notChair.status).toBe(1);
      expect(notChair.stderr).toMatch(/Only the Chair of Governors/);
      const approved = run([
        "--record-approval",
        "--version",
        "2099.01",
        "--body",
        "LGB",
        "--meeting",
        "Autumn",
        "--date",
        today,
        "--as",
        personWith("chair-of-governors").email,
      ]);
      expect(approved.stderr).toBe("");
      expect(approved.stdout).toContain(
        `Approval recorded. Version 2099.01 is published, in force from ${effective}.`,
      );
      const store = SqliteStore.inDataDir(path.join(dir, "data"));
      try {
        const version = await store.collection(policyVersionKind).get("2099.01");
        expect(version?.data.document.sections.map((s) => s.id)).toContain("monitoring");
        expect(version?.data.document.sections.map((s) => s.id)).toContain("introduction-equality");
        const queued = await findAll(store.collection(outboxKind), {
          where: { campaign: "notice:2099.01" },
        });
        expect(queued.length).toBeGreaterThanOrEqual(12);
      } finally {
        await store.close();
      }
    },
  );

  built(
    "when the Word master's cover page gives the version, date and summary, then no options are needed beyond who publishes",
    () => {
      // 2099.01 from the test above is pending and only one change may be, so a fresh store.
      const file = path.join(dir, "cover.docx");
      const [y, m, d] = effective.split("-");
      const cover = [
        "**Beacon Academy**",
        "Staff Social Media Policy",
        "Version: 2099.09",
        `| Effective from | ${d}/${m}/${y} |`,
        "Summary: Adds podcasts.",
      ];
      fs.writeFileSync(
        file,
        wordMaster(["Podcasts", "Staff podcasts follow the Staff Protocol."], cover),
      );
      const fresh = spawnSync(
        process.execPath,
        ["--disable-warning=DEP0111", cli, "--file", file, "--as", personWith("headteacher").email],
        {
          encoding: "utf8",
          env: { ...process.env, DATA_DIR: path.join(dir, "data-cover"), LOG_LEVEL: "silent" },
        },
      );
      expect(fresh.stderr).toBe("");
      expect(fresh.status).toBe(0);
      expect(fresh.stdout).toContain(
        `Version 2099.09 is waiting for the governors' approval (the Chair of Governors records it on their card); once approved it is published, in force from ${effective}.`,
      );
      expect(fresh.stdout).toContain("Sections added: Podcasts");
      expect(fresh.stdout).toContain(
        'Left out as the cover page (before the first heading): "Beacon Academy", "Staff Social Media Policy"',
      );
    },
  );

  built(
    "when the details are neither given nor in the document, then it says which are missing",
    () => {
      const file = path.join(dir, "bare.docx");
      fs.writeFileSync(file, wordMaster());
      const result = run(["--file", file, "--as", personWith("headteacher").email]);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain(
        "--version, --effective, --summary not given, and not found in the document.",
      );
    },
  );

  built(
    "when a teacher or short notice is given, then nothing is published and the reason is printed",
    () => {
      const file = path.join(dir, "policy2.docx");
      fs.writeFileSync(file, wordMaster(["Another", "Text."]));
      const teacher = run([
        "--file",
        file,
        "--version",
        "2099.02",
        "--effective",
        effective,
        "--summary",
        "x",
        "--as",
        personWith("staff").email,
      ]);
      expect(teacher.status).toBe(1);
      expect(teacher.stderr).toMatch(/Only the policy owner/);
      const soon = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
      const short = run([
        "--file",
        file,
        "--version",
        "2099.03",
        "--effective",
        soon,
        "--summary",
        "x",
        "--as",
        personWith("headteacher").email,
      ]);
      expect(short.status).toBe(1);
      expect(short.stderr).toMatch(/earliest effective date is/);
      const missing = run(["--version", "x"]);
      expect(missing.status).toBe(2);
      expect(missing.stderr).toMatch(/Usage/);
    },
  );
});
