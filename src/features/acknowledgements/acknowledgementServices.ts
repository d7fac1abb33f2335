import type { AppServices } from "../../app/services";

/**
 * What policy versions and acknowledgements use of the app's services: the ports, the outbox,
 * the published versions and the bundled one, the links to the dashboard and the policy page,
 * and the module's own settings (grace and reminder days).
 */
export type AcknowledgementServices = Pick<
  AppServices,
  | "store"
  | "directory"
  | "clock"
  | "ids"
  | "logger"
  | "outbox"
  | "schoolTimeZone"
  | "policyVersions"
  | "bundledPolicy"
  | "publicUrl"
  | "dashboardUrlFor"
  | "acknowledgements"
>;
