import {
  acknowledgementId,
  mayAcknowledge,
  type AcknowledgementRecord,
} from "../../domain/acknowledgements/acknowledgement";
import type { Person } from "../../domain/people/person";
import { accept, type Decision } from "../../domain/result";
import type { CardMessage } from "../../ports";
import type { AcknowledgementServices } from "./acknowledgementServices";
import { acknowledgementKind } from "./acknowledgementRecords";
import { refreshAfterAcknowledgement } from "./policyStatus";

/**
 * "I have read and understood": one record per person and version. A double click, a retry or
 * two instances racing all end with the same single record, and everyone sees the same receipt.
 */
export async function acknowledge(
  services: AcknowledgementServices,
  person: Person,
  label: string,
  channel: string,
): Promise<
  | Decision<{ record: AcknowledgementRecord; card: CardMessage; firstTime: boolean }>
  | (Decision<never> & { offer?: CardMessage })
> {
  const versions = services.policyVersions;
  const all = await versions.all();
  const version = all.find((v) => v.label === label) ?? (await versions.get(label));
  const allowed = mayAcknowledge(person, version, all, versions.today());
  if (!allowed.ok) {
    const current = await versions.inForce();
    // A superseded version: the card of the one in force instead, saying why.
    const offer =
      allowed.code === "ACK.SUPERSEDED" && current
        ? await acknowledgementCardFor(services, person, current.label, undefined, allowed.reason)
        : undefined;
    return { ...allowed, ...(offer ? { offer } : {}) };
  }
  const record: AcknowledgementRecord = {
    version: allowed.value.label,
    aadObjectId: person.aadObjectId,
    acknowledgedAt: services.clock.now().toISOString(),
    channel,
  };
  const created = await services.store
    .collection(acknowledgementKind)
    .create(acknowledgementId(record.version, record.aadObjectId), record);
  const kept = created.ok ? created.record.data : created.existing.data;
  const previous = all.filter((v) => v.effectiveFrom < allowed.value.effectiveFrom)[0];
  const card = services.acknowledgementCards.notice({
    version: allowed.value,
    previous,
    publicUrl: services.publicUrl,
    timeZone: services.schoolTimeZone,
    acknowledgedAt: kept.acknowledgedAt,
  });
  if (created.ok) {
    services.logger.info({ version: record.version, channel }, "policy acknowledged");
    await refreshAfterAcknowledgement(services, person, record.version, card);
  }
  return accept({ record: kept, card, firstTime: created.ok });
}

/** The card for a version as this person should see it now: the button, or their receipt. */
export async function acknowledgementCardFor(
  services: AcknowledgementServices,
  person: Person,
  label: string,
  /** The person's acknowledgement of `label`, when the caller has just read it. */
  known?: { readonly acknowledgedAt: string | undefined },
  /** Why this card is shown instead of the one asked for. */
  note?: string,
): Promise<CardMessage | undefined> {
  const all = await services.policyVersions.all();
  const version = all.find((v) => v.label === label);
  if (!version) return undefined;
  const acknowledgedAt = known
    ? known.acknowledgedAt
    : (
        await services.store
          .collection(acknowledgementKind)
          .get(acknowledgementId(label, person.aadObjectId))
      )?.data.acknowledgedAt;
  const previous = all.filter((v) => v.effectiveFrom < version.effectiveFrom)[0];
  return services.acknowledgementCards.notice({
    version,
    previous,
    publicUrl: services.publicUrl,
    timeZone: services.schoolTimeZone,
    acknowledgedAt,
    ...(note ? { note } : {}),
  });
}
