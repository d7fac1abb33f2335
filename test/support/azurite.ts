import { spawn } from "node:child_process";
import path from "node:path";
import { AzureNamedKeyCredential, TableClient } from "@azure/data-tables";
import { packageRoot } from "../../src/packageRoot";
import { freePort, waitForHttp } from "../../scripts/processes";

/*
 * Azurite, the official Azure Storage emulator (npm `azurite`), started for a test on a free port,
 * in memory, and stopped after it. The well-known development account and key are Azurite's own.
 */
export const AZURITE_ACCOUNT = "devstoreaccount1";
const AZURITE_KEY =
  "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

export interface Azurite {
  readonly tableUrl: string;
  /** For AZURE_STORAGE_CONNECTION_STRING. */
  readonly connectionString: string;
  tableClient(table: string): TableClient;
  stop(): Promise<void>;
}

export async function startAzurite(): Promise<Azurite> {
  const port = await freePort();
  const bin = path.join(
    packageRoot(),
    "node_modules",
    "azurite",
    "dist",
    "src",
    "table",
    "main.js",
  );
  const child = spawn(
    process.execPath,
    [bin, "--inMemoryPersistence", "--tableHost", "127.0.0.1", "--tablePort", String(port)].concat([
      "--skipApiVersionCheck",
      "--loose",
      "--disableTelemetry",
      "--silent",
    ]),
    { stdio: "ignore" },
  );
  const tableUrl = `http://127.0.0.1:${port}/${AZURITE_ACCOUNT}`;
  await waitForHttp(`http://127.0.0.1:${port}/`, 60_000, child);
  const credential = new AzureNamedKeyCredential(AZURITE_ACCOUNT, AZURITE_KEY);
  return {
    tableUrl,
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_KEY};TableEndpoint=${tableUrl};`,
    tableClient: (table) =>
      new TableClient(tableUrl, table, credential, { allowInsecureConnection: true }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
