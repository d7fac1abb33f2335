import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { writePlaygroundConfig } from "../../scripts/playgroundConfig";
import { freePort, startPlayground, waitForHttp } from "../../scripts/processes";
import { personWith, sampleRoster } from "../support/sampleRoster";

/*
 * The Agents Playground that `npm run dev:local` and the e2e tests start is signed in as a real
 * roster person: it must answer on this machine only, never on the machine's network address.
 */
jest.setTimeout(90_000);

/** This machine's addresses on a real network, if it has any. */
const external = Object.values(os.networkInterfaces())
  .flat()
  .filter((i): i is os.NetworkInterfaceInfo => Boolean(i) && !i!.internal && i!.family === "IPv4")
  .map((i) => i.address);

function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, host);
    socket.setTimeout(3000, () => {
      socket.destroy();
      resolve(false);
    });
    socket.on("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
  });
}

describe("the Agents Playground started for local development", () => {
  test("when it is started, then it answers on loopback and not on the machine's network address", async () => {
    expect(external.length).toBeGreaterThan(0);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "playground-loopback-"));
    writePlaygroundConfig(dir, personWith("headteacher"), sampleRoster());
    const port = await freePort();
    const playground = startPlayground({
      cwd: dir,
      port,
      botEndpoint: "http://127.0.0.1:9/api/messages",
    });
    try {
      await waitForHttp(`http://127.0.0.1:${port}/`, 60_000, playground.child);
      expect(await connects("127.0.0.1", port)).toBe(true);
      for (const address of external) expect(await connects(address, port)).toBe(false);
    } finally {
      await playground.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
