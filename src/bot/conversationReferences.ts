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

export class ConversationReferences {
  private readonly records: Collection<ConversationReferenceRecord>;

  constructor(store: Store) {
    this.records = store.collection(conversationReferenceKind);
  }

  /** Personal chats are keyed by the person; team and group chats by the conversation. */
  private static idFor(record: Pick<ConversationReferenceRecord, "aadObjectId" | "scope" | "conversationId">): string {
    return record.scope === "personal" ? `personal:${record.aadObjectId}` : `conversation:${record.conversationId}`;
  }

  /** Returns true when this is the first reference for the key (the person just arrived). */
  async save(record: ConversationReferenceRecord): Promise<boolean> {
    const id = ConversationReferences.idFor(record);
    for (let attempt = 0; attempt < 3; attempt++) {
      const existing = await this.records.get(id);
      if (!existing) {
        const created = await this.records.create(id, record);
        if (created.ok) return true;
        continue;
      }
      const same =
        existing.data.serviceUrl === record.serviceUrl && existing.data.conversationId === record.conversationId;
      // Skip the write when nothing that matters changed: every message would otherwise rewrite it.
      if (same && Date.parse(record.updatedAt) - Date.parse(existing.data.updatedAt) < 24 * 3600_000) return false;
      const updated = await this.records.update(id, record, existing.version);
      if (updated.ok) return !same;
    }
    return false;
  }

  async personal(aadObjectId: string): Promise<ConversationReferenceRecord | undefined> {
    return (await this.records.get(`personal:${aadObjectId}`))?.data;
  }
}
