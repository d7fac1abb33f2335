import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, startServer, waitForHttp, type Started } from "../../scripts/processes";

/** The built server as its own process on a free port with its own data folder. */
export interface ServerUnderTest {
  readonly url: string;
  readonly dataDir: string;
  readonly process: Started;
  stop(): Promise<void>;
}

export async function startServerUnderTest(
  env: Record<string, string> = {},
): Promise<ServerUnderTest> {
  const dataDir = env.DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), "policy-bot-data-"));
  const port = await freePort();
  const started = startServer({ PORT: String(port), DATA_DIR: dataDir, ...env });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/healthz`, 30_000, started.child);
  } catch (error) {
    await started.stop();
    throw new Error(`${(error as Error).message}\n${started.output()}`);
  }
  return {
    url,
    dataDir,
    process: started,
    async stop() {
      await started.stop();
      if (!env.DATA_DIR) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
