/*
 * Words as the index sees them: lower case, possessives dropped, a light suffix-stripping stem
 * (predictable beats clever: "photos"/"photo", "posting"/"post", "monitored"/"monitor"), and
 * the small words that carry no meaning in a policy question removed.
 */
const STOP_WORDS = new Set(
  (
    "a an and are as at be been being but by can could did do does doing for from had has have how i if in into is it its " +
    "may me might must my myself no not of on or our ours shall should so some than that the their them then there these " +
    "they this those to too up us very was we were what when where which while who whom will with would you your yours " +
    "am allowed ok okay okay? get got let lets anything something someone somebody any all also just about after before over " +
    "under again only own same other such more most much many yes during whether im ive id dont cant isnt happen happens happened actually really thing things make made go going getting like off down out"
  ).split(/\s+/),
);

/**
 * Endings to strip, longest first, each with the shortest stem it may leave ("comment" keeps
 * its "ment"; "employment" loses it). No "-er": "former", "paper" and "newspaper" are words.
 */
const SUFFIXES: readonly [string, number][] = [
  ["ness", 4],
  ["ations", 4],
  ["ation", 4],
  ["ments", 4],
  ["ment", 4],
  ["ual", 5],
  ["ings", 3],
  ["ing", 3],
  ["ies", 3],
  ["ied", 3],
  ["ed", 3],
  ["es", 3],
  ["ly", 3],
  ["s", 3],
];

export function stem(word: string): string {
  if (word.length <= 3) return word;
  for (const [suffix, minimum] of SUFFIXES) {
    if (word.endsWith(suffix) && word.length - suffix.length >= minimum) {
      let base = word.slice(0, -suffix.length);
      if (suffix === "ies" || suffix === "ied") base += "y";
      // "posting" → "post", "stopped" → "stop": undouble a final consonant left by the ending.
      if (/(bb|dd|gg|ll|mm|nn|pp|rr|tt)$/.test(base)) base = base.slice(0, -1);
      if (base.endsWith("e") && base.length > 4) base = base.slice(0, -1);
      return base;
    }
  }
  return word.endsWith("e") && word.length > 4 ? word.slice(0, -1) : word;
}

export function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[’']s\b/g, "")
    .replace(/[’']/g, "")
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** Content-word stems, in order, duplicates kept (term frequency matters). */
export function tokenize(text: string): string[] {
  return words(text)
    .filter((w) => !STOP_WORDS.has(w))
    .map(stem);
}
