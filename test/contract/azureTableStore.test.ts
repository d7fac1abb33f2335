import { randomUUID } from "node:crypto";
import { TableStore } from "../../src/store/azure/tableStore";
import { createAll } from "../../src/store/createAll";
import { startAzurite, type Azurite } from "../support/azurite";
import { describeStoreContract, noteKind } from "./storeContract";

/*
 * The delivery machinery's store (Azure Storage tables) against Azurite, the official emulator,
 * started here: the same contract suite as SQLite and SharePoint, large lists included.
 */
jest.setTimeout(120_000);

let azurite: Azurite;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(async () => azurite?.stop());

describeStoreContract(
  "Azure Storage tables (Azurite)",
  () => {
    // Each test its own account prefix: a fresh set of tables.
    const prefix = `t${randomUUID().replace(/-/g, "").slice(0, 10)}`;
    const open = async () =>
      new TableStore({ tableClient: (name) => azurite.tableClient(`${prefix}${name}`) });
    let opened: TableStore | undefined;
    return {
      open: async () => (opened = await open()),
      reopen: open,
      async seed(kind, records) {
        await createAll(opened!.collection(kind), records);
      },
    };
  },
  { largeLists: true },
);

describe("Azure tables specifics", () => {
  test("when many records are created, then they go in transactions of up to 100", async () => {
    const store = new TableStore({ tableClient: (name) => azurite.tableClient(`bulk${name}`) });
    const results = await createAll(
      store.collection(noteKind),
      Array.from({ length: 250 }, (_, i) => ({
        id: `n${i}`,
        data: { title: "t", owner: "o", priority: i, open: true, dueAt: null, body: "b" },
      })),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await store.collection(noteKind).count()).toBe(250);
  });
});
