import {
  acknowledgementRows,
  acknowledgementSummary,
} from "../../src/features/acknowledgements/acknowledgementQueries";
import { outboxKind, type OutboxMessage } from "../../src/outbox/outboxMessage";
import type { Query, Stored } from "../../src/ports";
import { installActivity, post } from "../support/activities";
import { startAppUnderTest, type AppUnderTest } from "../support/inProcessApp";
import { sampleRoster } from "../support/sampleRoster";

/*
 * The dashboard's summary during a fan-out: a person's status needs of the notices only those
 * that failed, so the summary reads those and not the thousands being delivered; the rows,
 * which show when each notice arrived, read them all.
 */
describe("what the acknowledgement summary reads", () => {
  let t: AppUnderTest;

  beforeAll(async () => {
    t = await startAppUnderTest({ OUTBOX_POLL_MS: "60000", SCHEDULE_TICK_MS: "3600000" });
    // Half the staff have opened the app: their notices arrive, the others' cannot.
    const roster = sampleRoster();
    for (const p of roster.slice(0, roster.length / 2))
      await post(t.app.url, installActivity(p, t.connector.url));
    await t.app.scheduler.runOnce();
    await t.app.outboxWorker.drain();
  });
  afterAll(async () => t.stop());

  async function noticesRead(read: () => Promise<unknown>): Promise<Stored<OutboxMessage>[]> {
    const outbox = t.app.services.store.collection(outboxKind);
    const find = jest.spyOn(outbox, "find");
    try {
      await read();
      const pages = await Promise.all(find.mock.results.map((r) => r.value));
      return find.mock.calls.flatMap(([query], i) =>
        String((query as Query).where?.["campaign"] ?? "").startsWith("notice:")
          ? (pages[i] as { items: Stored<OutboxMessage>[] }).items
          : [],
      );
    } finally {
      find.mockRestore();
    }
  }

  test("when the summary is read, then only the notices that failed are read, and the counts are those of every notice", async () => {
    const label = (await t.app.services.policyVersions.inForce())!.label;
    let summary: Awaited<ReturnType<typeof acknowledgementSummary>>;
    const read = await noticesRead(async () => {
      summary = await acknowledgementSummary(t.app.services, label);
    });
    expect(read.length).toBeGreaterThan(0);
    expect(read.every((n) => n.data.status === "undeliverable" || n.data.status === "failed")).toBe(
      true,
    );
    expect(summary!.undeliverable).toBe(read.length);
    expect(summary!.outstanding + summary!.overdue).toBe(summary!.total - read.length);
  });

  test("when the rows are read, then every notice is read, for the time each arrived", async () => {
    const label = (await t.app.services.policyVersions.inForce())!.label;
    const read = await noticesRead(() => acknowledgementRows(t.app.services, label, {}));
    expect(read.some((n) => n.data.status === "delivered")).toBe(true);
  });
});
