import type { Logger, RecordKind } from "../../ports";
import { statusOf, type GraphApi } from "../../graph/graphClient";
import { columnsFor, listNameFor, RECORD_ID_COLUMN, type ColumnSpec } from "./listSchema";
import { findListId } from "./listItems";

/*
 * Creates what the SharePoint store needs on the policy site: one list per record kind, its
 * columns, and an index on every column the code filters or sorts by. Safe to run again (and by
 * two people at once): it only adds what is missing, and reports what it added.
 */
export interface ProvisionReport {
  readonly createdLists: string[];
  readonly createdColumns: string[];
  readonly indexedColumns: string[];
  /** Lists that already had everything. */
  readonly unchangedLists: string[];
}

interface ExistingColumn {
  readonly id: string;
  readonly name: string;
  readonly indexed?: boolean;
  readonly enforceUniqueValues?: boolean;
  readonly text?: { readonly allowMultipleLines?: boolean };
  readonly number?: unknown;
  readonly boolean?: unknown;
}

export class ProvisioningError extends Error {
  readonly code = "STORE.PROVISIONING";
}

function typeOf(column: {
  text?: { allowMultipleLines?: boolean };
  number?: unknown;
  boolean?: unknown;
}): string {
  if (column.number !== undefined) return "number";
  if (column.boolean !== undefined) return "boolean";
  if (column.text !== undefined) return column.text.allowMultipleLines ? "multi-line text" : "text";
  return "another type";
}

export async function provisionSharePoint(
  graph: GraphApi,
  siteId: string,
  kinds: readonly RecordKind<unknown>[],
  logger?: Logger,
): Promise<ProvisionReport> {
  const sitePath = `/sites/${siteId}`;
  const report: ProvisionReport = {
    createdLists: [],
    createdColumns: [],
    indexedColumns: [],
    unchangedLists: [],
  };
  const byName = new Map<string, RecordKind<unknown>>();
  for (const kind of kinds) {
    const earlier = byName.get(kind.name);
    if (
      earlier &&
      earlier !== kind &&
      JSON.stringify(earlier.indexes) !== JSON.stringify(kind.indexes)
    ) {
      throw new ProvisioningError(`Two record kinds are both called "${kind.name}"`);
    }
    byName.set(kind.name, kind);
  }
  for (const kind of byName.values()) {
    const listName = listNameFor(kind);
    const specs = columnsFor(kind);
    let listId = await findListId(graph, sitePath, listName);
    let changed = false;
    if (!listId) {
      try {
        const created = await graph.post<{ id: string }>(`${sitePath}/lists`, {
          displayName: listName,
          columns: specs.map((c) => c.definition),
          list: { template: "genericList" },
        });
        listId = created.id;
        report.createdLists.push(listName);
        changed = true;
        logger?.info({ list: listName }, "created SharePoint list");
      } catch (error) {
        // Someone else created it a moment ago: carry on with theirs.
        if (statusOf(error) !== 409) throw error;
        listId = await findListId(graph, sitePath, listName);
        if (!listId) throw error;
      }
    }
    const columnsPath = `${sitePath}/lists/${listId}/columns`;
    const existing = (await graph.get<{ value: ExistingColumn[] }>(columnsPath)).value;
    for (const spec of specs) {
      const column = existing.find((c) => c.name === spec.name);
      if (!column) {
        if (await addColumn(graph, columnsPath, spec)) {
          report.createdColumns.push(`${listName}.${spec.name}`);
          changed = true;
        }
        continue;
      }
      const wanted = typeOf(spec.definition as Parameters<typeof typeOf>[0]);
      if (typeOf(column) !== wanted) {
        throw new ProvisioningError(
          `${listName}.${spec.name} is ${typeOf(column)} but must be ${wanted}: fix or delete the column, then provision again`,
        );
      }
      const update: Record<string, boolean> = {};
      if (spec.indexed && !column.indexed) update.indexed = true;
      if (spec.name === RECORD_ID_COLUMN && !column.enforceUniqueValues)
        update.enforceUniqueValues = true;
      if (Object.keys(update).length) {
        await graph.patch(`${columnsPath}/${column.id}`, update);
        report.indexedColumns.push(`${listName}.${spec.name}`);
        changed = true;
      }
    }
    if (!changed) report.unchangedLists.push(listName);
  }
  return report;
}

async function addColumn(graph: GraphApi, columnsPath: string, spec: ColumnSpec): Promise<boolean> {
  try {
    await graph.post(columnsPath, spec.definition);
    return true;
  } catch (error) {
    if (statusOf(error) !== 409) throw error;
    // Added by someone else meanwhile: check it is what we need.
    const columns = (await graph.get<{ value: ExistingColumn[] }>(columnsPath)).value;
    if (!columns.some((c) => c.name === spec.name)) throw error;
    return false;
  }
}

export function describeReport(report: ProvisionReport): string {
  const lines: string[] = [];
  for (const list of report.createdLists) lines.push(`created list ${list}`);
  for (const column of report.createdColumns) lines.push(`created column ${column}`);
  for (const column of report.indexedColumns) lines.push(`indexed column ${column}`);
  for (const list of report.unchangedLists) lines.push(`${list}: already complete`);
  return lines.join("\n");
}
