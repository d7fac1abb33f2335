import { noticeCampaign } from "../../src/features/acknowledgements/acknowledgementRecords";
import type { AppServices } from "../../src/app/services";
import type { Person } from "../../src/domain/people/person";
import type { PolicyDocument } from "../../src/domain/policy/policyDocument";
import {
  draftVersion,
  recordGovernorsApproval,
} from "../../src/features/governorsApproval/policyDrafts";

/**
 * A new version the way the policy has it: the owner prepares it, the Chair of Governors
 * records the governors' approval, and it is published. Throws if any step refuses.
 */
export async function publishWithGovernorsApproval(
  services: AppServices,
  owner: Person,
  chair: Person,
  request: { label: string; effectiveFrom: string; summary: string; document: PolicyDocument },
): Promise<{ notified: number; campaign: string }> {
  const draft = await draftVersion(services, owner, { ...request, source: "markdown" });
  if (!draft.ok) throw new Error(draft.reason);
  const today = services.clock.now().toISOString().slice(0, 10);
  const approved = await recordGovernorsApproval(services, chair, request.label, {
    body: "Board of Governors",
    meeting: "Full governing body",
    date: today,
    revision: draft.value.draft.revision,
  });
  if (!approved.ok) throw new Error(approved.reason);
  if (!approved.value.published) throw new Error(approved.value.publishRefusal ?? "not published");
  return { notified: approved.value.notified, campaign: noticeCampaign(request.label) };
}
