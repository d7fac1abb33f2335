import type { RecordKind } from "../ports";
import { RECORD_KINDS } from "../recordKinds";
import { FEATURES } from ".";

/*
 * Every kind of record the app keeps: the store's own list plus each feature's. The store takes
 * this as an argument (provisioning, the start-up check) and imports no feature itself.
 */
export const ALL_RECORD_KINDS: readonly RecordKind<unknown>[] = [
  ...RECORD_KINDS,
  ...FEATURES.flatMap((f) => f.recordKinds),
];
