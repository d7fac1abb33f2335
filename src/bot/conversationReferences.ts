import { updateWithRetry } from "../store/updateWithRetry";
import { z } from "zod";
import type { Collection, RecordKind, Store } from "../ports";

/*
 * Where the bot can reach each person later (notifications, reminders, answers).
 * Kept in the store, keyed by aadObjectId, so any instance can message anyone after a restart.
 * The reference itself is botbuilder's ConversationReference, stored as opaque JSON.
 */
const schema = z.object({
  aadObjectId: z.string(),
  scope: z.string(),
  conversationId: z.string(),
  serviceUrl: z.string(),
  updatedAt: z.string(),
  reference: z.record(z.string(), z.unknown()),
});
export type ConversationReferenceRecord = z.infer<typeof schema>;

export const conversationReferenceKind: RecordKind<ConversationReferenceRecord> = {
  name: "conversationReferences",
  schema,
  indexes: { aadObjectId: "text", scope: "text" },
};

/** How long this process trusts that a reference it just saved is still current. */
const RECENT_MS = 3600_000;

export class ConversationReferences {
  private readonly records: Collection<ConversationReferenceRecord>;
  /*
   * Saves this process made recently, so a chatty person does not cost a store read per
   * message. Only an optimisation: the store stays the truth and a restart merely re-reads.
   */
  private readonly recent = new Map<
    string,
    { serviceUrl: string; conversationId: string; at: number }
  >();

  constructor(store: Store) {
    this.records = store.collection(conversationReferenceKind);
  }

  /** Personal chats are keyed by the person; team and group chats by the conversation. */
  private static idFor(
    record: Pick<ConversationReferenceRecord, "aadObjectId" | "scope" | "conversationId">,
  ): string {
    return record.scope === "personal"
      ? `personal:${record.aadObjectId}`
      : `conversation:${record.conversationId}`;
  }

  /** Returns true when this is the first reference for the key (the person just arrived). */
  async save(record: ConversationReferenceRecord): Promise<boolean> {
    const id = ConversationReferences.idFor(record);
    const now = Date.parse(record.updatedAt);
    const seen = this.recent.get(id);
    if (
      seen &&
      seen.serviceUrl === record.serviceUrl &&
      seen.conversationId === record.conversationId &&
      now - seen.at < RECENT_MS
    ) {
      return false;
    }
    if (this.recent.size > 50_000) this.recent.clear();
    this.recent.set(id, {
      serviceUrl: record.serviceUrl,
      conversationId: record.conversationId,
      at: now,
    });
    const saved = await updateWithRetry(
      this.records,
      id,
      (existing) => {
        if (!existing) return { write: record, result: true };
        const same =
          existing.data.serviceUrl === record.serviceUrl &&
          existing.data.conversationId === record.conversationId;
        // Skip the write when nothing that matters changed: every message would otherwise rewrite it.
        if (
          same &&
          Date.parse(record.updatedAt) - Date.parse(existing.data.updatedAt) < 24 * 3600_000
        )
          return { result: false };
        return { write: record, result: !same };
      },
      { attempts: 3 },
    );
    return saved.ok && saved.result;
  }

  async personal(aadObjectId: string): Promise<ConversationReferenceRecord | undefined> {
    return (await this.records.get(`personal:${aadObjectId}`))?.data;
  }
}
