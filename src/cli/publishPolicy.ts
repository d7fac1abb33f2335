import { parseArgs } from "node:util";
import { publishVersion } from "../app/policy/publishVersion";
import { startApp } from "../composition";
import { loadConfig } from "../config";
import { personWithEmail } from "../domain/people/person";
import { createLogger } from "../logging";
import { markdownToDocument, PolicyImportError, readPolicySource } from "../policy/importPolicy";
import { runCli } from "./runCli";

/*
 * `npm run publish:policy -- --file policy.docx --version 2025.09 --effective 2025-10-15
 *  --summary "..." --as liam.hyde@school.example`: publishes from the school's Word master or a
 * Markdown file into the same store the service uses (DATA_DIR or SharePoint). The running
 * service's outbox then notifies everyone. The person named by --as must be allowed to publish.
 */
const usage =
  "Usage: npm run publish:policy -- --file <policy.md|policy.docx> --version <label> --effective <YYYY-MM-DD> --summary <text> --as <email or aadObjectId>\n" +
  '--version, --effective and --summary may instead be written on the Word document\'s cover page ("Version: 2025.09", "Effective from: 15/10/2025", "Summary: ...") or in the Markdown front matter (version, effectiveFrom, summary); the options win.';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      file: { type: "string" },
      version: { type: "string" },
      effective: { type: "string" },
      summary: { type: "string" },
      as: { type: "string" },
    },
  });
  if (!values.file || !values.as) {
    console.error(usage);
    return 2;
  }
  let source;
  try {
    source = await readPolicySource(values.file);
  } catch (error) {
    if (error instanceof PolicyImportError) {
      console.error(`Not published: ${error.message}`);
      return 1;
    }
    throw error;
  }
  const details = {
    label: values.version ?? source.header.label,
    effectiveFrom: values.effective ?? source.header.effectiveFrom,
    summary: values.summary ?? source.header.summary,
  };
  const missing = [
    ["--version", details.label],
    ["--effective", details.effectiveFrom],
    ["--summary", details.summary],
  ].filter(([, v]) => !v);
  if (!details.label || !details.effectiveFrom || !details.summary) {
    console.error(
      `Not published: ${missing.map(([flag]) => flag).join(", ")} not given, and not found in the document.\n${usage}`,
    );
    return 2;
  }
  const request = {
    label: details.label,
    effectiveFrom: details.effectiveFrom,
    summary: details.summary,
  };
  const config = loadConfig();
  // The CLI shares the service's store and roster but listens nowhere and sends nothing itself.
  const app = await startApp(
    { ...config, port: 0, host: "127.0.0.1", outbox: { ...config.outbox, pollMs: 60_000 } },
    createLogger("warn"),
    { background: false },
  );
  try {
    const people = await app.services.directory.all();
    const who = values.as;
    const actor =
      personWithEmail(people, who) ?? people.find((p) => p.aadObjectId.toLowerCase() === who.trim().toLowerCase());
    if (!actor) {
      console.error(`${values.as} is not on the roster.`);
      return 1;
    }
    const current = await app.services.policyVersions.inForce();
    let document;
    try {
      document = markdownToDocument(
        source.text,
        request,
        current?.document ?? app.services.bundledPolicy,
      );
    } catch (error) {
      if (error instanceof PolicyImportError) {
        console.error(`Not published: ${error.message}`);
        return 1;
      }
      throw error;
    }
    const result = await publishVersion(app.services, actor, { ...request, document });
    if (!result.ok) {
      console.error(`Not published: ${result.reason}`);
      return 1;
    }
    const c = result.value.changes;
    console.log(
      `Published version ${request.label}, in force from ${request.effectiveFrom}. ${result.value.notified} notifications queued.\n` +
        `Sections added: ${c.added.map((s) => s.heading).join(", ") || "none"}\n` +
        `Sections changed: ${c.changed.map((s) => s.heading).join(", ") || "none"}\n` +
        `Sections removed: ${c.removed.map((s) => s.heading).join(", ") || "none"}`,
    );
    if (source.ignored.length > 0) {
      console.log(
        `Left out as the cover page (before the first heading): ${source.ignored.map((t) => `"${t.slice(0, 60)}"`).join(", ")}`,
      );
    }
    return 0;
  } finally {
    await app.stop();
  }
}

runCli(main);
