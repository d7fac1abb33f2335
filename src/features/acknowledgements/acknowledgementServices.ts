import type { AppServices } from "../../app/services";

/**
 * What policy versions and acknowledgements use of the app's services: the ports, the outbox,
 * the published versions and the bundled one, the links to the dashboard and the policy page,
 * the module's own settings (grace and reminder days), and the cards port that turns its views
 * into the messages the outbox stores.
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
  | "acknowledgementCards"
>;
