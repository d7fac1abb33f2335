/*
 * Why someone could not be reached, counted honestly and said plainly, with what fixes it: a
 * dashboard or a reminder that says "0 could not be reached" while the rows show nine is worse
 * than no figure at all.
 */
export type UnreachableWhy = "neverOpened" | "blocked" | "leftRoster" | "notAccepted";

export const UNREACHABLE_WORDS: Record<UnreachableWhy, string> = {
  neverOpened: "never opened the app",
  blocked: "blocked or removed the bot",
  leftRoster: "left the roster",
  notAccepted: "Teams did not accept the message",
};

export type UnreachableCounts = Record<UnreachableWhy, number>;

export function countUnreachable(reasons: readonly UnreachableWhy[]): UnreachableCounts {
  const counts: UnreachableCounts = { neverOpened: 0, blocked: 0, leftRoster: 0, notAccepted: 0 };
  for (const r of reasons) counts[r]++;
  return counts;
}

/** "7 never opened the app, 2 blocked or removed the bot" (largest first; empty when none). */
export function describeUnreachable(counts: UnreachableCounts): string {
  return (Object.entries(counts) as [UnreachableWhy, number][])
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([why, n]) => `${n.toLocaleString("en-GB")} ${UNREACHABLE_WORDS[why]}`)
    .join(", ");
}

/** What fixes it, for whoever reads the figure. */
export const UNREACHABLE_FIX =
  'To reach them, install the app for everyone (README, "Deploy to your school\'s tenant", step 7: set TEAMS_APP_CATALOG_ID), or give them the policy by another route (email or paper).';
