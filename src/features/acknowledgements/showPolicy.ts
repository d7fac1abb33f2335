import type { Person } from "../../domain/people/person";
import type { CardMessage } from "../../ports";
import { acknowledgementCardFor } from "./acknowledge";
import type { AcknowledgementServices } from "./acknowledgementServices";
import {
  acknowledgementCardKeep,
  policyStandingOf,
  policyStatusCard,
  policyStatusKeep,
} from "./policyStatus";

/** A card shown in reply, kept in the outbox as sent so a later change updates it in place. */
export interface KeptCard {
  readonly card: CardMessage;
  readonly keep: { readonly key: string; readonly purpose: string };
}

/**
 * "policy": where the person stands, then the card to acknowledge each version they have not
 * (in force, then upcoming). Every card is kept, so acknowledging later updates them in place.
 */
export async function showPolicyStatus(
  services: AcknowledgementServices,
  person: Person,
): Promise<KeptCard[]> {
  // Each acknowledgement is read once, for the status card and the cards to acknowledge alike.
  const standing = await policyStandingOf(services, person);
  const shown: KeptCard[] = [
    {
      card: await policyStatusCard(services, person, standing),
      keep: policyStatusKeep(services, person),
    },
  ];
  for (const v of [standing.current, standing.upcoming]) {
    if (!v || standing.acknowledgedAt.has(v.label)) continue;
    const card = await acknowledgementCardFor(services, person, v.label, {
      acknowledgedAt: undefined,
    });
    if (card) shown.push({ card, keep: acknowledgementCardKeep(services, person, v.label) });
  }
  return shown;
}
