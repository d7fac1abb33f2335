/*
 * Is the tab inside Teams (or Outlook, or the Microsoft 365 app), or open in a plain browser?
 *
 * teams-js answers this itself: app.initialize() posts "initialize" to the parent frame (or to
 * window.opener), and to the native bridge (`window.nativeInterface`) on Teams mobile, which runs
 * tabs frameless. With neither a parent frame nor a bridge it rejects at once ("No Parent window
 * found"); otherwise it waits for the host's answer for up to 60 s ("SDK initialization timed
 * out"). A slow phone or a cold desktop client can take many seconds to answer, so a page that
 * may be hosted waits for the answer, showing that it is waiting, and never quietly turns into
 * a signed-out browser page. Only a page that is clearly not hosted runs in browser mode.
 *
 * No DOM and no teams-js here, so the decision is tested with fake timers and a fake host.
 */

/** What the page can see of where it runs. */
export interface Surroundings {
  /** In a frame (window.parent is not the window itself): every Teams web and desktop client. */
  readonly framed: boolean;
  /** A native host's bridge (window.nativeInterface): Teams on iOS and Android. */
  readonly nativeBridge: boolean;
}

export type HostDecision =
  /** The host answered app.initialize(). */
  | { readonly kind: "teams" }
  /** No parent frame and no native bridge: a browser on a developer's machine, a test. */
  | { readonly kind: "browser" }
  /** Framed or bridged, but the host refused or never answered: say so, do not pretend. */
  | { readonly kind: "no-answer"; readonly why: "refused" | "timeout" };

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface HostWaitOptions {
  readonly surroundings: Surroundings;
  /** teams-js app.initialize(); called only when the page may be hosted. */
  readonly initialize: () => Promise<void>;
  /** Called once the wait has lasted `slowAfterMs`, so the page can say it is still waiting. */
  readonly onSlow?: () => void;
  readonly slowAfterMs?: number;
  readonly timeoutMs?: number;
  readonly timers?: Timers;
}

/** teams-js's own limit for app.initialize(): past it, the host is not going to answer. */
export const HOST_TIMEOUT_MS = 60_000;
/** After this the "Connecting to Teams…" page adds that the connection is slow. */
export const HOST_SLOW_AFTER_MS = 8_000;

/** teams-js calls a page hosted when it has a parent frame or a native bridge. */
export function mayBeHosted(s: Surroundings): boolean {
  return s.framed || s.nativeBridge;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export async function waitForHost(options: HostWaitOptions): Promise<HostDecision> {
  if (!mayBeHosted(options.surroundings)) return { kind: "browser" };
  const timers = options.timers ?? realTimers;
  const handles: unknown[] = [];
  if (options.onSlow) {
    const onSlow = options.onSlow;
    handles.push(timers.setTimeout(onSlow, options.slowAfterMs ?? HOST_SLOW_AFTER_MS));
  }
  const timeout = new Promise<HostDecision>((resolve) => {
    handles.push(
      timers.setTimeout(
        () => resolve({ kind: "no-answer", why: "timeout" }),
        options.timeoutMs ?? HOST_TIMEOUT_MS,
      ),
    );
  });
  const answered = Promise.resolve()
    .then(options.initialize)
    .then(
      (): HostDecision => ({ kind: "teams" }),
      (error: unknown): HostDecision =>
        // teams-js's own time limit is the same answer as ours.
        /timed out/i.test(String((error as Error)?.message ?? error))
          ? { kind: "no-answer", why: "timeout" }
          : { kind: "no-answer", why: "refused" },
    );
  try {
    return await Promise.race([answered, timeout]);
  } finally {
    for (const handle of handles) timers.clearTimeout(handle);
  }
}
