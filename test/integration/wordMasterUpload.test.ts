import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Person } from "../../src/domain/people/person";
import { policyUploadKind } from "../../src/features/governorsApproval/uploadRecords";
import { findAll } from "../../src/store/findAll";
import { fileActivity, installActivity, personalConversationId, post } from "../support/activities";
import { cardText } from "../support/connectorRecorder";
import { invokeAs, startAppUnderTest, TestClock, type AppUnderTest } from "../support/inProcessApp";
import { wordMaster } from "../support/minimalDocx";
import { personWith } from "../support/sampleRoster";

/*
 * Publishing from the Word master: the owner sends the .docx to the bot in personal chat (a real
 * Teams file-download-info attachment posted to /api/messages, the file served over HTTP as
 * Teams' download link would be), gets a preview with the sentences that changed, sends it to
 * the governors; once the Chair approves, staff get the notice with the changes marked.
 */
describe("a new version sent as the Word master in chat", () => {
  const clock = new TestClock();
  let t: AppUnderTest;
  let files: http.Server;
  let filesUrl = "";
  const served = new Map<string, Buffer>();
  const owner = personWith("aht-digital");
  const chair = personWith("chair-of-governors");
  const teacher = personWith("staff");
  const invoke = (who: Person, verb: string, data: Record<string, unknown>) =>
    invokeAs(t, who, verb, data);
  const send = async (who: Person, name: string, conversationType = "personal") => {
    t.connector.clear();
    await post(
      t.app.url,
      fileActivity(
        who,
        t.connector.url,
        {
          name,
          downloadUrl: `${filesUrl}/${encodeURIComponent(name)}`,
          fileType: name.split(".").pop()!,
        },
        conversationType,
      ),
    );
    return t.connector.texts().join("\n");
  };
  const inbox = async (who: Person) => {
    await t.app.outboxWorker.drain();
    return t.connector.texts(personalConversationId(who.aadObjectId)).join("\n");
  };

  beforeAll(async () => {
    clock.set("2026-11-02T09:00:00Z");
    files = http.createServer((req, res) => {
      const body = served.get(decodeURIComponent((req.url ?? "").slice(1)));
      res.statusCode = body ? 200 : 404;
      res.setHeader("content-type", "application/octet-stream");
      res.end(body);
    });
    await new Promise<void>((resolve) => files.listen(0, "127.0.0.1", resolve));
    filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
    served.set(
      "Policy - MASTER.docx",
      wordMaster(
        [
          "Staff Social Media Policy",
          "Version: 2026.12",
          "Summary: Adds AI tools and widens monitoring.",
        ],
        (text) =>
          text.replace(
            "The School may use internet searches",
            "The School may use internet and social media searches",
          ) +
          "\n\n## Artificial intelligence tools\n\nStaff must not paste pupils' personal data into AI tools.\n",
      ),
    );
    served.set("notes.pdf", Buffer.from("%PDF-1.4"));
    served.set("broken.docx", Buffer.from("not a zip"));
    t = await startAppUnderTest(
      { OUTBOX_POLL_MS: "60000", SCHEDULE_TICK_MS: "3600000", OUTBOX_RATE_PER_SECOND: "50" },
      clock,
    );
    for (const p of [owner, chair, teacher])
      await post(t.app.url, installActivity(p, t.connector.url));
    await t.app.scheduler.runOnce();
    await t.app.outboxWorker.drain();
  });
  afterAll(async () => {
    await t.stop();
    await new Promise((r) => files.close(r));
  });

  test("when a teacher, a group chat, a PDF or a broken file is sent, then nothing is kept and (in personal chat) the reason is given", async () => {
    expect(await send(teacher, "Policy - MASTER.docx")).toContain(
      "Only the policy owner or the Headteacher",
    );
    // In a group chat the bot answers only when mentioned: a file shared there is people talking to each other.
    expect(await send(owner, "Policy - MASTER.docx", "groupChat")).toBe("");
    expect(await send(owner, "notes.pdf")).toContain("Word document (.docx)");
    expect(await send(owner, "broken.docx")).toContain("could not be read as a Word document");
    expect(await findAll(t.app.services.store.collection(policyUploadKind))).toEqual([]);
  });

  test("when the owner sends the Word master, then the preview lists the sections and the changed sentences marked, with a date giving a month's notice", async () => {
    const preview = await send(owner, "Policy - MASTER.docx");
    expect(preview).toContain("Preview: Policy - MASTER.docx");
    expect(preview).toContain("Artificial intelligence tools");
    expect(preview).toContain("1 added, 1 changed, 0 removed");
    expect(preview).toMatch(/− [^\n]*The School may use internet searches/);
    expect(preview).toMatch(/\+ [^\n]*The School may use internet and social media searches/);
    expect(preview).toContain("+ Staff must not paste pupils' personal data into AI tools.");
    const card = t.connector.cards().find((c) => JSON.stringify(c).includes("Preview:"))!;
    const date = JSON.stringify(card).match(/"id":"effectiveFrom"[^}]*"min":"([0-9-]+)"/)?.[1];
    expect(date).toBe("2026-12-02");
  });

  test("when the preview is sent with a date giving less than a month's notice, then it is refused; with proper notice it goes to the Chair", async () => {
    const [upload] = (await findAll(t.app.services.store.collection(policyUploadKind))).map(
      (r) => r.data,
    );
    const details = {
      uploadId: upload!.id,
      label: "2026.12",
      summary: "Adds AI tools and widens monitoring.",
    };
    expect(
      String(
        (await invoke(owner, "policyUploadSend", { ...details, effectiveFrom: "2026-11-20" }))
          .value,
      ),
    ).toMatch(/earliest effective date is 2026-12-02/);
    expect(
      String(
        (await invoke(teacher, "policyUploadSend", { ...details, effectiveFrom: "2026-12-10" }))
          .value,
      ),
    ).toMatch(/not yours/);
    t.connector.clear();
    expect(
      cardText(
        (await invoke(owner, "policyUploadSend", { ...details, effectiveFrom: "2026-12-10" }))
          .value,
      ),
    ).toContain("Waiting for the governors' approval");
    const chairs = await inbox(chair);
    expect(chairs).toContain("From the Word file");
    expect(chairs).toContain("+ Staff must not paste pupils' personal data into AI tools.");
    expect(
      String(
        (await invoke(owner, "policyUploadSend", { ...details, effectiveFrom: "2026-12-10" }))
          .value,
      ),
    ).toMatch(/already sent/);
  });

  test("when the Chair approves, then staff get the notice with the changed wording marked", async () => {
    t.connector.clear();
    const approved = await invoke(chair, "policyGovernorsApprove", {
      label: "2026.12",
      revision: 1,
      approvalBody: "LGB",
      approvalMeeting: "Autumn term",
      approvalDate: "2026-11-02",
    });
    expect(cardText(approved.value)).toContain("Approved and published");
    const notice = await inbox(teacher);
    expect(notice).toContain("A new version of the Staff Social Media Policy");
    expect(notice).toMatch(/− [^\n]*The School may use internet searches/);
    expect(notice).toContain("+ Staff must not paste pupils' personal data into AI tools.");
    const struck = t.connector
      .cards(personalConversationId(teacher.aadObjectId))
      .some((c) => /"strikethrough":true/.test(JSON.stringify(c)));
    expect(struck).toBe(true);
    const page = await (await fetch(`${t.app.url}/policy/2026.12`)).text();
    expect(page).toContain("What changed from version 2024.07");
    expect(page).toContain(
      "<ins>Staff must not paste pupils&#39; personal data into AI tools.</ins>",
    );
    expect(page).toMatch(/<del>[^<]*The School may use internet searches/);
  });
});
