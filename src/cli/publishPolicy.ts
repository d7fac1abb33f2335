import { parseArgs } from "node:util";
import { publishVersion } from "../app/policy/publishVersion";
import { startApp } from "../composition";
import { loadConfig } from "../config";
import { createLogger } from "../logging";
import { markdownToDocument, PolicyImportError, readPolicySource } from "../policy/importPolicy";

/*
 * `npm run publish:policy -- --file policy.docx --version 2025.09 --effective 2025-10-15
 *  --summary "..." --as liam.hyde@school.example`: publishes from the school's Word master or a
 * Markdown file into the same store the service uses (DATA_DIR or SharePoint). The running
 * service's outbox then notifies everyone. The person named by --as must be allowed to publish.
 */
const usage =
  "Usage: npm run publish:policy -- --file <policy.md|policy.docx> --version <label> --effective <YYYY-MM-DD> --summary <text> --as <email or aadObjectId>";

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
  if (!values.file || !values.version || !values.effective || !values.summary || !values.as) {
    console.error(usage);
    return 2;
  }
  const config = loadConfig();
  // The CLI shares the service's store and roster but listens nowhere and sends nothing itself.
  const app = await startApp({ ...config, port: 0, host: "127.0.0.1", outbox: { ...config.outbox, pollMs: 60_000 } }, createLogger("warn"), { background: false });
  try {
    const who = values.as.toLowerCase();
    const actor = (await app.services.directory.all()).find((p) => p.email.toLowerCase() === who || p.aadObjectId.toLowerCase() === who);
    if (!actor) {
      console.error(`${values.as} is not on the roster.`);
      return 1;
    }
    const current = await app.services.policyVersions.inForce();
    let document;
    try {
      const text = await readPolicySource(values.file);
      document = markdownToDocument(text, { label: values.version, effectiveFrom: values.effective, summary: values.summary }, current?.document ?? app.services.bundledPolicy);
    } catch (error) {
      if (error instanceof PolicyImportError) {
        console.error(`Not published: ${error.message}`);
        return 1;
      }
      throw error;
    }
    const result = await publishVersion(app.services, actor, { label: values.version, effectiveFrom: values.effective, summary: values.summary, document });
    if (!result.ok) {
      console.error(`Not published: ${result.reason}`);
      return 1;
    }
    const c = result.value.changes;
    console.log(
      `Published version ${values.version}, in force from ${values.effective}. ${result.value.notified} notifications queued.\n` +
        `Sections added: ${c.added.map((s) => s.heading).join(", ") || "none"}\n` +
        `Sections changed: ${c.changed.map((s) => s.heading).join(", ") || "none"}\n` +
        `Sections removed: ${c.removed.map((s) => s.heading).join(", ") || "none"}`,
    );
    return 0;
  } finally {
    await app.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
