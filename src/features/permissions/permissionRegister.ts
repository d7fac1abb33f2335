import type { ListPage, PageRequest } from "../../app/listPage";
import type { AppServices } from "../../app/services";
import { hasRole, type Person } from "../../domain/people/person";
import {
  PERMISSION_KINDS,
  standing,
  type PermissionRequest,
} from "../../domain/permissions/writtenPermission";
import { today } from "../../domain/policy/policyVersion";
import { accept, refuse, type Decision } from "../../domain/result";
import { permissionKind, type PermissionRecord } from "./permissionRecords";

/*
 * The register on the dashboard: every permission waiting for a decision or still running,
 * soonest to end first, with "expiring" for those ending within a fortnight. For those who
 * decide (the Headteacher, the AHT Parents, Publicity & Promotion) and the policy owner.
 */
export function mayViewPermissionRegister(person: Person): boolean {
  return (
    hasRole(person, "headteacher") ||
    hasRole(person, "aht-publicity") ||
    hasRole(person, "aht-digital")
  );
}

export interface RegisterRow {
  readonly requestId: string;
  readonly kind: string;
  readonly requester: string;
  readonly whose: string;
  readonly what: string;
  readonly where: string;
  readonly from: string;
  readonly until: string;
  readonly standing: string;
}

const EXPIRING_DAYS = 14;

export async function permissionRegister(
  services: AppServices,
  person: Person,
  page: PageRequest,
): Promise<Decision<ListPage<RegisterRow>>> {
  if (!mayViewPermissionRegister(person))
    return refuse(
      "PERMISSION.REGISTER_ROLE",
      "The register is for the Headteacher, the Assistant Headteachers and the policy owner.",
    );
  const day = today(services.clock.now(), services.schoolTimeZone);
  const soon = new Date(`${day}T00:00:00Z`);
  soon.setUTCDate(soon.getUTCDate() + EXPIRING_DAYS);
  const soonDay = soon.toISOString().slice(0, 10);
  const collection = services.store.collection(permissionKind);
  const query = {
    where: { status: ["pending", "awaitingTraining", "approved"] },
    range: { field: "until", gte: day },
  } as const;
  const limit = Math.min(Math.max(1, Math.floor(page.limit ?? 20)), 100);
  const [found, total, people] = await Promise.all([
    collection.find({
      ...query,
      orderBy: { field: "until", direction: "asc" },
      limit,
      cursor: page.cursor,
    }),
    collection.count(query),
    services.directory.all(),
  ]);
  const names = new Map(people.map((p) => [p.aadObjectId, p.displayName]));
  const row = (r: PermissionRecord): RegisterRow => {
    const p: PermissionRequest = r;
    const s = standing(p, day);
    return {
      requestId: p.id,
      kind: PERMISSION_KINDS[p.kind].title,
      requester: names.get(p.requesterId) ?? "former staff",
      whose:
        p.subject?.type === "colleague"
          ? (names.get(p.subject.colleagueId) ?? "former staff")
          : p.subject
            ? `${p.subject.type}: ${p.subject.givenBy}`
            : "",
      what: p.what,
      where: p.where,
      from: p.from,
      until: p.until,
      standing: s === "in place" && p.until <= soonDay ? "in place, expiring soon" : s,
    };
  };
  return accept({
    items: found.items.map((r) => row(r.data)),
    ...(found.nextCursor ? { nextCursor: found.nextCursor } : {}),
    total,
  });
}
