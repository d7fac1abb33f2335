import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import type { Person } from "../../src/domain/people/person";
import { writePlaygroundConfig } from "../../scripts/playgroundConfig";
import { freePort, startPlayground, waitForHttp, type Started } from "../../scripts/processes";

/*
 * One person at the keyboard: their own Agents Playground (own folder, own port, own connector)
 * driven in Chromium the way they would use Teams. Flows between people start one per person.
 */
export class PlaygroundUser {
  private constructor(
    readonly person: Person,
    readonly page: Page,
    readonly url: string,
    private readonly process: Started,
    private readonly dir: string,
  ) {}

  static async open(
    browser: Browser,
    person: Person,
    roster: readonly Person[],
    botEndpoint: string,
  ): Promise<PlaygroundUser> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "playground-"));
    writePlaygroundConfig(dir, person, roster);
    const port = await freePort();
    const started = startPlayground({ cwd: dir, port, botEndpoint });
    const url = `http://127.0.0.1:${port}/`;
    try {
      await waitForHttp(url, 30_000, started.child);
    } catch (error) {
      await started.stop();
      throw new Error(`${(error as Error).message}\n${started.output()}`);
    }
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    await page.goto(url, { waitUntil: "domcontentloaded" });
    await page.locator('[data-lexical-editor="true"]').waitFor({ timeout: 30_000 });
    return new PlaygroundUser(person, page, url, started, dir);
  }

  /** The conversation, without the log panel (which echoes what the user typed). */
  chat(): Locator {
    return this.page.locator("body");
  }

  async conversationText(): Promise<string> {
    const text = await this.page.locator("body").innerText();
    const logStart = text.indexOf("Log Panel");
    return logStart >= 0 ? text.slice(0, logStart) : text;
  }

  async say(text: string): Promise<void> {
    const editor = this.page.locator('[data-lexical-editor="true"]');
    await editor.click();
    await editor.pressSequentially(text);
    await this.page.keyboard.press("Enter");
  }

  /** Waits until the conversation shows the text (string or pattern). */
  async waitForText(expected: string | RegExp, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let text = "";
    while (Date.now() < deadline) {
      text = await this.conversationText();
      if (typeof expected === "string" ? text.includes(expected) : expected.test(text)) return text;
      await this.page.waitForTimeout(200);
    }
    throw new Error(
      `Timed out waiting for ${String(expected)} in the playground as ${this.person.displayName}.\nLast text:\n${text.slice(-3000)}`,
    );
  }

  async clickButton(title: string | RegExp, index: "first" | "last" = "last"): Promise<void> {
    // Exact names: "Approve" must not also match "Approve and post", hidden show-card buttons excluded.
    const buttons = this.page
      .getByRole("button", { name: title, exact: typeof title === "string" })
      .locator("visible=true");
    await (index === "last" ? buttons.last() : buttons.first()).click();
  }

  /**
   * Opens an Action.ShowCard and waits for its first field (or button). The Playground redraws every card
   * when a message arrives, which closes an open ShowCard (Teams keeps it open), so a message
   * landing just after the click is met by clicking again.
   */
  async openShowCard(title: string, firstField: string | { button: string }): Promise<Locator> {
    const field = (
      typeof firstField === "string"
        ? this.page.getByLabel(firstField)
        : this.page.getByRole("button", { name: firstField.button, exact: true })
    ).last();
    for (let attempt = 1; ; attempt++) {
      await this.clickButton(title);
      try {
        await field.waitFor({ state: "visible", timeout: 5_000 });
        return field;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
  }

  /**
   * Opens an Action.ShowCard and presses a button in it. A redraw that closes the card before the press
   * leaves the button hidden, so the press times out without being sent and is tried again from the start.
   */
  async pressInShowCard(title: string, button: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const target = await this.openShowCard(title, { button });
      try {
        await target.click({ timeout: 5_000 });
        return;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
  }

  /** Opens an Action.ShowCard and fills its fields, starting again if a redraw closes it meanwhile. */
  async fillShowCard(title: string, fields: readonly (readonly [string, string])[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.openShowCard(title, fields[0]![0]);
        for (const [label, value] of fields)
          await this.page.getByLabel(label).last().fill(value, { timeout: 5_000 });
        return;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
  }

  async screenshot(name: string): Promise<void> {
    const dir = path.join(process.cwd(), "test-output");
    fs.mkdirSync(dir, { recursive: true });
    await this.page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
  }

  async close(): Promise<void> {
    await this.page
      .context()
      .close()
      .catch(() => undefined);
    await this.process.stop();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
