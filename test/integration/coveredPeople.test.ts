import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { acknowledgementKind } from "../../src/features/acknowledgements/acknowledgementRecords";
import { misuseCaseKind } from "../../src/features/reports/caseRecords";
import { findAll } from "../../src/store/findAll";
import { cardText } from "../support/connectorRecorder";
import {
  installActivity,
  invokeActivity,
  messageActivity,
  personalConversationId,
  post,
} from "../support/activities";
import { startAppUnderTest, type AppUnderTest } from "../support/inProcessApp";
import { SAMPLE_ROSTER_FILE } from "../support/sampleRoster";

/*
 * People the policy covers who are not on the staff roster: the office adds them to the roster
 * CSV with role volunteer or agency, and they acknowledge and report like staff.
 */
describe("volunteers and agency staff on the roster", () => {
  let t: AppUnderTest;
  let dir: string;
  const volunteer = {
    aadObjectId: "7a000000-0000-4000-8000-00000000v001",
    displayName: "Vera Reader",
    email: "vera.reader@volunteers.example",
  };
  const supply = {
    aadObjectId: "7a000000-0000-4000-8000-00000000a001",
    displayName: "Sid Supply",
    email: "sid.supply@agency.example",
  };
  const stranger = { aadObjectId: "7a000000-0000-4000-8000-00000000x001", displayName: "Stan Ger" };
  const asPerson = (p: { aadObjectId: string; displayName: string; email?: string }) => ({
    ...p,
    email: p.email ?? "",
    roles: [],
    department: "",
  });

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "roster-"));
    const file = path.join(dir, "roster.csv");
    fs.writeFileSync(
      file,
      `${fs.readFileSync(SAMPLE_ROSTER_FILE, "utf8").trimEnd()}\n${volunteer.aadObjectId},${volunteer.displayName},${volunteer.email},volunteer,Volunteers\n${supply.aadObjectId},${supply.displayName},${supply.email},agency,Supply\n`,
    );
    t = await startAppUnderTest({
      ROSTER_FILE: file,
      OUTBOX_POLL_MS: "60000",
      SCHEDULE_TICK_MS: "3600000",
    });
    for (const p of [volunteer, supply])
      await post(t.app.url, installActivity(asPerson(p), t.connector.url));
    await t.app.scheduler.runOnce();
    await t.app.outboxWorker.drain();
  });
  afterAll(async () => {
    await t.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("when a volunteer and a supply teacher are on the roster, then they are asked to acknowledge, can acknowledge and can report", async () => {
    for (const p of [volunteer, supply]) {
      expect(t.connector.texts(personalConversationId(p.aadObjectId)).join("\n")).toContain(
        "Please acknowledge the Staff Social Media Policy",
      );
    }
    const label = (await t.app.services.policyVersions.inForce())!.label;
    const r = (
      await post(
        t.app.url,
        invokeActivity(asPerson(volunteer), t.connector.url, "acknowledgePolicy", {
          version: label,
        }),
      )
    ).body as { value: unknown };
    expect(cardText(r.value)).toMatch(/Acknowledged on/);
    expect(
      (await findAll(t.app.services.store.collection(acknowledgementKind))).map(
        (a) => a.data.aadObjectId,
      ),
    ).toContain(volunteer.aadObjectId);
    const receipt = (
      await post(
        t.app.url,
        invokeActivity(asPerson(supply), t.connector.url, "submitReport", {
          kind: "misuse",
          whatWasSeen: "A parent group shared a pupil's photo.",
          where: "Facebook",
          when: "Today",
          concerns: "pupil",
        }),
      )
    ).body as { value: unknown };
    expect(cardText(receipt.value)).toMatch(/Report R-\d{4}-0001 received/);
    expect(
      (await findAll(t.app.services.store.collection(misuseCaseKind)))[0]!.data.reporterId,
    ).toBe(supply.aadObjectId);
  });

  test("when someone not on the roster writes, then they are told plainly who to ask and that non-employees can be added", async () => {
    await post(t.app.url, messageActivity(stranger, t.connector.url, "policy"));
    const said = t.connector.texts(personalConversationId(stranger.aadObjectId)).join("\n");
    expect(said).toContain(
      "Please ask the school office (the Resources Manager, Joanne Mills, keeps the list) to add you.",
    );
    expect(said).toContain(
      "Agency and supply staff, volunteers, contractors and governors can be added",
    );
  });
});
