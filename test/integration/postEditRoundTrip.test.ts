import { postProposalKind } from "../../src/features/posts/postRecords";
import { findAll } from "../../src/store/findAll";
import { installActivity, post } from "../support/activities";
import { invokeAs, startAppUnderTest, TestClock, type AppUnderTest } from "../support/inProcessApp";
import { STAFF_PROTOCOL_TICKED } from "../support/postFixtures";
import { personWith } from "../support/sampleRoster";

/*
 * "Edit and resend": the edit form writes the stored post into its inputs, Teams sends the inputs
 * back as they stand, and the post must come back byte for byte, Markdown characters and all.
 */
describe("editing a post and sending it back", () => {
  const clock = new TestClock();
  let t: AppUnderTest;
  const author = personWith("staff");
  const head = personWith("headteacher");
  const text = "Year_6 *stars* of the ~week~ \\o/ \\*not bold\\* [draft] _well_ done\n- 1. first";
  const imageLinks = [
    "https://school.sharepoint.com/sites/photos/sports_day_2025.jpg",
    "https://school.sharepoint.com/sites/photos/year_6~trip*final.jpg",
  ].join("\n");
  const invoke = (
    who: { aadObjectId: string; displayName: string },
    verb: string,
    data: Record<string, unknown>,
  ) => invokeAs(t, who, verb, data);
  const inputs = (card: unknown): Record<string, unknown> => {
    const found: Record<string, unknown> = {};
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (!node || typeof node !== "object") return;
      const o = node as Record<string, unknown>;
      if (typeof o.type === "string" && o.type.startsWith("Input.") && typeof o.id === "string")
        found[o.id] = o.value;
      Object.values(o).forEach(walk);
    };
    walk(card);
    return found;
  };

  beforeAll(async () => {
    clock.set("2026-11-20T09:00:00Z");
    t = await startAppUnderTest({ OUTBOX_POLL_MS: "60000", SCHEDULE_TICK_MS: "3600000" }, clock);
    for (const p of [author, head]) await post(t.app.url, installActivity(p, t.connector.url));
  });
  afterAll(async () => t.stop());

  test("when text and photo links with _ * ~ \\ go through edit and resend, then they come back byte-identical", async () => {
    const proposed = await invoke(author, "postSubmit", {
      text,
      accounts: "Facebook",
      intendedDate: "2026-12-01",
      imageLinks,
      ...STAFF_PROTOCOL_TICKED,
    });
    expect(proposed.type).toBe("application/vnd.microsoft.card.adaptive");
    const [stored] = (await findAll(t.app.services.store.collection(postProposalKind))).map(
      (r) => r.data,
    );
    expect(stored!.text).toBe(text);
    await invoke(head, "postRequestChanges", {
      postId: stored!.id,
      revision: 1,
      decideAs: "headteacher",
      comment: "Please check the date.",
    });

    const form = await invoke(author, "postResubmit", { postId: stored!.id, openForm: true });
    expect(form.type).toBe("application/vnd.microsoft.card.adaptive");
    const values = inputs(form.value);
    expect(values.text).toBe(text);
    expect(values.imageLinks).toBe(imageLinks);

    // Teams sends each input's value as it stands; the author ticks the checklist again.
    const resent = await invoke(author, "postResubmit", {
      postId: stored!.id,
      ...values,
      ...STAFF_PROTOCOL_TICKED,
    });
    expect(resent.type).toBe("application/vnd.microsoft.card.adaptive");
    const [after] = (await findAll(t.app.services.store.collection(postProposalKind))).map(
      (r) => r.data,
    );
    expect(after!.revision).toBe(2);
    expect(Buffer.from(after!.text)).toEqual(Buffer.from(text));
    expect(after!.imageLinks.join("\n")).toBe(imageLinks);
  });
});
