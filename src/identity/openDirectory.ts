import type { Config } from "../config";
import type { Directory, Logger } from "../ports";
import type { GraphApi } from "../graph/graphClient";
import { CsvRoster } from "./csvRoster";
import { EntraRoster } from "./entraRoster";

/** The roster the configuration names: the CSV file, or the Entra groups (refreshed on a schedule). */
export async function openDirectory(
  config: Config,
  graph: GraphApi | undefined,
  logger: Logger,
): Promise<{ directory: Directory; stop(): void }> {
  if (config.roster.source === "csv")
    return { directory: CsvRoster.load(config.rosterFile), stop: () => undefined };
  if (!graph) throw new Error("ROSTER_SOURCE=entra needs Microsoft Graph credentials");
  const roster = await EntraRoster.load(
    graph,
    {
      staffGroupId: config.roster.staffGroupId,
      ...(config.roster.guestGroupId ? { guestGroupId: config.roster.guestGroupId } : {}),
      roleGroups: config.roster.roleGroups,
      refreshMs: config.roster.refreshMinutes * 60_000,
    },
    logger.child({ component: "roster" }),
  );
  roster.start();
  return { directory: roster, stop: () => roster.stop() };
}
