/*
 * The staff-language set is split once, by a fixed rule, into a half the engine was developed on
 * (odd lines, 1-based) and a half nobody working on it read (even lines): the second half's
 * figures say whether the engine learnt staff language or the first half.
 */
export type EvalHalf = "development" | "held-out";

/** The non-empty lines of one half, in order. */
export function halfOf(text: string, half: EvalHalf): string[] {
  return text
    .split("\n")
    .filter((_, i) => (half === "development" ? i % 2 === 0 : i % 2 === 1))
    .filter((line) => line.trim().length > 0);
}
