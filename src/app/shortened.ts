/** A card repeats long text shortened to this many characters; the record keeps it whole. */
export const SHOWN_CHARS = 300;

export function shortened(text: string, max = SHOWN_CHARS): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}
