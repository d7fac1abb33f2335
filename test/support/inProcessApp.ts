import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startApp, type RunningApp } from "../../src/composition";
import { loadConfig } from "../../src/config";
import { createLogger } from "../../src/logging";
import { invokeActivity, messageActivity, personalConversationId, post } from "./activities";
import { ConnectorRecorder } from "./connectorRecorder";

/** The whole app on a free port with a fresh data folder, plus a connector recording replies. */
export interface AppUnderTest {
  readonly app: RunningApp;
  readonly connector: ConnectorRecorder;
  readonly dataDir: string;
  stop(): Promise<void>;
}

/** A clock tests can move; starts at the real time unless set. */
export class TestClock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  set(iso: string): void {
    this.offsetMs = Date.parse(iso) - Date.now();
  }
  advanceDays(days: number): void {
    this.offsetMs += days * 86_400_000;
  }
  advanceMs(ms: number): void {
    this.offsetMs += ms;
  }
}

/** Every log line the app writes, for tests that check what reaches an operator. */
export class LogLines {
  readonly lines: string[] = [];
  /** "debug" also captures the per-request lines. */
  constructor(readonly level: "info" | "debug" = "info") {}
  write(chunk: string): void {
    this.lines.push(...chunk.split("\n").filter(Boolean));
  }
}

export async function startAppUnderTest(
  env: Record<string, string> = {},
  clock?: TestClock,
  logs?: LogLines,
): Promise<AppUnderTest> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-bot-it-"));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: "silent", ...env });
  const logger = logs ? createLogger(logs.level, logs) : createLogger("silent");
  const app = await startApp({ ...config, port: 0 }, logger, clock ? { clock } : {});
  const connector = await new ConnectorRecorder().start();
  return {
    app,
    connector,
    dataDir,
    async stop() {
      await app.stop();
      await connector.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

type Someone = { aadObjectId: string; displayName: string };

/** Presses a card button as `who` and returns the invoke response (the card or message sent back). */
export async function invokeAs<V = unknown>(
  t: AppUnderTest,
  who: Someone,
  verb: string,
  data: Record<string, unknown>,
): Promise<{ type: string; value: V }> {
  const response = await post(t.app.url, invokeActivity(who, t.connector.url, verb, data));
  return response.body as { type: string; value: V };
}

/** Says `text` to the bot in `who`'s personal chat and returns the bot's text replies there. */
export async function sayTo(t: AppUnderTest, who: Someone, text: string): Promise<string> {
  t.connector.clear();
  await post(t.app.url, messageActivity(who, t.connector.url, text));
  return t.connector.texts(personalConversationId(who.aadObjectId)).join("\n");
}
