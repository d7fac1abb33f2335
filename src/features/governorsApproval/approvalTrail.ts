import type { ListPage, PageRequest } from "../../app/listPage";
import { readListPage } from "../../app/listPage";
import type { AppServices } from "../../app/services";
import { mayPublishPolicyVersion } from "../../domain/people/permissions";
import { hasRole, type Person } from "../../domain/people/person";
import { approvedByLine } from "../../domain/policy/governorsApproval";
import { accept, refuse, type Decision } from "../../domain/result";
import { policyDraftKind } from "./draftRecords";

/*
 * Each new version's approval trail, newest first: prepared by whom and when, the governors'
 * approval as the Chair recorded it, when it was published. For the policy owner, the
 * Headteacher and the governors.
 */
export function mayViewApprovalTrail(person: Person): boolean {
  return (
    mayPublishPolicyVersion(person) ||
    hasRole(person, "chair-of-governors") ||
    hasRole(person, "governor")
  );
}

export interface TrailRow {
  readonly label: string;
  readonly status: string;
  readonly preparedBy: string;
  readonly preparedAt: string;
  readonly approval: string;
  readonly effectiveFrom: string;
  readonly publishedAt: string | null;
}

const WORDS = {
  awaitingGovernors: "waiting for the governors",
  approved: "approved, not yet published",
  published: "published",
  withdrawn: "withdrawn",
} as const;

export async function approvalTrail(
  services: AppServices,
  person: Person,
  page: PageRequest,
): Promise<Decision<ListPage<TrailRow>>> {
  if (!mayViewApprovalTrail(person))
    return refuse(
      "DRAFT.TRAIL_ROLE",
      "The approval trail is for the policy owner, the Headteacher and the governors.",
    );
  const found = await readListPage(
    services.store.collection(policyDraftKind),
    { orderBy: { field: "createdAt", direction: "desc" } },
    page,
  );
  const names = new Map(
    (await services.directory.all()).map((p) => [p.aadObjectId, p.displayName]),
  );
  return accept({
    ...found,
    items: found.items.map(({ data: d }) => ({
      label: d.label,
      status: WORDS[d.status],
      preparedBy: names.get(d.createdBy) ?? "former staff",
      preparedAt: d.createdAt,
      approval: d.approval ? approvedByLine(d.approval) : "",
      effectiveFrom: d.effectiveFrom,
      publishedAt: d.publishedAt,
    })),
  });
}
