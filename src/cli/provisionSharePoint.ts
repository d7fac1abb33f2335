import { ConfigError, loadConfig } from "../config";
import { graphFor } from "../graph/graphAccess";
import { createLogger } from "../logging";
import { ALL_RECORD_KINDS as RECORD_KINDS } from "../features/allRecordKinds";
import {
  describeReport,
  provisionSharePoint,
  type ProvisionReport,
} from "../store/sharepoint/provisioning";

/*
 * npm run provision:sharepoint — creates the lists, columns and indexes the SharePoint store needs
 * on SHAREPOINT_SITE_ID, for every record kind the app keeps. Safe to run again: it adds only
 * what is missing and says what it added. Uses the same settings as the server (env or .env).
 */
export async function runProvisioning(
  env: NodeJS.ProcessEnv,
  print: (line: string) => void,
): Promise<ProvisionReport> {
  // Provisioning is about SharePoint whatever STORE says: check the settings it needs.
  const config = loadConfig({ ...env, STORE: "sharepoint" }, "tool");
  const logger = createLogger(config.logLevel === "info" ? "warn" : config.logLevel);
  const graph = graphFor(config, logger);
  if (!graph || config.store.kind !== "sharepoint")
    throw new Error("Microsoft Graph credentials are not configured");
  print(
    `Provisioning ${RECORD_KINDS.length} lists on ${config.store.siteId} through ${config.graph.baseUrl}`,
  );
  const report = await provisionSharePoint(graph, config.store.siteId, RECORD_KINDS, logger);
  print(describeReport(report));
  const added =
    report.createdLists.length + report.createdColumns.length + report.indexedColumns.length;
  print(added ? `Done: ${added} change(s).` : "Done: nothing was missing.");
  return report;
}

if (require.main === module) {
  runProvisioning(process.env, (line) => process.stdout.write(`${line}\n`)).catch(
    (error: Error) => {
      console.error(
        error instanceof ConfigError ? error.message : `Provisioning failed: ${error.message}`,
      );
      process.exit(1);
    },
  );
}
