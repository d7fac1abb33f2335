import { parseArgs } from "node:util";
import { buildServices } from "../composition";
import { loadConfig } from "../config";
import { personWithEmail, type Person } from "../domain/people/person";
import {
  currentDraftRevision,
  draftFromText,
  publishApprovedDraft,
  recordGovernorsApproval,
} from "../features/governorsApproval/policyDrafts";
import { createLogger } from "../logging";
import { PolicyImportError, readPolicySource } from "../policy/importPolicy";
import type { AppServices } from "../app/services";
import { runCli } from "./runCli";

/*
 * The same use cases as the bot, from the command line, on the service's store (DATA_DIR or
 * SharePoint); it listens nowhere and sends nothing itself: the running service's outbox does.
 *
 *   Prepare a new version (it goes to the Chair of Governors for approval):
 *     npm run publish:policy -- --file policy.docx --version 2025.09 --effective 2025-10-15 --summary "..." --as owner@school
 *   Record the governors' approval (the Chair), which publishes it if the date still gives a month's notice:
 *     npm run publish:policy -- --record-approval --version 2025.09 --body "LGB" --meeting "Summer term" --date 2025-06-26 --as chair@school
 *   Publish an approved version on a new date:
 *     npm run publish:policy -- --publish-approved --version 2025.09 --effective 2025-11-01 --as owner@school
 */
const usage =
  "Usage: npm run publish:policy -- --file <policy.md|policy.docx> --version <label> --effective <YYYY-MM-DD> --summary <text> --as <email or aadObjectId>\n" +
  '--version, --effective and --summary may instead be written on the Word document\'s cover page ("Version: 2025.09", "Effective from: 15/10/2025", "Summary: ...") or in the Markdown front matter (version, effectiveFrom, summary); the options win.\n' +
  "The version then waits for the governors: --record-approval --version <label> --body <governors' body> --meeting <meeting> --date <YYYY-MM-DD> --as <the Chair>\n" +
  "and, if its date no longer gives a month's notice: --publish-approved --version <label> --effective <YYYY-MM-DD> --as <the owner>";

function personFor(people: readonly Person[], who: string): Person | undefined {
  return (
    personWithEmail(people, who) ??
    people.find((p) => p.aadObjectId.toLowerCase() === who.trim().toLowerCase())
  );
}

async function prepare(
  services: AppServices,
  actor: Person,
  values: Record<string, string | boolean | undefined>,
): Promise<number> {
  const file = values.file as string | undefined;
  if (!file) {
    console.error(usage);
    return 2;
  }
  let source;
  try {
    source = await readPolicySource(file);
  } catch (error) {
    if (error instanceof PolicyImportError) {
      console.error(`Not sent: ${error.message}`);
      return 1;
    }
    throw error;
  }
  const details = {
    label: (values.version as string | undefined) ?? source.header.label,
    effectiveFrom: (values.effective as string | undefined) ?? source.header.effectiveFrom,
    summary: (values.summary as string | undefined) ?? source.header.summary,
  };
  const missing = [
    ["--version", details.label],
    ["--effective", details.effectiveFrom],
    ["--summary", details.summary],
  ].filter(([, v]) => !v);
  if (!details.label || !details.effectiveFrom || !details.summary) {
    console.error(
      `Not sent: ${missing.map(([flag]) => flag).join(", ")} not given, and not found in the document.\n${usage}`,
    );
    return 2;
  }
  const request = {
    label: details.label,
    effectiveFrom: details.effectiveFrom,
    summary: details.summary,
  };
  // The same use case as the owner's card and the Word master sent in chat.
  const result = await draftFromText(services, actor, {
    ...request,
    text: source.text,
    source: file.toLowerCase().endsWith(".docx") ? "word" : "markdown",
    fileName: file.split(/[\\/]/).pop(),
  });
  if (!result.ok) {
    console.error(`Not sent: ${result.reason}`);
    return 1;
  }
  const c = result.value.changes;
  console.log(
    `Version ${request.label} is waiting for the governors' approval (the Chair of Governors records it on their card); once approved it is published, in force from ${request.effectiveFrom}.\n` +
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
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      file: { type: "string" },
      version: { type: "string" },
      effective: { type: "string" },
      summary: { type: "string" },
      as: { type: "string" },
      "record-approval": { type: "boolean" },
      "publish-approved": { type: "boolean" },
      body: { type: "string" },
      meeting: { type: "string" },
      date: { type: "string" },
    },
  });
  if (!values.as || (!values.file && !values["record-approval"] && !values["publish-approved"])) {
    console.error(usage);
    return 2;
  }
  // The service's store and roster, with no server: nothing listens, nothing is sent from here.
  const built = await buildServices(loadConfig(process.env, "tool"), createLogger("warn"));
  try {
    const { services } = built;
    const actor = personFor(await services.directory.all(), values.as);
    if (!actor) {
      console.error(`${values.as} is not on the roster.`);
      return 1;
    }
    if (values["record-approval"]) {
      if (!values.version || !values.body || !values.meeting || !values.date) {
        console.error(usage);
        return 2;
      }
      const recorded = await recordGovernorsApproval(services, actor, values.version, {
        body: values.body,
        meeting: values.meeting,
        date: values.date,
        revision: (await currentDraftRevision(services, values.version)) ?? 0,
      });
      if (!recorded.ok) {
        console.error(`Not recorded: ${recorded.reason}`);
        return 1;
      }
      console.log(
        recorded.value.published
          ? `Approval recorded. Version ${values.version} is published, in force from ${recorded.value.draft.effectiveFrom}. ${recorded.value.notified} notifications queued.`
          : `Approval recorded. Not yet published: ${recorded.value.publishRefusal ?? ""} Publish it with --publish-approved.`,
      );
      return 0;
    }
    if (values["publish-approved"]) {
      if (!values.version || !values.effective) {
        console.error(usage);
        return 2;
      }
      const published = await publishApprovedDraft(
        services,
        actor,
        values.version,
        values.effective,
      );
      if (!published.ok) {
        console.error(`Not published: ${published.reason}`);
        return 1;
      }
      console.log(
        `Published version ${values.version}, in force from ${published.value.draft.effectiveFrom}. ${published.value.notified} notifications queued.`,
      );
      return 0;
    }
    return await prepare(services, actor, values);
  } finally {
    await built.stop();
  }
}

runCli(main);
