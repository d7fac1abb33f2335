import type { RecordKind, Stored } from "../../ports";
import { graphQuery, statusOf, type GraphApi } from "../../graph/graphClient";
import {
  decodeRecordId,
  encodeRecordId,
  PAYLOAD_COLUMN,
  RECORD_ID_COLUMN,
  WRITE_TOKENS_COLUMN,
} from "./listSchema";
import { tokensOf } from "../writeTokens";

/*
 * A kind's list items: reading an item back into a record, and finding items by record id
 * through the unique, indexed `recordId` column (the first and only condition of the filter, so
 * it narrows to one item however large the list grows).
 */
export interface ListItem {
  readonly id: string;
  readonly "@odata.etag"?: string;
  readonly fields?: Record<string, unknown>;
}

export interface ListPage<T> {
  readonly value: T[];
  readonly "@odata.nextLink"?: string;
}

/** A stored record plus the tokens of its latest writes (newest first). */
export interface Read<T> {
  readonly itemId: string;
  readonly record: Stored<T>;
  readonly writeTokens: readonly string[];
}

export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function etagOf(item: {
  "@odata.etag"?: unknown;
  fields?: Record<string, unknown>;
}): string | undefined {
  const etag = item["@odata.etag"] ?? item.fields?.["@odata.etag"];
  return typeof etag === "string" ? etag : undefined;
}

/** An item the store wrote (a person may add others by hand in SharePoint: they are not records). */
export function isRecordItem(item: ListItem): boolean {
  return typeof item.fields?.[RECORD_ID_COLUMN] === "string";
}

/** A list's id by its display name (Graph filters lists on displayName only). */
export async function findListId(
  graph: GraphApi,
  sitePath: string,
  displayName: string,
): Promise<string | undefined> {
  const page = await graph.get<ListPage<{ id: string; displayName: string }>>(
    `${sitePath}/lists${graphQuery({ $filter: `displayName eq ${odataString(displayName)}`, $select: "id,displayName" })}`,
  );
  return page.value.find((l) => l.displayName === displayName)?.id;
}

/** How many record ids one lookup asks for (an "or" of equalities on recordId). */
export const LOOKUP_LIMIT = 20;

export class ListItems<T> {
  constructor(
    private readonly graph: GraphApi,
    private readonly kind: RecordKind<T>,
    readonly path: () => Promise<string>,
    private readonly onRead: (read: Read<T>) => void,
  ) {}

  read(item: ListItem): Read<T> {
    const fields = item.fields ?? {};
    const payload = fields[PAYLOAD_COLUMN];
    const version = etagOf(item);
    if (typeof payload !== "string" || typeof fields[RECORD_ID_COLUMN] !== "string" || !version) {
      throw new Error(
        `A ${this.kind.name} list item (${item.id}) lacks its recordId, payload or eTag`,
      );
    }
    const read: Read<T> = {
      itemId: item.id,
      writeTokens: tokensOf(fields[WRITE_TOKENS_COLUMN]),
      record: {
        id: decodeRecordId(fields[RECORD_ID_COLUMN] as string),
        version,
        data: this.kind.schema.parse(JSON.parse(payload)),
      },
    };
    this.onRead(read);
    return read;
  }

  /** The record's item, found through the unique, indexed recordId column. */
  async lookup(id: string): Promise<Read<T> | undefined> {
    return (await this.lookupMany([id])).get(id);
  }

  /** Up to LOOKUP_LIMIT records' items in one query. */
  async lookupMany(ids: readonly string[]): Promise<Map<string, Read<T>>> {
    const found = new Map<string, Read<T>>();
    for (let start = 0; start < ids.length; start += LOOKUP_LIMIT) {
      const encoded = ids.slice(start, start + LOOKUP_LIMIT).map(encodeRecordId);
      const filter = encoded.map((e) => `fields/${RECORD_ID_COLUMN} eq ${odataString(e)}`);
      let path: string | undefined = `${await this.path()}${graphQuery({
        $filter: filter.length === 1 ? filter[0] : `(${filter.join(" or ")})`,
        $expand: "fields",
        $top: encoded.length * 2,
      })}`;
      // A server may page even a short answer: follow it to the end.
      while (path) {
        const page: ListPage<ListItem> = await this.graph.get<ListPage<ListItem>>(path);
        for (const item of page.value) {
          const value = item.fields?.[RECORD_ID_COLUMN];
          // SharePoint matches text without regard to case: keep exact matches only.
          if (typeof value === "string" && encoded.includes(value)) {
            const read = this.read(item);
            found.set(read.record.id, read);
          }
        }
        const next = page["@odata.nextLink"];
        path = next ? this.graph.relativeLink(next) : undefined;
      }
    }
    return found;
  }

  async byItemId(itemId: string): Promise<Read<T> | undefined> {
    try {
      return this.read(
        await this.graph.get<ListItem>(
          `${await this.path()}/${itemId}${graphQuery({ $expand: "fields" })}`,
        ),
      );
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }
}
