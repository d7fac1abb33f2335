import type { Collection, CreateResult, NewRecord } from "../ports";

/** Creates many records, in bulk where the adapter can (SharePoint $batch), one by one otherwise. */
export async function createAll<T>(
  collection: Collection<T>,
  records: readonly NewRecord<T>[],
): Promise<CreateResult<T>[]> {
  if (records.length === 0) return [];
  if (collection.createMany) return collection.createMany(records);
  const results: CreateResult<T>[] = [];
  for (const record of records) results.push(await collection.create(record.id, record.data));
  return results;
}
