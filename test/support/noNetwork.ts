import net from "node:net";
import os from "node:os";

/*
 * No test reaches past this machine: a connection to any address outside the loopback range
 * throws where it is made, and the test that made it fails when it ends even if a library
 * swallowed the error. A test whose settings point at a real tenant fails at once instead of
 * hanging on a timeout (or sending traffic nobody should). Loaded for every test file by jest.
 */
const VIOLATIONS = Symbol.for("policy-bot.test.noNetwork.violations");
type Guarded = typeof globalThis & { [VIOLATIONS]?: string[] };

/** This machine's own interface addresses: a connection to one never leaves the host. */
const OWN_ADDRESSES = new Set(
  Object.values(os.networkInterfaces())
    .flatMap((list) => list ?? [])
    .map((i) => i.address.toLowerCase()),
);

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  return (
    h === "localhost" ||
    h === "::1" ||
    /^127\./.test(h) ||
    /^::ffff:127\./.test(h) ||
    h.endsWith(".localhost")
  );
}

/** The refused connections since the last call (and forgets them). */
export function takeViolations(): string[] {
  const g = globalThis as Guarded;
  const found = g[VIOLATIONS] ?? [];
  g[VIOLATIONS] = [];
  return found;
}

function targetOf(args: unknown[]): { host?: string; pipe: boolean } {
  // net.connect hands Socket#connect its normalised [options, callback] array.
  const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  if (first && typeof first === "object") {
    const o = first as { host?: unknown; path?: unknown };
    return {
      host: typeof o.host === "string" ? o.host : undefined,
      pipe: typeof o.path === "string",
    };
  }
  if (typeof first === "string" && !/^\d+$/.test(first)) return { pipe: true };
  return { host: typeof args[1] === "string" ? args[1] : undefined, pipe: false };
}

const g = globalThis as Guarded;
if (!g[VIOLATIONS]) {
  g[VIOLATIONS] = [];
  const connect = net.Socket.prototype.connect as (...args: unknown[]) => net.Socket;
  net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
    const { host, pipe } = targetOf(args);
    if (
      !pipe &&
      host !== undefined &&
      host !== "" &&
      !isLoopback(host) &&
      !OWN_ADDRESSES.has(host.toLowerCase())
    ) {
      const message = `no network in tests: refused a connection to ${host} (only loopback and this machine's own addresses are allowed)`;
      (g[VIOLATIONS] ??= []).push(message);
      throw new Error(message);
    }
    return connect.apply(this, args);
  } as typeof net.Socket.prototype.connect;
}

// jest's globals exist only where this runs as a setup file (not when a test imports it, nor in
// the build, which compiles test/support without jest's types).
const afterEachTest = (globalThis as { afterEach?: (fn: () => void) => void }).afterEach;
if (typeof afterEachTest === "function") {
  afterEachTest(() => {
    const refused = takeViolations();
    if (refused.length) throw new Error(refused.join("\n"));
  });
}
