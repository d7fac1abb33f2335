import {
  HOST_SLOW_AFTER_MS,
  HOST_TIMEOUT_MS,
  waitForHost,
  type HostDecision,
} from "../../../src/tab/hostWait";

/*
 * The tab's decision "Teams or a browser" with a fake host and jest's fake timers: a host that
 * answers after 5 s (a phone, a cold desktop client) is still Teams; only a page with no parent
 * frame and no native bridge is a browser; a host that never answers is said to be silent.
 */

const framed = { framed: true, nativeBridge: false };
const mobile = { framed: false, nativeBridge: true };
const topLevel = { framed: false, nativeBridge: false };

/** A host that answers app.initialize() `afterMs` after it is asked (or never). */
function fakeHost(afterMs: number | "never", outcome: "answer" | "refuse" = "answer") {
  const host = { asked: 0 };
  const initialize = () => {
    host.asked++;
    return new Promise<void>((resolve, reject) => {
      if (afterMs === "never") return;
      setTimeout(
        () =>
          outcome === "answer" ? resolve() : reject(new Error("Initialization Failed. Refused")),
        afterMs,
      );
    });
  };
  return { host, initialize };
}

/** Runs the decision, recording when it settled (fake ms since the start) and when it said "slow". */
async function decide(
  surroundings: typeof framed,
  initialize: () => Promise<void>,
  runFor: number,
): Promise<{ decision?: HostDecision; settledAt?: number; slowAt?: number }> {
  const start = Date.now();
  const seen: { decision?: HostDecision; settledAt?: number; slowAt?: number } = {};
  void waitForHost({
    surroundings,
    initialize,
    onSlow: () => (seen.slowAt = Date.now() - start),
  }).then((d) => {
    seen.decision = d;
    seen.settledAt = Date.now() - start;
  });
  await jest.advanceTimersByTimeAsync(runFor);
  return seen;
}

describe("waiting for the Teams host", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  test("when a framed page's host answers after 5 s, then it is Teams (not browser mode at 2 s)", async () => {
    const { initialize } = fakeHost(5_000);
    const early = await decide(framed, initialize, 2_000);
    expect(early.decision).toBeUndefined();
    await jest.advanceTimersByTimeAsync(3_000);
    expect(early.decision).toEqual({ kind: "teams" });
    expect(early.settledAt).toBe(5_000);
    expect(early.slowAt).toBeUndefined();
  });

  test("when Teams mobile (native bridge, no frame) answers after 20 s, then it is Teams and the page said it was slow", async () => {
    const { initialize, host } = fakeHost(20_000);
    const seen = await decide(mobile, initialize, 20_000);
    expect(host.asked).toBe(1);
    expect(seen.decision).toEqual({ kind: "teams" });
    expect(seen.slowAt).toBe(HOST_SLOW_AFTER_MS);
  });

  test("when the page has no parent frame and no native bridge, then it is a browser at once and teams-js is not asked", async () => {
    const { initialize, host } = fakeHost(5_000);
    const seen = await decide(topLevel, initialize, 0);
    expect(seen.decision).toEqual({ kind: "browser" });
    expect(seen.settledAt).toBe(0);
    expect(host.asked).toBe(0);
  });

  test("when a framed page's host never answers, then after the timeout it is 'no answer', never browser mode", async () => {
    const { initialize } = fakeHost("never");
    const seen = await decide(framed, initialize, HOST_TIMEOUT_MS - 1);
    expect(seen.decision).toBeUndefined();
    await jest.advanceTimersByTimeAsync(1);
    expect(seen.decision).toEqual({ kind: "no-answer", why: "timeout" });
    expect(seen.slowAt).toBe(HOST_SLOW_AFTER_MS);
  });

  test("when the host refuses, then it is 'no answer (refused)' as soon as it refuses", async () => {
    const { initialize } = fakeHost(1_500, "refuse");
    const seen = await decide(framed, initialize, 1_500);
    expect(seen.decision).toEqual({ kind: "no-answer", why: "refused" });
    expect(seen.settledAt).toBe(1_500);
  });

  test("when teams-js gives up with its own timeout error, then it is 'no answer (timeout)'", async () => {
    const initialize = () => Promise.reject(new Error("SDK initialization timed out."));
    const seen = await decide(framed, initialize, 0);
    expect(seen.decision).toEqual({ kind: "no-answer", why: "timeout" });
  });

  test("when the host has answered, then no timer is left running", async () => {
    const { initialize } = fakeHost(100);
    await decide(framed, initialize, 100);
    expect(jest.getTimerCount()).toBe(0);
  });
});
