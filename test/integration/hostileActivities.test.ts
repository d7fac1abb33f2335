import path from "node:path";
import Database from "better-sqlite3";
import fc from "fast-check";
import { misuseCaseKind } from "../../src/features/reports/caseRecords";
import { buildBotHandlers } from "../../src/bot/registry";
import { INTENT_VERBS } from "../../src/bot/naturalCommands";
import { QA_VERBS } from "../../src/features/qa/cards/qaVerbs";
import { lazyIntentRecogniser } from "../../src/policy/intentBankFile";
import { BOT, invokeActivity, personalConversationId, post } from "../support/activities";
import { cardText } from "../support/connectorRecorder";
import { startAppUnderTest, type AppUnderTest } from "../support/inProcessApp";
import { sampleRoster } from "../support/sampleRoster";

/*
 * Property-based hostility: random and adversarial activities and card payloads thrown at the
 * real bot over HTTP. Whatever arrives, the process must not fail, must not answer 5xx, and a
 * refused card action must leave every record as it was.
 */
jest.setTimeout(120_000);

describe("the bot under random and adversarial input", () => {
  let t: AppUnderTest;
  let verbs: string[];
  /** Verbs a group may use (feedback on an answer, passing it on, starting a command). */
  let groupVerbs: string[];
  const roster = sampleRoster();

  beforeAll(async () => {
    t = await startAppUnderTest({ OUTBOX_POLL_MS: "60000", SCHEDULE_TICK_MS: "3600000" });
    await t.app.scheduler.runOnce();
    await t.app.outboxWorker.drain();
    // As the app builds them (src/composition.ts), with the commands in people's own words and
    // their verb: without the recogniser, intentStart would be left out of "every verb".
    const actions = buildBotHandlers(t.app.services, lazyIntentRecogniser().recogniser).actions;
    verbs = actions.map((a) => a.verb);
    groupVerbs = actions.filter((a) => a.sharedConversations).map((a) => a.verb);
  });
  afterAll(async () => t.stop());

  /** Every record in the store, except conversation references (touched by any turn from a known person) unless asked. */
  function snapshot(app: AppUnderTest = t, withReferences = false): string {
    const db = new Database(path.join(app.dataDir, "policy-bot.sqlite"), { readonly: true });
    try {
      const tables = db
        .prepare(
          `SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB 'rec_*' ${withReferences ? "" : "AND name != 'rec_conversationReferences'"} ORDER BY name`,
        )
        .all() as { name: string }[];
      // Leases are the scheduler's own (it runs meanwhile); a table created empty holds nothing.
      // The outbox worker retries deliveries meanwhile too, so of the outbox only which messages
      // exist counts: a refused action must add none.
      return JSON.stringify(
        tables
          .filter(({ name }) => name !== "rec_leases")
          .map(({ name }) => [
            name,
            db
              .prepare(
                `SELECT id${name === "rec_outbox" ? "" : ", version"} FROM ${name} ORDER BY id`,
              )
              .all(),
          ])
          .filter(([, rows]) => (rows as unknown[]).length > 0),
      );
    } finally {
      db.close();
    }
  }

  const person = fc.oneof(
    fc.constantFrom(...roster).map((p) => ({ aadObjectId: p.aadObjectId, name: p.displayName })),
    fc.record({
      aadObjectId: fc.oneof(fc.uuid(), fc.string({ maxLength: 80 })),
      name: fc.string({ maxLength: 80 }),
    }),
  );
  const nastyString = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.constantFrom(
      "${$root}",
      "<script>alert(1)</script>",
      "[x](javascript:alert(1))",
      "=cmd|' /C calc'!A0",
      "\u0000\u202e",
      "'; DROP TABLE rec_outbox; --",
    ),
    fc.string({ minLength: 5000, maxLength: 20_000 }),
  );
  const json = fc.jsonValue({ maxDepth: 3 });

  function activityFor(
    p: { aadObjectId: string; name: string },
    kind: string,
    text: string,
    payload: unknown,
    verb: string,
  ) {
    const base = {
      id: `fuzz-${Math.random()}`,
      channelId: "msteams",
      serviceUrl: t.connector.url,
      from: { id: `29:${p.aadObjectId}`, name: p.name, aadObjectId: p.aadObjectId },
      recipient: BOT,
      conversation: { id: personalConversationId(p.aadObjectId), conversationType: "personal" },
    };
    switch (kind) {
      case "message":
        return { ...base, type: "message", text, value: payload };
      case "invoke":
        return {
          ...base,
          type: "invoke",
          name: "adaptiveCard/action",
          value: { action: { type: "Action.Execute", verb, data: payload } },
        };
      case "invokeGarbage":
        return { ...base, type: "invoke", name: text, value: payload };
      default:
        return { ...base, type: kind, action: text, membersAdded: payload };
    }
  }

  /** A card action as Action.Execute (an invoke) or as the Action.Submit fallback (a message). */
  function cardAction(
    p: { aadObjectId: string; name: string },
    verb: string,
    data: unknown,
    path: "execute" | "submit",
  ) {
    if (path === "execute") return activityFor(p, "invoke", "", data, verb);
    return {
      ...activityFor(p, "message", "", {}, verb),
      value: { ...(typeof data === "object" && data && !Array.isArray(data) ? data : {}), verb },
    };
  }
  const paths = ["execute", "submit"] as const;

  async function send(activity: unknown): Promise<number> {
    const response = await fetch(`${t.app.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(activity),
    });
    await response.text();
    return response.status;
  }

  test("when random activities arrive, then nothing answers 5xx and the server keeps answering", async () => {
    await fc.assert(
      fc.asyncProperty(
        person,
        fc.constantFrom(
          "message",
          "invoke",
          "invokeGarbage",
          "conversationUpdate",
          "installationUpdate",
          "event",
          "typing",
          "nonsense",
        ),
        nastyString,
        json,
        fc.oneof(
          fc.constantFrom(...(verbs.length ? verbs : ["none"])),
          fc.string({ maxLength: 40 }),
        ),
        async (p, kind, text, payload, verb) => {
          const status = await send(activityFor(p, kind, text, payload, verb));
          // 501 is botbuilder's answer to an invoke it does not implement (Teams' convention), not a failure.
          if (status !== 501) expect(status).toBeLessThan(500);
        },
      ),
      { numRuns: 150 },
    );
    expect((await fetch(`${t.app.url}/healthz`)).status).toBe(200);
  });

  test("when card actions carry forged or random data, then every record stays as it was", async () => {
    const before = snapshot();
    const forged = fc.oneof(
      json,
      fc.record({
        postId: fc.string(),
        caseId: fc.string(),
        version: fc.string(),
        questionId: fc.string(),
        role: fc.constantFrom("headteacher", "aht-publicity", "chair-of-governors"),
      }),
    );
    // Every verb on both paths at least once (then random ones): a verb left out of the
    // checks cannot hide behind the odds of a random draw.
    const every = verbs.flatMap((verb) => paths.map((path) => [verb, path] as const));
    const people = fc.sample(person, every.length);
    const dataSamples = fc.sample(forged, every.length);
    await fc.assert(
      fc.asyncProperty(
        person,
        fc.oneof(
          fc.constantFrom(...(verbs.length ? verbs : ["none"])),
          fc.string({ maxLength: 40 }),
        ),
        forged,
        fc.constantFrom(...paths),
        async (p, verb, data, path) => {
          const status = await send(cardAction(p, verb, data, path));
          expect(status).toBeLessThan(500);
        },
      ),
      {
        numRuns: every.length + 150,
        examples: every.map(([verb, path], i) => [people[i]!, verb, dataSamples[i], path]),
      },
    );
    expect(snapshot()).toBe(before);
  });

  describe("with the tenant pinned", () => {
    let pinned: AppUnderTest;
    beforeAll(async () => {
      pinned = await startAppUnderTest({
        OUTBOX_POLL_MS: "60000",
        SCHEDULE_TICK_MS: "3600000",
        AAD_APP_TENANT_ID: "tenant-1",
      });
      // The start-up jobs (notices to everyone) have run, so only the activities below change records.
      await pinned.app.scheduler.runOnce();
      // ...and been delivered, so the worker's own polls find nothing to change meanwhile.
      await pinned.app.outboxWorker.drain();
    });
    afterAll(async () => pinned.stop());

    const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
    const contentTypes = [
      "application/json",
      "application/json; charset=utf-8",
      "application/activity+json",
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "multipart/form-data",
      "application/xml",
      "application/octet-stream",
    ];
    const isJsonType = (type: string) => /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/.test(type);

    test("when activities come with or without conversation, from and tenant, in every content type, then none answers 5xx, non-JSON is 415 and a refused one changes nothing", async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(
            "message",
            "invoke",
            "conversationUpdate",
            "installationUpdate",
            "event",
            "",
          ),
          maybe(
            fc.oneof(
              person.map((p) => ({
                id: `29:${p.aadObjectId}`,
                name: p.name,
                aadObjectId: p.aadObjectId,
              })),
              json,
            ),
          ),
          maybe(
            fc.oneof(
              fc.record({
                id: fc.string({ maxLength: 60 }),
                conversationType: fc.constantFrom("personal", "groupChat", "channel"),
              }),
              json,
            ),
          ),
          maybe(
            fc.oneof(
              fc.constant({ tenant: { id: "tenant-1" } }),
              fc.record({ tenant: fc.record({ id: fc.string({ maxLength: 40 }) }) }),
              json,
            ),
          ),
          fc.constantFrom(...contentTypes),
          fc.constantFrom("json", "form", "garbage"),
          nastyString,
          json,
          async (type, from, conversation, channelData, contentType, encoding, text, value) => {
            const activity = {
              id: `fuzz-${Math.random()}`,
              type,
              channelId: "msteams",
              serviceUrl: pinned.connector.url,
              recipient: BOT,
              from,
              conversation,
              channelData,
              text,
              value,
              name: "adaptiveCard/action",
            };
            const body =
              encoding === "json"
                ? JSON.stringify(activity)
                : encoding === "form"
                  ? new URLSearchParams(
                      Object.entries(activity).map(([k, v]): [string, string] => [
                        k,
                        JSON.stringify(v ?? ""),
                      ]),
                    ).toString()
                  : text;
            const before = snapshot(pinned, true);
            const response = await fetch(`${pinned.app.url}/api/messages`, {
              method: "POST",
              headers: { "content-type": contentType },
              body,
            });
            const answer = await response.text();
            if (response.status !== 501) expect(response.status).toBeLessThan(500);
            expect(answer).not.toMatch(/\bat \S+ \(|TypeError|ReferenceError|stack/);
            if (!isJsonType(contentType)) expect(response.status).toBe(415);
            if (response.status >= 400) expect(snapshot(pinned, true)).toBe(before);
          },
        ),
        { numRuns: 150 },
      );
      expect((await fetch(`${pinned.app.url}/healthz`)).status).toBe(200);
    });
  });

  describe("in group chats and channels", () => {
    const teacher = roster.find((p) => p.roles.length === 1 && p.roles[0] === "staff")!;
    const head = roster.find((p) => p.roles.includes("headteacher"))!;
    const words = "Someone is posting photos of Year 3 on a personal account.";

    beforeAll(async () => {
      // A real case and its reporter, so a leak would show its words, reference or names.
      const report = {
        kind: "misuse",
        whatWasSeen: words,
        where: "Instagram",
        when: "Yesterday",
        concerns: "pupil",
        rules: "",
        urgent: "false",
        evidence: "",
      };
      const receipt = await post(
        t.app.url,
        invokeActivity(teacher, t.connector.url, "submitReport", report),
      );
      expect(cardText((receipt.body as { value: unknown }).value)).toMatch(
        /R-\d{4}-\d{4} received/,
      );
      await t.app.outboxWorker.drain();
    });

    test("when every verb is sent from every shared conversation on both paths, then none answers 5xx, nothing changes and nothing confidential is posted there", async () => {
      const caseRef = (await t.app.services.store.collection(misuseCaseKind).find({ limit: 1 }))
        .items[0]!.id;
      const before = snapshot();
      t.connector.clear();
      // Which verbs a group may use is decided here, not by whoever adds a verb.
      expect([...groupVerbs].sort()).toEqual(
        // "Did you mean…" under an unrecorded answer: policy text under words already in the chat.
        [
          QA_VERBS.helpful,
          QA_VERBS.notHelpful,
          QA_VERBS.askOwner,
          INTENT_VERBS.start,
          INTENT_VERBS.openSection,
        ].sort(),
      );
      const sharedIds = new Set<string>();
      const onRoster = roster.map((p) => ({ aadObjectId: p.aadObjectId, name: p.displayName }));
      const sender = fc.oneof(
        fc
          .constantFrom(teacher, head, ...roster)
          .map((p) => ({ aadObjectId: p.aadObjectId, name: p.displayName })),
        person,
      );
      const conversationTypes = ["groupChat", "channel"] as const;
      const cardData = fc.oneof(
        json,
        fc.record({
          caseId: fc.constantFrom(caseRef, "R-2026-9999"),
          question: fc.constant("Is it still up?"),
          outcome: fc.constant("advice"),
          note: fc.constant(""),
        }),
        fc.constant({
          kind: "misuse",
          whatWasSeen: words,
          where: "Instagram",
          when: "Today",
          concerns: "pupil",
          rules: "",
          urgent: "false",
          evidence: "",
        }),
        fc.record({
          postId: fc.string(),
          questionId: fc.string(),
          version: fc.constant("2024.07"),
        }),
      );
      // Every verb from every shared conversation type on both paths at least once, then random
      // draws: a verb that escaped the private-chat check would be found whatever the seed.
      const every = verbs.flatMap((verb) =>
        conversationTypes.flatMap((type) => paths.map((path) => [verb, type, path] as const)),
      );
      // Each verb's examples come from people on the roster, so the refusal itself is seen.
      const senders = every.map((_, i) => onRoster[i % onRoster.length]!);
      const dataSamples = fc.sample(cardData, every.length);
      await fc.assert(
        fc.asyncProperty(
          sender,
          fc.constantFrom(...(verbs.length ? verbs : ["none"])),
          fc.constantFrom(...conversationTypes),
          fc.constantFrom(...paths),
          cardData,
          async (p, verb, conversationType, path, data) => {
            const conversation = {
              id: `19:${conversationType}-${p.aadObjectId.slice(0, 8)}@thread.v2`,
              conversationType,
              tenantId: "tenant-1",
            };
            sharedIds.add(conversation.id);
            const base = { ...activityFor(p, "message", "", {}, verb), conversation };
            const activity =
              path === "execute"
                ? {
                    ...base,
                    type: "invoke",
                    name: "adaptiveCard/action",
                    value: { action: { type: "Action.Execute", verb, data } },
                  }
                : {
                    ...base,
                    type: "message",
                    text: "",
                    value: {
                      ...(typeof data === "object" && data && !Array.isArray(data) ? data : {}),
                      verb,
                    },
                  };
            const sentBefore = t.connector.activities.length;
            const response = await fetch(`${t.app.url}/api/messages`, {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify(activity),
            });
            const answer = await response.text();
            expect(response.status).toBeLessThan(500);
            expect(answer).not.toContain(caseRef);
            expect(answer).not.toContain(teacher.displayName);
            // Someone on the roster is told it is for a private chat, whatever the data said.
            if (
              onRoster.some((r) => r.aadObjectId === p.aadObjectId) &&
              !groupVerbs.includes(verb)
            ) {
              const said =
                path === "execute"
                  ? answer
                  : t.connector.activities
                      .slice(sentBefore)
                      .filter((a) => a.conversationId === conversation.id)
                      .map((a) => `${a.body.text ?? ""}`)
                      .join("\n");
              expect(said).toMatch(/only done in your private chat/);
            }
          },
        ),
        {
          numRuns: every.length + 200,
          examples: every.map(([verb, type, path], i) => [
            senders[i]!,
            verb,
            type,
            path,
            dataSamples[i],
          ]),
        },
      );
      await t.app.outboxWorker.drain();
      expect(snapshot()).toBe(before);
      const posted = t.connector.activities.filter((a) => sharedIds.has(a.conversationId));
      expect(posted.filter((a) => (a.body.attachments ?? []).length > 0)).toEqual([]);
      for (const a of posted)
        expect(`${a.body.text ?? ""}`).not.toMatch(
          new RegExp(`${caseRef}|${words}|${teacher.displayName}`),
        );
      // Nothing reached anyone's private chat either: refused actions send nothing.
      expect(t.connector.activities.filter((a) => !sharedIds.has(a.conversationId))).toEqual([]);
    });
  });
});
