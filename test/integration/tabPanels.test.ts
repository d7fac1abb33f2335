import { decidePost, proposePost } from "../../src/features/posts/postApprovals";
import { POST_EXCERPT_LENGTH } from "../../src/features/posts/pendingPosts";
import { postProposalKind } from "../../src/features/posts/postRecords";
import { askQuestion } from "../../src/features/qa/askQuestion";
import { escalateQuestion } from "../../src/features/qa/escalateQuestion";
import { askedQuestionKind } from "../../src/app/qa/records";
import { recordFeedback } from "../../src/features/qa/recordFeedback";
import type { Person } from "../../src/domain/people/person";
import type { PostContent } from "../../src/domain/posts/postProposal";
import type {
  PendingPostsPage,
  TabSession,
  UnansweredQuestionsPage,
} from "../../src/http/tabApiContract";
import { findAll } from "../../src/store/findAll";
import { startAppUnderTest, TestClock, type AppUnderTest } from "../support/inProcessApp";
import { personWith, sampleRoster } from "../support/sampleRoster";

/*
 * The dashboard's capability panels over the running app (local sign-in): questions waiting
 * for an answer and posts waiting for approval, seeded through their own use cases, read back
 * through the tab API as each role would.
 */
describe("the dashboard's panels: unanswered questions and pending posts", () => {
  const clock = new TestClock();
  let t: AppUnderTest;
  const roster = sampleRoster();
  const head = personWith("headteacher");
  const owner = personWith("aht-digital");
  const publicity = personWith("aht-publicity");
  const resources = personWith("resources-manager");
  const chair = personWith("chair-of-governors");
  const teacher = personWith("staff");
  const colleague = roster.filter((p) => p.roles.length === 1 && p.roles[0] === "staff")[1]!;
  const HOSTILE = "Can I share <img src=x onerror=alert(1)> on my own account?";

  const api = async (who: Person, pathAndQuery: string) => {
    const response = await fetch(`${t.app.url}/api/tab${pathAndQuery}`, {
      headers: { "x-local-user": who.aadObjectId },
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };
  const ticked: PostContent["checklist"] = {
    parentalPermission: true,
    noIdentifyingInformation: true,
    positiveAndRelevant: true,
    approvedDevice: true,
    deletedFromPersonalDevice: true,
  };
  const content = (text: string, intendedDate: string): PostContent => ({
    text,
    accounts: ["Facebook", "X"],
    intendedDate,
    imageLinks: [],
    checklist: ticked,
  });
  const ids = { escalated: "", notHelpful: "", hostile: "", awaiting: "", ready: "", long: "" };
  const LONG_TEXT = `Our choir sang beautifully at the town carol concert. ${"Thank you to every family who came along to support them. ".repeat(8)}`;

  beforeAll(async () => {
    clock.set("2026-11-02T09:00:00Z");
    t = await startAppUnderTest({ OUTBOX_POLL_MS: "60000", SCHEDULE_TICK_MS: "3600000" }, clock);
    const s = t.app.services;

    // Answered, then marked not helpful (and not sent on): listed, asker not named.
    const rated = await askQuestion(
      s,
      colleague,
      "Can I post photos of pupils on my own Instagram?",
    );
    if (!rated.ok) throw new Error(rated.reason);
    expect(rated.value.question.answered).toBe(true);
    ids.notHelpful = rated.value.question.id;
    expect((await recordFeedback(s, colleague, ids.notHelpful, "notHelpful")).ok).toBe(true);

    // Answered and found helpful: not listed.
    clock.set("2026-11-02T10:00:00Z");
    const helpful = await askQuestion(s, colleague, "Can I accept a friend request from a pupil?");
    if (!helpful.ok) throw new Error(helpful.reason);
    if (helpful.value.question.answered)
      expect((await recordFeedback(s, colleague, helpful.value.question.id, "helpful")).ok).toBe(
        true,
      );

    // Sent to the policy owner: listed with the asker's name.
    clock.set("2026-11-03T08:30:00Z");
    const escalated = await askQuestion(s, teacher, "May I livestream the school play to parents?");
    if (!escalated.ok) throw new Error(escalated.reason);
    ids.escalated = escalated.value.question.id;
    expect((await escalateQuestion(s, teacher, ids.escalated)).ok).toBe(true);

    // Markup in a question is data, sent on as it was typed.
    clock.set("2026-11-03T11:00:00Z");
    const hostile = await askQuestion(s, teacher, HOSTILE);
    if (!hostile.ok) throw new Error(hostile.reason);
    ids.hostile = hostile.value.question.id;
    expect((await escalateQuestion(s, teacher, ids.hostile)).ok).toBe(true);

    // Posts: one with one approval missing, one approved by both, one rejected, one long.
    clock.set("2026-11-04T09:00:00Z");
    const awaiting = await proposePost(
      s,
      s.posts,
      teacher,
      content("Congratulations to Jamie Carter on the county chess title!", "2026-11-20"),
      "His parents asked for his name to be used.",
    );
    if (!awaiting.ok) throw new Error(awaiting.reason);
    ids.awaiting = awaiting.value.post!.id;
    expect(
      (await decidePost(s, publicity, ids.awaiting, "aht-publicity", "approve", "", 1, "test")).ok,
    ).toBe(true);

    clock.set("2026-11-04T10:00:00Z");
    const ready = await proposePost(
      s,
      s.posts,
      colleague,
      content("Year 6 raised money for the food bank this week.", "2026-11-21"),
    );
    if (!ready.ok) throw new Error(ready.reason);
    ids.ready = ready.value.post!.id;
    for (const [who, key] of [
      [publicity, "aht-publicity"],
      [head, "headteacher"],
    ] as const) {
      expect((await decidePost(s, who, ids.ready, key, "approve", "", 1, "test")).ok).toBe(true);
    }

    clock.set("2026-11-04T11:00:00Z");
    const rejected = await proposePost(
      s,
      s.posts,
      colleague,
      content("Sports day results are in.", "2026-11-22"),
    );
    if (!rejected.ok) throw new Error(rejected.reason);
    expect(
      (
        await decidePost(
          s,
          head,
          rejected.value.post!.id,
          "headteacher",
          "reject",
          "Not this term.",
          1,
          "test",
        )
      ).ok,
    ).toBe(true);

    clock.set("2026-11-04T12:00:00Z");
    // X takes 280 characters: the long post is for Facebook only.
    const long = await proposePost(
      s,
      s.posts,
      teacher,
      { ...content(LONG_TEXT, "2026-12-18"), accounts: ["Facebook"] },
      "Checked.",
    );
    if (!long.ok) throw new Error(long.reason);
    ids.long = long.value.post!.id;
  });
  afterAll(async () => t?.stop());

  test("when each role opens the session, then only the panels their role allows are listed", async () => {
    const panelsOf = async (who: Person) => {
      const answer = await api(who, "/session");
      expect(answer.status).toBe(200);
      return (answer.json as unknown as TabSession).panels.map((p) => p.id);
    };
    // The capability modules' panels (permissions, approval trail, suggestions, training) follow.
    expect(await panelsOf(head)).toEqual([
      "unansweredQuestions",
      "pendingPosts",
      "writtenPermissions",
      "approvalTrail",
      "suggestions",
      "trainingDue",
    ]);
    expect(await panelsOf(owner)).toEqual([
      "unansweredQuestions",
      "writtenPermissions",
      "approvalTrail",
      "suggestions",
      "trainingDue",
    ]);
    // The Chair records the governors' approval of a new version, so sees its trail.
    expect(await panelsOf(chair)).toEqual(["approvalTrail"]);
    const session = (await api(head, "/session")).json as unknown as TabSession;
    expect(session.panels.slice(0, 2)).toEqual([
      {
        id: "unansweredQuestions",
        title: "Questions waiting for an answer",
        path: "/questions/unanswered",
      },
      { id: "pendingPosts", title: "Posts waiting for approval", path: "/posts/pending" },
    ]);
    expect((await api(teacher, "/session")).status).toBe(403);
  });

  test("when the headteacher or the policy owner lists unanswered questions, then they get the store's, newest first, naming only escalating askers", async () => {
    const stored = (
      await findAll(t.app.services.store.collection(askedQuestionKind), {
        where: { unanswered: true },
      })
    ).map((r) => r.data);
    expect(stored.map((q) => q.id).sort()).toEqual(
      [ids.escalated, ids.notHelpful, ids.hostile].sort(),
    );
    const byId = (id: string) => stored.find((q) => q.id === id)!;
    // The test clock runs on from where it was set: times come from the records.
    expect(byId(ids.escalated).askedAt.startsWith("2026-11-03T08:30")).toBe(true);
    for (const who of [head, owner]) {
      const answer = await api(who, "/questions/unanswered");
      expect(answer.status).toBe(200);
      const page = answer.json as unknown as UnansweredQuestionsPage;
      expect(page.total).toBe(3);
      expect(page.nextCursor).toBeUndefined();
      expect(page.items).toEqual([
        expect.objectContaining({
          questionId: ids.hostile,
          question: HOSTILE,
          reason: "waitingForPolicyOwner",
          askedBy: teacher.displayName,
        }),
        expect.objectContaining({
          questionId: ids.escalated,
          question: "May I livestream the school play to parents?",
          askedAt: byId(ids.escalated).askedAt,
          reason: "waitingForPolicyOwner",
          askedBy: teacher.displayName,
          escalatedAt: byId(ids.escalated).escalatedAt,
        }),
        expect.objectContaining({
          questionId: ids.notHelpful,
          reason: "notHelpful",
          askedBy: null,
          escalatedAt: null,
        }),
      ]);
      // What the bot answered stays in chat: the panel gets just what it shows.
      expect(Object.keys(page.items[0]!).sort()).toEqual([
        "askedAt",
        "askedBy",
        "escalatedAt",
        "policyVersion",
        "question",
        "questionId",
        "reason",
      ]);
    }
  });

  test("when unanswered questions are read a page at a time, then the pages follow on without repeats", async () => {
    const first = (await api(head, "/questions/unanswered?limit=2"))
      .json as unknown as UnansweredQuestionsPage;
    expect(first.items.map((q) => q.questionId)).toEqual([ids.hostile, ids.escalated]);
    expect(first.total).toBe(3);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await api(
      head,
      `/questions/unanswered?limit=2&cursor=${encodeURIComponent(first.nextCursor!)}`,
    );
    expect(second.status).toBe(200);
    const page = second.json as unknown as UnansweredQuestionsPage;
    expect(page.items.map((q) => q.questionId)).toEqual([ids.notHelpful]);
    expect(page.nextCursor).toBeUndefined();
  });

  test("when the headteacher lists pending posts, then awaiting and ready posts come oldest first with what is still missing", async () => {
    const stored = (await findAll(t.app.services.store.collection(postProposalKind))).map(
      (r) => r.data,
    );
    expect(stored.map((p) => p.status).sort()).toEqual(
      ["awaitingApproval", "awaitingApproval", "readyToPost", "rejected"].sort(),
    );
    const answer = await api(head, "/posts/pending");
    expect(answer.status).toBe(200);
    const page = answer.json as unknown as PendingPostsPage;
    expect(page.total).toBe(3);
    expect(page.items.map((p) => p.postId)).toEqual([ids.awaiting, ids.ready, ids.long]);
    const [awaiting, ready, long] = page.items;
    expect(awaiting).toEqual({
      postId: ids.awaiting,
      authorName: teacher.displayName,
      excerpt: "Congratulations to Jamie Carter on the county chess title!",
      truncated: false,
      accounts: ["Facebook", "X"],
      intendedDate: "2026-11-20",
      status: "awaitingApproval",
      statusWords: "Waiting for approval",
      approvalsMissing: ["Headteacher"],
      flagCount: stored.find((p) => p.id === ids.awaiting)!.flags.length,
      submittedAt: stored.find((p) => p.id === ids.awaiting)!.submittedAt,
    });
    expect(awaiting!.flagCount).toBeGreaterThan(0);
    expect(ready).toEqual(
      expect.objectContaining({
        authorName: colleague.displayName,
        status: "readyToPost",
        statusWords: "Approved: ready to post",
        approvalsMissing: [],
        flagCount: 0,
      }),
    );
    expect(long!.approvalsMissing).toEqual([
      "Assistant Headteacher (Parents, Publicity & Promotion)",
      "Headteacher",
    ]);
    expect(long!.truncated).toBe(true);
    expect(Array.from(long!.excerpt)).toHaveLength(POST_EXCERPT_LENGTH);
    expect(long!.excerpt.endsWith("…")).toBe(true);
    expect(LONG_TEXT.startsWith(long!.excerpt.slice(0, -1))).toBe(true);
  });

  test("when the approvers and the publisher open pending posts, then the server lets them; others get 403 from both panels", async () => {
    for (const who of [publicity, resources])
      expect((await api(who, "/posts/pending")).status).toBe(200);
    // The policy owner sees questions but does not approve or publish posts.
    expect((await api(owner, "/posts/pending")).status).toBe(403);
    for (const who of [publicity, resources])
      expect((await api(who, "/questions/unanswered")).status).toBe(403);
    for (const who of [teacher, chair]) {
      const questions = await api(who, "/questions/unanswered");
      expect(questions.status).toBe(403);
      expect(questions.json.error).toBe("QA.NOT_ALLOWED");
      expect(JSON.stringify(questions.json)).not.toContain("livestream");
      const posts = await api(who, "/posts/pending");
      expect(posts.status).toBe(403);
      expect(posts.json.error).toBe("POST.NOT_ALLOWED");
      expect(JSON.stringify(posts.json)).not.toContain("chess");
    }
  });

  test.each([
    ["a zero limit", "limit=0", /limit must be a whole number from 1 to 100/],
    ["a limit over 100", "limit=101", /limit/],
    ["a limit that is not a number", "limit=ten", /limit/],
    ["an unknown parameter", "page=2", /unknown parameter "page"/],
    ["a repeated cursor", "cursor=a&cursor=b", /cursor must be given once/],
    [
      "a cursor the store never issued",
      "cursor=bm90LWEtY3Vyc29y",
      /cursor is not one this list gave out/,
    ],
  ])(
    "when a panel is asked with %s, then both routes answer 400 naming it",
    async (_n, query, message) => {
      for (const path of ["/questions/unanswered", "/posts/pending"]) {
        const answer = await api(head, `${path}?${query}`);
        expect(answer.status).toBe(400);
        expect(answer.json.error).toBe("TAB.BAD_REQUEST");
        expect(String(answer.json.message)).toMatch(message);
      }
    },
  );

  test("when no one is signed in, then the panels answer 401", async () => {
    for (const path of ["/questions/unanswered", "/posts/pending"]) {
      const response = await fetch(`${t.app.url}/api/tab${path}`);
      expect(response.status).toBe(401);
    }
  });
});
