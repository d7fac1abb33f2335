import type { AppServices } from "./services";

/** Display names by aadObjectId, read once, for naming several people on one card or page. */
export async function displayNames(
  services: Pick<AppServices, "directory">,
): Promise<ReadonlyMap<string, string>> {
  return new Map((await services.directory.all()).map((p) => [p.aadObjectId, p.displayName]));
}
