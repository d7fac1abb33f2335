import {
  stateOf,
  today,
  upcomingVersion,
  versionInForce,
  byEffectiveDateDesc,
  type PolicyVersion,
  type VersionState,
} from "../../domain/policy/policyVersion";
import type { PolicyDocument } from "../../domain/policy/policyDocument";
import type { Clock, Collection, Store } from "../../ports";
import { RecentlyRead } from "../../store/recentlyRead";
import { policyVersionKind, toVersion, type PolicyVersionRecord } from "./policyRecords";

/*
 * The versions the school has published, from the store. Another instance or the CLI may
 * publish at any moment, so the list is re-read after a few seconds rather than held.
 */
export class PolicyVersions {
  private readonly records: Collection<PolicyVersionRecord>;
  private readonly recent: RecentlyRead<PolicyVersionRecord, PolicyVersion[]>;

  constructor(
    store: Store,
    private readonly clock: Clock,
    readonly timeZone: string,
  ) {
    this.records = store.collection(policyVersionKind);
    this.recent = new RecentlyRead(this.records, clock, {
      derive: (records) => records.map((r) => toVersion(r.data)).sort(byEffectiveDateDesc),
    });
  }

  /** The policy in force when the product is installed becomes its first version, once. */
  async ensureInstalled(bundled: PolicyDocument): Promise<void> {
    await this.records.create(bundled.meta.version, {
      label: bundled.meta.version,
      effectiveFrom: bundled.meta.effectiveFrom,
      publishedAt: this.clock.now().toISOString(),
      publishedBy: "installation",
      summary: `${bundled.meta.title} as approved by ${bundled.meta.approvedBy ?? "the governors"}.`,
      document: {
        meta: { ...bundled.meta },
        sections: bundled.sections.map((s) => ({ ...s, paragraphs: [...s.paragraphs] })),
      },
    });
    this.forget();
  }

  all(): Promise<PolicyVersion[]> {
    return this.recent.all();
  }

  forget(): void {
    this.recent.forget();
  }

  /** The school's date (YYYY-MM-DD in its time zone) at `now`, by default the app clock's. */
  today(now: Date = this.clock.now()): string {
    return today(now, this.timeZone);
  }

  async get(label: string): Promise<PolicyVersion | undefined> {
    const record = await this.records.get(label);
    return record ? toVersion(record.data) : undefined;
  }

  async inForce(now?: Date): Promise<PolicyVersion | undefined> {
    return versionInForce(await this.all(), this.today(now));
  }

  async upcoming(now?: Date): Promise<PolicyVersion | undefined> {
    return upcomingVersion(await this.all(), this.today(now));
  }

  async state(version: PolicyVersion, now?: Date): Promise<VersionState> {
    return stateOf(version, await this.all(), this.today(now));
  }

  /** Creates a version; false if the label is taken. */
  async add(record: PolicyVersionRecord): Promise<boolean> {
    const created = await this.records.create(record.label, record);
    this.forget();
    return created.ok;
  }
}
