import { conversationReferenceKind } from "./bot/conversationReferences";
import { appInstallationKind } from "./identity/appInstaller";
import { outboxKind } from "./outbox/outboxMessage";
import type { RecordKind } from "./ports";
import { leaseKind } from "./store/leases";
import { rateLimitKind } from "./app/limits/rateLimits";

/*
 * Every kind of record the app keeps, in one place beside the wiring (the store knows no
 * capability: openStore and provisioning take this list as an argument). SharePoint provisioning
 * creates one list per entry, and start-up with STORE=sharepoint checks they all exist. A kind missing here has no
 * list in production (test/unit/store/recordKinds.test.ts finds kinds declared but not listed).
 */
const any = <T>(kind: RecordKind<T>) => kind as unknown as RecordKind<unknown>;

export const RECORD_KINDS: readonly RecordKind<unknown>[] = [
  any(outboxKind),
  any(conversationReferenceKind),
  any(appInstallationKind),
  any(leaseKind),
  any(rateLimitKind),
];

/** The delivery machinery: high-churn records that go to Azure Storage tables when configured. */
export const DELIVERY_KINDS: readonly RecordKind<unknown>[] = [
  any(outboxKind),
  any(leaseKind),
  any(conversationReferenceKind),
];
