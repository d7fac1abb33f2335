import http from "node:http";
import type { AddressInfo } from "node:net";
import {
  conversationReferenceKind,
  type ConversationReferenceRecord,
} from "../../src/bot/conversationReferences";
import { earliestEffectiveDate } from "../../src/domain/policy/noticeRule";
import { SqliteStore } from "../../src/store/sqlite/sqliteStore";
import { wordMaster } from "../support/minimalDocx";
import { usePlaygroundSession } from "../support/playgroundSession";
import { personWith } from "../support/sampleRoster";

jest.setTimeout(300_000);

/*
 * The Word master, sent in chat, through to the staff notice, with everyone at their own Agents
 * Playground. The Playground (0.2.28) cannot send a file: its message API takes only text or
 * card attachments. So the one step a person cannot do there, dropping the .docx into the
 * chat, is posted to the built server's real /api/messages as Teams delivers a file to a bot
 * with `supportsFiles` (a message whose attachment is `application/vnd.microsoft.teams.file.
 * download.info`, its download link served locally), addressed with the very conversation
 * reference the owner's Playground gave the bot (its connector, her chat, her id). The bot's
 * preview card then lands in her Playground; from there on everything is clicked in the
 * Playgrounds: she sends it to the governors, the Chair records their approval, the teacher
 * reads the notice with the changed sentences marked.
 */
describe("the Word master sent in chat, approved by the Chair and noticed by staff, in the Agents Playground", () => {
  const session = usePlaygroundSession({ OUTBOX_POLL_MS: "200", SCHEDULE_TICK_MS: "3600000" });
  let files: http.Server;
  let filesUrl = "";
  const docx = wordMaster(
    ["Staff Social Media Policy", "Version: 2099.02", "Summary: Adds AI tools."],
    (text) =>
      text.replace(
        "The School may use internet searches",
        "The School may use internet and social media searches",
      ) +
      "\n\n## Artificial intelligence tools\n\nStaff must not paste pupils' personal data into AI tools.\n",
  );

  beforeAll(async () => {
    files = http.createServer((req, res) => {
      const found = req.url === "/Policy%20-%20MASTER.docx";
      res.statusCode = found ? 200 : 404;
      res.setHeader("content-type", "application/octet-stream");
      res.end(found ? docx : undefined);
    });
    await new Promise<void>((resolve) => files.listen(0, "127.0.0.1", resolve));
    filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => files.close(r));
  });

  /** The reference the person's own Playground gave the bot (the bot keeps it on every turn). */
  async function referenceOf(aadObjectId: string): Promise<ConversationReferenceRecord> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const store = SqliteStore.inDataDir(session.server().dataDir);
      try {
        const record = await store
          .collection(conversationReferenceKind)
          .get(`personal:${aadObjectId}`);
        if (record) return record.data;
      } finally {
        await store.close();
      }
      if (Date.now() > deadline) throw new Error(`no conversation reference for ${aadObjectId}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  test("when the policy owner sends the .docx in chat, previews it and sends it on, and the Chair approves, then the teacher's notice marks the changed sentences", async () => {
    const teacher = await session.open(personWith("staff"));
    const owner = await session.open(personWith("aht-digital"));
    await teacher.waitForText("Please acknowledge the Staff Social Media Policy", 30_000);
    // Her chat settles first: the Playground redraws every card when one lands, emptying a form.
    await owner.waitForText("Please acknowledge the Staff Social Media Policy", 30_000);
    await owner.waitForText("due for its annual review", 30_000);

    const ref = (await referenceOf(owner.person.aadObjectId)).reference as {
      serviceUrl: string;
      channelId: string;
      user: { id: string; name?: string; aadObjectId?: string };
      bot: { id: string; name?: string };
      conversation: { id: string; conversationType?: string; tenantId?: string };
    };
    // The reference points at her own Playground's connector: the reply goes to her page.
    expect(new URL(ref.serviceUrl).port).toBe(new URL(owner.url).port);
    const sent = await fetch(`${session.server().url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        type: "message",
        id: `file-${Date.now()}`,
        timestamp: new Date().toISOString(),
        channelId: ref.channelId,
        serviceUrl: ref.serviceUrl,
        from: ref.user,
        recipient: ref.bot,
        conversation: ref.conversation,
        channelData: { tenant: { id: ref.conversation.tenantId } },
        attachments: [
          {
            contentType: "application/vnd.microsoft.teams.file.download.info",
            contentUrl:
              "https://contoso.sharepoint.com/personal/owner/Documents/Policy%20-%20MASTER.docx",
            name: "Policy - MASTER.docx",
            content: {
              downloadUrl: `${filesUrl}/Policy%20-%20MASTER.docx`,
              uniqueId: "1150D938-8870-4044-9F2C-5BBDEBA70C8C",
              fileType: "docx",
            },
          },
        ],
      }),
    });
    expect(sent.status).toBeLessThan(300);

    // The preview, in her Playground: sections, the sentences marked, a date giving the notice.
    await owner.waitForText("Preview: Policy - MASTER.docx", 30_000);
    const preview = await owner.waitForText("1 added, 1 changed, 0 removed");
    expect(preview).toContain("Artificial intelligence tools");
    expect(preview).toMatch(/− [^\n]*The School may use internet searches/);
    expect(preview).toMatch(/\+ [^\n]*The School may use internet and social media searches/);
    expect(preview).toContain("+ Staff must not paste pupils' personal data into AI tools.");
    // The date picker proposes the first day that gives a month's notice, and offers none earlier.
    const earliest = earliestEffectiveDate(new Date(), "Europe/London");
    const date = owner.page.getByLabel(/Takes effect on/).last();
    // The Teams renderer draws a date picker that shows the day in words ("January 2, 2027").
    const shown = new Date(`${earliest}T12:00:00Z`).toLocaleDateString("en-US", {
      month: "long",
      day: "numeric",
      year: "numeric",
      timeZone: "UTC",
    });
    expect([earliest, shown]).toContain(await date.inputValue());
    await owner.screenshot("word-upload-preview");
    await owner.clickButton("Send to the governors for approval");
    await owner.waitForText("Waiting for the governors' approval", 30_000);

    const chair = await session.open(personWith("chair-of-governors"));
    await chair.waitForText("Record the governors' approval", 30_000);
    await chair.waitForText("Please acknowledge the Staff Social Media Policy", 30_000);
    expect(await chair.conversationText()).toContain("From the Word file");
    await chair.fillShowCard("Record the governors' approval", [
      ["Approved by (the governors' body)", "LGB"],
      ["Meeting", "Autumn term"],
      ["Date of the decision", new Date().toISOString().slice(0, 10)],
    ]);
    await chair.clickButton("Record approval");
    await chair.waitForText("Approved and published", 30_000);

    const notice = await teacher.waitForText(
      "A new version of the Staff Social Media Policy",
      30_000,
    );
    expect(notice).toContain("Staff must not paste pupils' personal data into AI tools.");
    expect(notice).toContain("The School may use internet searches");
    expect(notice).toMatch(/− [^\n]*The School may use internet searches/);
    expect(notice).toMatch(/\+ [^\n]*The School may use internet and social media searches/);
    expect(notice).toContain("+ Staff must not paste pupils' personal data into AI tools.");
    // Removed wording is drawn struck through by the Teams renderer, added wording is not.
    // (Run in the page; written as a string since the tests compile without the DOM's types.)
    const struck = await teacher.page.evaluate<string[]>(
      `Array.from(document.querySelectorAll("body *"))
        .filter((e) => e.children.length === 0)
        .filter((e) => getComputedStyle(e).textDecorationLine.includes("line-through"))
        .map((e) => e.textContent || "")`,
    );
    expect(struck.some((t) => t.includes("The School may use internet searches"))).toBe(true);
    expect(struck.some((t) => t.includes("AI tools"))).toBe(false);
    await teacher.screenshot("word-upload-teacher-notice");

    // The version's page: who approved it and when, and the same sentences marked.
    const page = await (await fetch(`${session.server().url}/policy/2099.02`)).text();
    expect(page).toMatch(/Approved by LGB \(Autumn term\) on \d{4}-\d{2}-\d{2}\./);
    expect(page).toContain(
      "<ins>Staff must not paste pupils&#39; personal data into AI tools.</ins>",
    );
    expect(page).toMatch(/<del>[^<]*The School may use internet searches/);
  });
});
