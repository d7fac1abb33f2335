import { reconcilerJobs } from "../../app/decisions";
import { pagedPanel } from "../../http/pagedPanel";
import type { TableRow } from "../../http/tabApiContract";
import { findAll } from "../../store/findAll";
import { anyKind, type Feature } from "../feature";
import { PERMISSION_VERBS } from "./cards/permissionVerbs";
import { permissionBot } from "./permissionHandlers";
import { permissionKind } from "./permissionRecords";
import { mayViewPermissionRegister, permissionRegister } from "./permissionRegister";
import {
  noticeExpiredPermissions,
  PERMISSION_EFFECT_KINDS,
  purgeEndedPermissions,
  remindPhotoDeletion,
} from "./writtenPermissions";

/** Written permissions the policy asks for, requested and decided in Teams, kept in a register. */
export const writtenPermissionsFeature: Feature = {
  name: "writtenPermissions",
  recordKinds: [anyKind(permissionKind)],
  verbs: PERMISSION_VERBS,
  bot: permissionBot,
  jobs: (services, config) => [
    { name: "remindPhotoDeletion", run: async () => void (await remindPhotoDeletion(services)) },
    {
      name: "noticeExpiredPermissions",
      run: async () => void (await noticeExpiredPermissions(services)),
    },
    {
      name: "purgeEndedPermissions",
      run: async () =>
        void (await purgeEndedPermissions(services, config.permissions.retentionDays)),
    },
    ...reconcilerJobs(
      services,
      "reconcilePermissionEffects",
      permissionKind,
      PERMISSION_EFFECT_KINDS,
    ),
  ],
  panels: [
    pagedPanel({
      info: {
        id: "writtenPermissions",
        title: "Written permissions: waiting, in force and expiring",
        path: "/permissions/register",
        table: {
          rowKey: "requestId",
          noun: "permissions",
          emptyText: "No written permission is waiting for a decision or in force.",
          columns: [
            { key: "kind", title: "Permission" },
            { key: "requester", title: "Asked by" },
            { key: "whose", title: "Whose" },
            { key: "what", title: "What" },
            { key: "where", title: "Where" },
            { key: "until", title: "Until", format: "date" },
            { key: "standing", title: "Status" },
          ],
        },
      },
      visibleTo: mayViewPermissionRegister,
      read: permissionRegister,
      row: (r): TableRow => ({ ...r }),
    }),
  ],
  personalData: {
    exported: [anyKind(permissionKind)],
    async collect(services, personId) {
      const all = (await findAll(services.store.collection(permissionKind))).map((r) => r.data);
      const plain = (p: (typeof all)[number]) => ({
        id: p.id,
        kind: p.kind,
        what: p.what,
        where: p.where,
        from: p.from,
        until: p.until,
        status: p.status,
        requestedAt: p.requestedAt,
        decidedAt: p.decidedAt,
        reason: p.reason,
      });
      return {
        permissionsRequested: all
          .filter((p) => p.requesterId === personId)
          .map((p) => ({
            ...plain(p),
            subject: p.subject?.type === "colleague" ? { type: "colleague" } : p.subject,
            decidedAs: p.decidedAs,
            withdrawnAt: p.withdrawnAt,
            withdrawalReason: p.withdrawalReason,
            deletionConfirmedAt: p.deletionConfirmedAt,
          })),
        permissionsAboutYou: all
          .filter((p) => p.colleagueId === personId)
          .map((p) => ({ ...plain(p), yourConsent: p.decidedBy === personId ? p.status : null })),
        permissionDecisions: all
          .filter(
            (p) =>
              (p.decidedBy === personId || p.withdrawnBy === personId) &&
              p.requesterId !== personId &&
              p.colleagueId !== personId,
          )
          .map((p) => ({
            id: p.id,
            kind: p.kind,
            decidedAs: p.decidedBy === personId ? p.decidedAs : null,
            decidedAt: p.decidedBy === personId ? p.decidedAt : null,
            withdrawnAt: p.withdrawnBy === personId ? p.withdrawnAt : null,
            status: p.status,
          })),
      };
    },
  },
  retention: [
    {
      kind: anyKind(permissionKind),
      rule: "Kept while waiting or in force; purged PERMISSION_RETENTION_DAYS (default 365) after both its last day and the day it ended (refused, cancelled, withdrawn) have passed; photos from a personal device are kept on record until their deletion is confirmed.",
    },
  ],
};
