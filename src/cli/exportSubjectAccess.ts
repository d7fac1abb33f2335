import fs from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import { buildServices } from "../composition";
import { loadConfig } from "../config";
import { personWithEmail } from "../domain/people/person";
import { createLogger } from "../logging";
import { collectPersonalData, holdsNothing, recordExported, sectionLength } from "./personalData";
import { runCli } from "./runCli";

/*
 * `npm run export:subject-access -- --email someone@school [--out file.json]` (or `--id
 * <aadObjectId>` for a leaver no longer on the roster): for the data controller answering a
 * subject access request. Reads the store the service uses (DATA_DIR or SharePoint) and writes
 * one JSON document of everything the product holds about the person; each misuse case
 * included is recorded in that case's audit trail.
 */
const usage =
  "Usage: npm run export:subject-access -- (--email <address> | --id <aadObjectId>) [--out <file.json>]";

/** Who ran the export, for the case audit: the tool and the operating-system account. */
function exportedBy(): string {
  let user = process.env.USER ?? process.env.USERNAME ?? "unknown";
  try {
    user = os.userInfo().username;
  } catch {
    // Containers may run as a uid with no account name: the environment's guess stands.
  }
  return `subject-access-export:${user}`;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { email: { type: "string" }, id: { type: "string" }, out: { type: "string" } },
  });
  if (!values.email === !values.id) {
    console.error(usage);
    return 2;
  }
  const config = loadConfig(process.env, "tool");
  // The service's store and roster, nothing sent; logs go to stderr so stdout is only the JSON.
  const app = await buildServices(config, createLogger("warn", process.stderr));
  try {
    const { services } = app;
    let personId = values.id?.trim() ?? "";
    let entry = personId ? await services.directory.find(personId) : undefined;
    if (values.email) {
      entry = personWithEmail(await services.directory.all(), values.email);
      if (!entry) {
        console.error(
          "Not exported: nobody on the roster has that email (for a leaver, use --id <aadObjectId>).",
        );
        return 2;
      }
      personId = entry.aadObjectId;
    }
    const now = services.clock.now().toISOString();
    const data = await collectPersonalData(services, personId, entry, now);
    if (!entry && holdsNothing(data)) {
      console.error("Not exported: nobody on the roster has that id, and no record holds it.");
      return 2;
    }
    await recordExported(services, data, { by: exportedBy(), at: now });
    const json = `${JSON.stringify(data, null, 2)}\n`;
    if (values.out) {
      // Owner-only: the file holds everything about the person.
      fs.writeFileSync(values.out, json, { mode: 0o600 });
      console.log(
        `Exported to ${values.out}: ${sectionLength(data, "acknowledgements")} acknowledgements, ${sectionLength(data, "questions")} questions, ${sectionLength(data, "proposedPosts")} posts, ${sectionLength(data, "misuseCases")} cases.`,
      );
    } else {
      // Piped stdout may be asynchronous: finish writing before the process exits.
      await new Promise<void>((resolve, reject) =>
        process.stdout.write(json, (error) => (error ? reject(error) : resolve())),
      );
    }
    return 0;
  } finally {
    await app.stop();
  }
}

runCli(main);
