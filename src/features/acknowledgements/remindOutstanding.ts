import { mayRemindOutstanding } from "../../domain/people/permissions";
import type { Person } from "../../domain/people/person";
import { accept, refuse, type Decision } from "../../domain/result";
import type { AcknowledgementServices } from "./acknowledgementServices";
import {
  countUnreachable,
  type UnreachableCounts,
} from "../../domain/acknowledgements/unreachable";
import { everyoneFor } from "./acknowledgementQueries";
import { sendReminders } from "./sendReminders";

/**
 * "Remind outstanding" from the dashboard: one reminder to everyone who has not acknowledged
 * (outstanding or overdue), as one outbox campaign whose progress the dashboard shows.
 * Pressing it twice within a minute sends nothing twice.
 */
export async function remindOutstanding(
  services: AcknowledgementServices,
  actor: Person,
  label: string,
): Promise<
  Decision<
    { campaign: string; queued: number; notReminded: number; notRemindedWhy: UnreachableCounts },
    "REMIND.ROLE" | "REMIND.UNKNOWN_VERSION" | "REMIND.SUPERSEDED"
  >
> {
  if (!mayRemindOutstanding(actor))
    return refuse("REMIND.ROLE", "Only the Headteacher and the policy owner can send reminders.");
  const version = await services.policyVersions.get(label);
  if (!version) return refuse("REMIND.UNKNOWN_VERSION", `There is no version ${label}.`);
  if ((await services.policyVersions.state(version)) === "superseded") {
    return refuse(
      "REMIND.SUPERSEDED",
      `Version ${label} has been replaced; remind people about the version in force instead.`,
    );
  }
  const all = await services.policyVersions.all();
  const previous = all.filter((v) => v.effectiveFrom < version.effectiveFrom)[0];
  const minute = services.clock.now().toISOString().slice(0, 16);
  const campaign = `remind:${label}:${minute}`;
  // Counted before sending: those already unreachable are not reminded, and the dashboard says why.
  const unreachable = (await everyoneFor(services, version)).filter(
    (r) => r.status === "undeliverable",
  );
  const queued = await sendReminders(
    services,
    version,
    previous,
    ["outstanding", "overdue"],
    campaign,
  );
  services.logger.info({ version: label, queued }, "reminders queued");
  return accept({
    campaign,
    queued,
    notReminded: unreachable.length,
    notRemindedWhy: countUnreachable(unreachable.map((r) => r.unreachableWhy ?? "notAccepted")),
  });
}
