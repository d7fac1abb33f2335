/*
 * Words as the index sees them, for the policy and for questions alike: lower case, possessives
 * dropped, the small words of a question removed, and a light suffix-stripping stem. Predictable
 * beats clever here: "photos"/"photo", "posting"/"posted"/"post", "monitored"/"monitoring" meet;
 * anything subtler (photo/picture, phone/device) is the lexicon's job, where a person can read it.
 */

const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "a an and are as at be been being but by can cannot could did do does doing done for from had has have " +
    "having he her hers him his how i if in into is it its itself me might must my myself of on or our ours " +
    "shall she should so some than that the their theirs them themselves then there these they this those " +
    "to too us very was we were what whats when where which while who whom whose will with would you your " +
    "yours yourself am ok okay fine alright allowed get gets got getting let lets anything something someone " +
    "somebody anyone anybody everything any also just about again only own same such yes no not nor dont " +
    "doesnt cant couldnt wouldnt shouldnt isnt arent wasnt im ive id ill youre theyre thats theres actually " +
    "really please thanks thank hi hello currently ever even still one ones way whether go goes going went " +
    "gone want wants wanted wanting like would might maybe perhaps mine here after before during " +
    "came come comes give gives gave given giving put puts sure out next trying try tried matter matters rather instead"
  ).split(/\s+/),
);

/** Words whose ending is not an inflection ("news" is not the plural of "new"). */
const INVARIANT: ReadonlySet<string> = new Set([
  "news",
  "media",
  "data",
  "gdpr",
  "always",
  "series",
  "christmas",
  "ofsted",
  "headteacher",
  "lens",
]);

/** Derivational endings, each with the shortest stem it may leave ("comment" keeps "ment"). */
const DERIVATIONAL: readonly (readonly [string, number])[] = [
  ["ation", 4],
  ["ment", 4],
  ["ness", 4],
  ["ual", 5],
  ["ly", 5],
];

function undouble(base: string): string {
  // "posting" → "post", "tagged" → "tag"; not l or s ("called", "passed" keep theirs).
  return /(bb|dd|gg|mm|nn|pp|rr|tt)$/.test(base) ? base.slice(0, -1) : base;
}

const VOWEL = /[aeiouy]/;

export function stem(word: string): string {
  if (word.length <= 3 || INVARIANT.has(word) || /\d/.test(word)) return word;
  let w = word;
  // Plurals and the third person.
  if (w.endsWith("sses")) w = w.slice(0, -2);
  else if (w.endsWith("ies") && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith("s") && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  // Past and progressive forms.
  if (w.endsWith("ied") && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith("ing") && VOWEL.test(w.slice(0, -3))) {
    const base = w.slice(0, -3);
    w = base.length >= 3 ? undouble(base) : `${base}e`;
  } else if (w.endsWith("ed") && w.length > 4 && VOWEL.test(w.slice(0, -2))) {
    // Not "need" or "feed": too short to be a past tense.
    w = undouble(w.slice(0, -2));
  }
  for (const [suffix, minimum] of DERIVATIONAL) {
    if (w.endsWith(suffix) && w.length - suffix.length >= minimum) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  // A final silent e, so "share"/"shared"/"sharing" meet; "employee" keeps its double e.
  if (w.length > 3 && w.endsWith("e") && !w.endsWith("ee")) w = w.slice(0, -1);
  return w;
}

/**
 * Lower case with the spellings that vary smoothed out. "IT" in capitals is the department or
 * the school's systems, not the pronoun, so it becomes "ict" before case is lost.
 */
export function normalise(text: string): string {
  return text
    .replace(/\bIT\b/g, "ict")
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/\be-mail/g, "email")
    .replace(/\bwi-?fi\b/g, "wifi")
    .replace(/\bon-?line\b/g, "online")
    .replace(/\bhead-?teacher/g, "headteacher")
    .replace(/\bhead\s+teacher/g, "headteacher");
}

/** The words of already-normalised text, possessives and apostrophes removed. */
export function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/'s\b/g, "")
    .replace(/'/g, "")
    .split(/[^a-z0-9_]+/)
    .filter((w) => w.length > 0);
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/** Content-word stems, in order, duplicates kept (term frequency matters to BM25). */
export function tokenize(text: string): string[] {
  return words(normalise(text))
    .filter((w) => !STOP_WORDS.has(w))
    .map(stem);
}
