import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import type { Browser, Page } from "playwright-core";
import type { Person } from "../../src/domain/people/person";
import { packageRoot } from "../../src/packageRoot";
import { loadPolicyFile } from "../../src/policy/policyFile";
import { SqliteStore } from "../../src/store/sqlite/sqliteStore";
import { acknowledgementKind } from "../../src/features/acknowledgements/acknowledgementRecords";
import { postProposalKind } from "../../src/features/posts/postRecords";
import { askedQuestionKind } from "../../src/app/qa/records";
import {
  escalate,
  giveFeedback,
  newAskedQuestion,
  type AskedQuestion,
} from "../../src/domain/qa/askedQuestion";
import type { PostProposal } from "../../src/domain/posts/postProposal";
import type { Decision } from "../../src/domain/result";
import { startServerUnderTest, type ServerUnderTest } from "../support/appServer";
import { launchChromium } from "../support/browser";
import { seedAcknowledgements, seedNotices, seedVersion } from "../support/dashboardSeed";
import { personWith, sampleRoster } from "../support/sampleRoster";

jest.setTimeout(180_000);

const SHOTS = path.join(packageRoot(), "test-output", "dashboard");
const AXE_SOURCE = fs.readFileSync(
  path.join(packageRoot(), "node_modules/axe-core/axe.min.js"),
  "utf8",
);

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core in the page (evaluated over CDP, so the tab's CSP needs no loosening). */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const { violations, passes } = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run(context: {
            exclude: string[][];
          }): Promise<{ violations: AxeViolation[]; passes: unknown[] }>;
        };
      }
    ).axe;
    // Fluent's focus manager (Tabster) adds aria-hidden focus sentinels on purpose; axe counts
    // them as aria-hidden-focus. Known false positive: https://github.com/microsoft/tabster/issues/288
    const result = await axe.run({ exclude: [["[data-tabster-dummy]"]] });
    return { violations: result.violations, passes: result.passes.length };
  });
  // A check that ran no rules would pass anything.
  expect(passes).toBeGreaterThan(5);
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join("; ")})`,
    );
}

/*
 * What the store holds before the server starts (sample roster of 16):
 * version 2024.07 (in force, due long ago): 6 acknowledged, 2 could not be reached, 8 overdue;
 * an upcoming version taking effect in 45 days: 3 acknowledged, 13 outstanding.
 */
const roster = sampleRoster();
const IN_FORCE = "2024.07";
const effective = new Date(Date.now() + 45 * 86_400_000);
const UPCOMING = `${effective.getUTCFullYear()}.${String(effective.getUTCMonth() + 1).padStart(2, "0")}`;
const acknowledgedInForce = roster.slice(2, 8);
const unreachableInForce = roster.slice(8, 10);
const overdueInForce = roster.filter(
  (p) => !acknowledgedInForce.includes(p) && !unreachableInForce.includes(p),
);
const acknowledgedUpcoming = roster.slice(0, 3);

/*
 * For the panels: 21 unanswered questions (one more than a page), the newest carrying markup
 * that must stay text; and posts in every state, of which two are waiting on someone.
 */
const HOSTILE_QUESTION = "Is this allowed? <img src=x onerror=alert(1)> on my own page";
const ESCALATED_QUESTION = "May I livestream the school play to parents?";
const NOT_HELPFUL_QUESTIONS = 19;
const questionAsker = roster.find((p) => p.roles.length === 1 && p.roles[0] === "staff")!;
const postAuthor = roster.filter((p) => p.roles.length === 1 && p.roles[0] === "staff")[1]!;
const AWAITING_POST = "Congratulations to Jamie Carter on the county chess title!";
const READY_POST = "Year 6 raised money for the food bank this week.";
const POSTED_POST = "Sports day results are in.";

function accepted<T>(decision: Decision<{ question: T }>): T {
  if (!decision.ok) throw new Error(decision.reason);
  return decision.value.question;
}

function askedQuestion(id: string, question: string, askedAt: string): AskedQuestion {
  return newAskedQuestion({
    id,
    askerId: questionAsker.aadObjectId,
    question,
    askedAt,
    policyVersion: IN_FORCE,
    source: "policy",
    shown: {
      citations: [{ sectionId: "s1", heading: "Personal use", quote: "Staff must not ..." }],
      upcomingNote: null,
      curated: null,
    },
  });
}

/** Submitted on `day` November, to be posted on `day` December. */
function seededPost(id: string, text: string, status: PostProposal["status"], day: number) {
  const dd = String(day).padStart(2, "0");
  const post: PostProposal = {
    id,
    authorId: postAuthor.aadObjectId,
    revision: 1,
    text,
    previousText: null,
    accounts: ["Facebook", "Instagram"],
    intendedDate: `2026-12-${dd}`,
    imageLinks: [],
    checklist: {
      parentalPermission: true,
      noIdentifyingInformation: true,
      positiveAndRelevant: true,
      approvedDevice: true,
      deletedFromPersonalDevice: true,
    },
    flags:
      text === AWAITING_POST
        ? [{ kind: "name" as const, text: "It may name a person: Jamie Carter." }]
        : [],
    sentAnywayReason: text === AWAITING_POST ? "His parents asked for it." : null,
    consentOverride: null,
    escalatedTo: [],
    status,
    decisions:
      status === "awaitingApproval"
        ? []
        : (["aht-publicity", "headteacher"] as const).map((key) => ({
            key,
            by: personWith(key).aadObjectId,
            decision: "approve" as const,
            comment: "",
            revision: 1,
            at: `2026-11-${dd}T10:00:00.000Z`,
          })),
    submittedAt: `2026-11-${dd}T09:00:00.000Z`,
    postedLink: status === "posted" ? "https://facebook.com/northfield/posts/1" : null,
    postedAt: status === "posted" ? "2026-11-09T09:00:00.000Z" : null,
    postedBy: status === "posted" ? personWith("resources-manager").aadObjectId : null,
  };
  return post;
}

async function seedPanels(store: SqliteStore): Promise<void> {
  const questions = store.collection(askedQuestionKind);
  for (let i = 0; i < NOT_HELPFUL_QUESTIONS; i++) {
    const at = new Date(Date.UTC(2026, 9, 1 + i, 9)).toISOString();
    const q = askedQuestion(`Q-seed-${i}`, `Seeded question number ${i + 1}?`, at);
    await questions.create(q.id, accepted(giveFeedback(q, questionAsker, "notHelpful", at)));
  }
  const escalated = askedQuestion("Q-seed-escalated", ESCALATED_QUESTION, "2026-11-01T09:00:00Z");
  await questions.create(
    escalated.id,
    accepted(escalate(escalated, questionAsker, "2026-11-01T09:05:00Z")),
  );
  const hostile = askedQuestion("Q-seed-hostile", HOSTILE_QUESTION, "2026-11-02T09:00:00Z");
  await questions.create(
    hostile.id,
    accepted(escalate(hostile, questionAsker, "2026-11-02T09:05:00Z")),
  );
  const posts = store.collection(postProposalKind);
  for (const post of [
    seededPost("P-awaiting", AWAITING_POST, "awaitingApproval", 3),
    seededPost("P-ready", READY_POST, "readyToPost", 4),
    seededPost("P-posted", POSTED_POST, "posted", 5),
  ])
    await posts.create(post.id, post);
}

async function seed(dataDir: string): Promise<{ inForceAcks: number; upcomingAcks: number }> {
  const store = SqliteStore.inDataDir(dataDir);
  try {
    const bundled = loadPolicyFile(
      path.join(packageRoot(), "assets/policy/staff-social-media-policy.md"),
    );
    await seedVersion(store, bundled, {
      label: IN_FORCE,
      effectiveFrom: "2024-07-17",
      publishedAt: "2024-07-10T08:00:00.000Z",
    });
    const now = new Date().toISOString();
    await seedVersion(store, bundled, {
      label: UPCOMING,
      effectiveFrom: effective.toISOString().slice(0, 10),
      publishedAt: now,
    });
    const reached = roster.filter((p) => !unreachableInForce.includes(p));
    await seedNotices(store, IN_FORCE, reached, {
      status: "delivered",
      deliveredAt: "2024-07-10T08:05:00.000Z",
    });
    await seedNotices(store, IN_FORCE, unreachableInForce, {
      status: "undeliverable",
      at: "2024-07-10T08:05:00.000Z",
    });
    await seedAcknowledgements(
      store,
      IN_FORCE,
      acknowledgedInForce,
      (i) => `2024-07-1${i}T10:00:00.000Z`,
    );
    await seedNotices(store, UPCOMING, roster, { status: "delivered", deliveredAt: now });
    await seedAcknowledgements(store, UPCOMING, acknowledgedUpcoming, () => now);
    await seedPanels(store);
    const acks = store.collection(acknowledgementKind);
    return {
      inForceAcks: await acks.count({ where: { version: IN_FORCE } }),
      upcomingAcks: await acks.count({ where: { version: UPCOMING } }),
    };
  } finally {
    await store.close();
  }
}

describe("the headteacher's dashboard tab in Chromium (local mode)", () => {
  let server: ServerUnderTest;
  let browser: Browser;
  let dataDir: string;
  let stored: { inForceAcks: number; upcomingAcks: number };
  const pages: Page[] = [];

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "dashboard-e2e-"));
    stored = await seed(dataDir);
    server = await startServerUnderTest({
      DATA_DIR: dataDir,
      OUTBOX_POLL_MS: "200",
      OUTBOX_RATE_PER_SECOND: "20",
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const p of pages) await p.context().close();
    await browser?.close();
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function open(
    person: Person,
    colorScheme: "light" | "dark" = "light",
    base = server.url,
    forcedColors: "active" | "none" = "none",
  ): Promise<Page> {
    const context = await browser.newContext({
      colorScheme,
      forcedColors,
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    pages.push(page);
    await page.goto(`${base}/tab/?user=${encodeURIComponent(person.aadObjectId)}`);
    return page;
  }

  const figure = async (page: Page, status: string) =>
    Number((await page.getByTestId(`figure-${status}`).innerText()).replace(/,/g, ""));
  const staffRows = (page: Page) => page.getByTestId("staff-row");

  test("when the headteacher opens the tab, then the figures match the store, by version and by department", async () => {
    expect(stored).toEqual({ inForceAcks: 6, upcomingAcks: 3 });
    const page = await open(personWith("headteacher"));
    await page.getByTestId("local-banner").waitFor();
    expect(await page.getByTestId("local-banner").innerText()).toContain("Local development");
    await page.getByTestId("figure-acknowledged").waitFor();
    expect(await page.getByRole("tab", { selected: true }).innerText()).toBe(
      `In force: ${IN_FORCE}`,
    );
    expect(await figure(page, "acknowledged")).toBe(stored.inForceAcks);
    expect(await figure(page, "undeliverable")).toBe(unreachableInForce.length);
    expect(await figure(page, "overdue")).toBe(overdueInForce.length);
    expect(await figure(page, "outstanding")).toBe(0);
    expect(await page.getByTestId("completion-rate").innerText()).toBe(
      `${Math.floor((6 / 16) * 100)}%`,
    );
    expect(await page.getByTestId("department-row").count()).toBe(
      new Set(roster.map((p) => p.department)).size,
    );
    await page.getByTestId("row-count").filter({ hasText: `1–16 of 16 staff` }).waitFor();
    expect(await staffRows(page).count()).toBe(16);
    await page.screenshot({ path: path.join(SHOTS, "headteacher-in-force.png"), fullPage: true });

    await page.getByRole("tab", { name: `Upcoming: ${UPCOMING}` }).click();
    await page.getByTestId("figure-outstanding").filter({ hasText: "13" }).waitFor();
    expect(await figure(page, "acknowledged")).toBe(stored.upcomingAcks);
    expect(await figure(page, "overdue")).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, "headteacher-upcoming.png"), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("when the headteacher filters by status, searches and exports, then the table and the CSV hold just those staff", async () => {
    const page = await open(personWith("headteacher"));
    await page.getByTestId("row-count").filter({ hasText: "of 16 staff" }).waitFor();
    await page.getByLabel("Status", { exact: true }).selectOption("overdue");
    await page
      .getByTestId("row-count")
      .filter({ hasText: `1–${overdueInForce.length} of ${overdueInForce.length} staff` })
      .waitFor();
    const shown = await staffRows(page).locator("td:first-child").allInnerTexts();
    expect(shown.sort()).toEqual(overdueInForce.map((p) => p.displayName).sort());
    expect((await staffRows(page).allInnerTexts()).every((text) => text.includes("Overdue"))).toBe(
      true,
    );

    // In a browser the tab follows the five-minute link the API hands out (no blob download).
    const [download, linkAnswer] = await Promise.all([
      page.waitForEvent("download"),
      page.waitForResponse((r) => r.url().includes("/rows.csv/link")),
      page.getByRole("button", { name: "Export CSV" }).click(),
    ]);
    expect(linkAnswer.request().method()).toBe("POST");
    expect(download.url()).toMatch(
      new RegExp(`^${server.url}/api/exports/acknowledgements\\.csv\\?token=[\\w.-]+$`),
    );
    expect(download.suggestedFilename()).toMatch(
      new RegExp(
        `^acknowledgements-${IN_FORCE.replace(".", "\\.")}-overdue-\\d{4}-\\d{2}-\\d{2}\\.csv$`,
      ),
    );
    const csv = fs.readFileSync((await download.path())!, "utf8");
    const [header, ...rows] = parse(csv, { bom: true }) as string[][];
    expect(header?.slice(0, 4)).toEqual(["Name", "Email", "Department", "Status"]);
    expect(rows.map((r) => r[0]).sort()).toEqual(overdueInForce.map((p) => p.displayName).sort());
    expect(rows.every((r) => r[3] === "Overdue")).toBe(true);
    fs.writeFileSync(path.join(SHOTS, "export-overdue.csv"), csv);

    const someone = overdueInForce[overdueInForce.length - 1]!;
    await page.getByLabel("Search by name").fill(someone.displayName.split(" ")[1]!);
    await page.getByTestId("row-count").filter({ hasText: "1–1 of 1 staff" }).waitFor();
    expect(await staffRows(page).locator("td:first-child").allInnerTexts()).toEqual([
      someone.displayName,
    ]);

    await page.getByLabel("Search by name").fill("");
    await page.getByLabel("Status", { exact: true }).selectOption("");
    await page.getByLabel("Department", { exact: true }).selectOption("Science");
    const science = roster.filter((p) => p.department === "Science");
    await page
      .getByTestId("row-count")
      .filter({ hasText: `of ${science.length} staff` })
      .waitFor();
    await page.getByRole("columnheader", { name: "Name" }).click();
    await page.locator('th[aria-sort="descending"]', { hasText: "Name" }).waitFor();
    await page
      .getByTestId("row-count")
      .filter({ hasText: `of ${science.length} staff` })
      .waitFor();
    expect(await staffRows(page).locator("td:first-child").allInnerTexts()).toEqual(
      science.map((p) => p.displayName).sort((a, b) => b.localeCompare(a)),
    );
    await page.screenshot({ path: path.join(SHOTS, "headteacher-filtered.png"), fullPage: true });
  });

  /**
   * Whether an element is drawn in the system's Highlight colour. High contrast (forced colours)
   * replaces background colours with Canvas, so a bar drawn only in a background colour vanishes.
   */
  const drawnInHighlight = (page: Page, selector: string) =>
    // Evaluated in the page as a string: the tests' TypeScript has no DOM library.
    page.evaluate(`(() => {
      const probe = document.createElement("span");
      probe.style.cssText = "background-color: Highlight; forced-color-adjust: none";
      document.body.append(probe);
      const highlight = getComputedStyle(probe).backgroundColor;
      probe.remove();
      const bars = [...document.querySelectorAll(${JSON.stringify(selector)})];
      return { bars: bars.length, highlight, drawn: bars.map((b) => getComputedStyle(b).backgroundColor) };
    })()`) as Promise<{ bars: number; highlight: string; drawn: string[] }>;
  const computed = (page: Page, selector: string, property: string) =>
    page.evaluate(
      `getComputedStyle(document.querySelector(${JSON.stringify(selector)})).${property}`,
    ) as Promise<string>;

  test("when the headteacher reminds the outstanding in high contrast, then the outbox works through them, the tab shows it finish, and the bars stay visible", async () => {
    const page = await open(personWith("headteacher"), "light", server.url, "active");
    await page.getByRole("button", { name: "Remind outstanding" }).click();
    await page
      .getByRole("dialog")
      .getByText(`${overdueInForce.length} people have not acknowledged`)
      .waitFor();
    await page.getByRole("button", { name: "Send reminders" }).click();
    // Nobody in this test installed the bot, so every reminder ends "could not be reached",
    // and the message says why, counts those not reminded at all, and says what fixes it.
    const n = overdueInForce.length;
    const m = unreachableInForce.length;
    await page
      .getByText(
        `Done: 0 delivered, ${n} could not be reached (${n} never opened the app). ${m} more could not be reached before, so were not sent one (${m} never opened the app). To reach them, install the app for everyone`,
      )
      .waitFor({ timeout: 30_000 });
    // The figures and the rows now agree with the message: n + m could not be reached.
    await page
      .getByTestId("figure-undeliverable")
      .filter({ hasText: String(n + m) })
      .waitFor();
    expect(await page.getByTestId("unreachable-why").innerText()).toContain(
      `${n + m} could not be reached: ${n + m} never opened the app.`,
    );
    await page.getByLabel("Status", { exact: true }).selectOption("undeliverable");
    await page
      .getByTestId("row-count")
      .filter({ hasText: `1–${n + m} of ${n + m} staff` })
      .waitFor();
    const rows = await staffRows(page).allInnerTexts();
    expect(rows).toHaveLength(n + m);
    for (const row of rows) {
      expect(row).toContain("Not acknowledged");
      expect(row).toContain("Could not be reached: never opened the app");
    }
    await page.screenshot({ path: path.join(SHOTS, "headteacher-reminders.png"), fullPage: true });
    // High contrast: the reminders' progress bar and the departments' bars are still drawn.
    expect(await page.evaluate(`matchMedia("(forced-colors: active)").matches`)).toBe(true);
    const progress = await drawnInHighlight(
      page,
      "[data-testid=reminder-progress] .fui-ProgressBar__bar",
    );
    expect(progress.bars).toBe(1);
    expect(progress.drawn).toEqual([progress.highlight]);
    // Its track keeps an outline, so how much is still to go can be seen.
    expect(await computed(page, "[data-testid=reminder-progress]", "outlineStyle")).toBe("solid");
    const departments = await drawnInHighlight(
      page,
      "[data-testid=department-row] [aria-hidden=true] > span",
    );
    expect(departments.bars).toBeGreaterThan(0);
    expect(new Set(departments.drawn)).toEqual(new Set([departments.highlight]));
  });

  test("when the headteacher opens the tab, then both panels list the seeded rows and markup in a question stays text", async () => {
    const page = await open(personWith("headteacher"));
    const alerts: string[] = [];
    page.on("dialog", (dialog) => {
      alerts.push(dialog.message());
      void dialog.dismiss();
    });
    const questionsPanel = page.getByRole("table", { name: "Questions waiting for an answer" });
    const postsPanel = page.getByRole("table", { name: "Posts waiting for approval" });
    await page
      .getByTestId("unanswered-count")
      .filter({ hasText: `Showing 20 of ${NOT_HELPFUL_QUESTIONS + 2} questions` })
      .waitFor();
    const questions = page.getByTestId("unanswered-question");
    expect(await questions.count()).toBe(20);

    // Newest first: the hostile text, shown exactly as typed, with no element made from it.
    const first = questions.first();
    expect(await first.locator("td").first().innerText()).toBe(HOSTILE_QUESTION);
    expect(await questionsPanel.locator("img").count()).toBe(0);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await first.innerText()).toContain("Sent to the policy owner, not yet answered");
    expect(await first.innerText()).toContain(questionAsker.displayName);
    // 2 November 2026 09:00 UTC is 09:00 in London (GMT).
    expect(await first.innerText()).toContain("2 November 2026, 09:00");
    const second = questions.nth(1);
    expect(await second.locator("td").first().innerText()).toBe(ESCALATED_QUESTION);
    // Marked not helpful: the asker is not named.
    const third = questions.nth(2);
    expect(await third.innerText()).toContain("Answer marked not helpful");
    expect(await third.innerText()).toContain("Not shared");
    expect(await third.innerText()).not.toContain(questionAsker.displayName);

    await page.getByRole("button", { name: "Load more questions" }).click();
    await page
      .getByTestId("unanswered-count")
      .filter({ hasText: `Showing ${NOT_HELPFUL_QUESTIONS + 2} of ${NOT_HELPFUL_QUESTIONS + 2}` })
      .waitFor();
    expect(await questions.count()).toBe(NOT_HELPFUL_QUESTIONS + 2);
    expect(await questions.last().locator("td").first().innerText()).toBe(
      "Seeded question number 1?",
    );
    expect(await page.getByRole("button", { name: "Load more questions" }).count()).toBe(0);

    await page
      .getByTestId("pending-posts-count")
      .filter({ hasText: "Showing 2 of 2 posts" })
      .waitFor();
    const posts = page.getByTestId("pending-post");
    expect(await posts.count()).toBe(2);
    const awaiting = await posts.nth(0).innerText();
    expect(awaiting).toContain(postAuthor.displayName);
    expect(awaiting).toContain(AWAITING_POST);
    expect(awaiting).toContain("Facebook, Instagram");
    expect(awaiting).toContain("3 December 2026");
    expect(awaiting).toContain("Waiting for approval");
    expect(awaiting).toContain(
      "Assistant Headteacher (Parents, Publicity & Promotion) and Headteacher",
    );
    expect(awaiting).toContain("1 flag to check");
    const ready = await posts.nth(1).innerText();
    expect(ready).toContain(READY_POST);
    expect(ready).toContain("Approved: ready to post");
    expect(ready).toContain("Both approvals given");
    expect(await postsPanel.innerText()).not.toContain(POSTED_POST);

    expect(alerts).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, "headteacher-panels.png"), fullPage: true });
  });

  test("when the policy owner opens the tab, then they see the questions panel and not the posts panel", async () => {
    const page = await open(personWith("aht-digital"));
    await page.getByTestId("unanswered-question").first().waitFor();
    expect(await page.getByRole("table", { name: "Posts waiting for approval" }).count()).toBe(0);
    expect(await page.getByTestId("pending-post").count()).toBe(0);
  });

  test("when the dashboard is shown in the dark theme, then it switches theme and axe finds nothing serious", async () => {
    const page = await open(personWith("aht-digital"), "dark");
    await page.getByTestId("row-count").filter({ hasText: "of 16 staff" }).waitFor();
    expect(await page.locator("[data-theme]").first().getAttribute("data-theme")).toBe("dark");
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, "aht-digital-dark.png"), fullPage: true });
  });

  test("when the light dashboard with the staff table is checked, then axe finds nothing serious", async () => {
    const page = await open(personWith("headteacher"));
    await page.getByTestId("row-count").filter({ hasText: "of 16 staff" }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("when the chair of governors opens the tab, then they see the figures and no names, rows, export or reminders", async () => {
    const page = await open(personWith("chair-of-governors"));
    await page.getByTestId("figure-acknowledged").waitFor();
    expect(await figure(page, "acknowledged")).toBe(stored.inForceAcks);
    expect(await page.getByText("Names are not shown").count()).toBe(1);
    expect(await staffRows(page).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Export CSV" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Remind outstanding" }).count()).toBe(0);
    const body = await page.locator("body").innerText();
    for (const p of roster.filter((r) => !r.roles.includes("chair-of-governors")))
      expect(body).not.toContain(p.displayName);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, "chair-figures-only.png"), fullPage: true });
  });

  test("when a member of staff opens the tab, then they get the friendly 403 page and no figures", async () => {
    const teacher = personWith("staff");
    const page = await open(teacher);
    await page.getByTestId("forbidden").waitFor();
    const text = await page.getByTestId("forbidden").innerText();
    expect(text).toContain("This dashboard is not available to you");
    expect(text).toContain(teacher.displayName.split(" ")[0]);
    expect(await page.getByTestId("figure-acknowledged").count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, "forbidden-staff.png"), fullPage: true });
  });

  test("when tab sign-in is configured, then ?user= signs nobody in and the tab asks for Teams sign-in", async () => {
    const configured = await startServerUnderTest({
      AAD_APP_CLIENT_ID: "0f1e2d3c-aaaa-4bbb-8ccc-ddddeeeeffff",
      AAD_APP_TENANT_ID: "9a8b7c6d-1111-4222-8333-444455556666",
      // Never fetched: no token ever arrives.
      SSO_JWKS_URL: "http://127.0.0.1:9/keys",
    });
    try {
      const page = await open(personWith("headteacher"), "light", configured.url);
      await page.getByTestId("sign-in-problem").waitFor();
      expect(await page.getByTestId("local-banner").count()).toBe(0);
      expect(await page.getByTestId("figure-acknowledged").count()).toBe(0);
      await page.screenshot({ path: path.join(SHOTS, "sign-in-required.png"), fullPage: true });
    } finally {
      await configured.stop();
    }
  });
});
