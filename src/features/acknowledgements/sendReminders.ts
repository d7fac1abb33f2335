import type { AckStatus } from "../../domain/acknowledgements/acknowledgement";
import type { PolicyVersion } from "../../domain/policy/policyVersion";
import type { AcknowledgementServices } from "./acknowledgementServices";
import { everyoneFor } from "./acknowledgementQueries";

/**
 * One reminder card to everyone in the given states for a version, as one outbox campaign:
 * shared by the scheduled reminders and the dashboard's "Remind outstanding".
 */
export async function sendReminders(
  services: AcknowledgementServices,
  version: PolicyVersion,
  previous: PolicyVersion | undefined,
  statuses: readonly AckStatus[],
  campaign: string,
): Promise<number> {
  const card = services.acknowledgementCards.notice({
    version,
    previous,
    publicUrl: services.publicUrl,
    timeZone: services.schoolTimeZone,
    reminder: true,
  });
  const waiting = (await everyoneFor(services, version)).filter((r) => statuses.includes(r.status));
  return services.outbox.enqueueAll(
    waiting.map((r) => ({
      key: `${campaign}:${r.aadObjectId}`,
      recipient: r.aadObjectId,
      purpose: "reminder",
      campaign,
      card,
    })),
  );
}
