/*
 * Before a post is sent: likely personal data in its text, and any pupil on the school's
 * "no photo / no name" consent list. Flags are shown to the author before sending (edit, or
 * send anyway with a reason) and to the approvers; a consent-list hit holds approval until it
 * is removed or an approver overrides it. A flag quotes only what the author wrote: never the
 * rest of a list entry (anyone could otherwise read the list by typing first names).
 */
export interface ConsentEntry {
  readonly firstName: string;
  readonly lastName: string;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
const UK_PHONE =
  /(?:\+44\s?7\d{3}|\b07\d{3})\s?\d{3}\s?\d{3}\b|(?:\+44\s?|\b0)(?:1\d{2,4}|2\d)\s?\d{3,4}\s?\d{3,4}\b/;
const POSTCODE = /\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/;
const STREET =
  /\b\d{1,4}\s+[A-Z][a-z]+(?:\s[A-Z][a-z]+)*\s(?:Road|Street|Lane|Avenue|Close|Drive|Way|Crescent|Grove|Gardens|Place|Court|Terrace)\b/;

/** Capitalised words that begin sentences or name things, not people. */
const NOT_NAMES = new Set(
  "The A An Our We Well Congratulations Year Class Team School Primary Secondary Academy Trust Sports Day Christmas Easter Summer Autumn Spring Winter Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December Mr Mrs Ms Miss Dr Head Headteacher Reception Nursery Key Stage Science Maths English Art Music History Geography Thank Thanks Today This Last Next Please Great Huge Well done Road Street Lane Avenue Close Drive Way Crescent Grove Gardens Place Court Terrace Station Park Hall Centre World Book".split(
    /\s+/,
  ),
);

export type FlagKind = "email" | "phone" | "address" | "name" | "consent";
export interface SafeguardingFlag {
  readonly kind: FlagKind;
  readonly text: string;
}

const escapeRegExp = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The words of the text that match a list entry, as the author wrote them. */
function consentMatches(text: string, consentList: readonly ConsentEntry[]): string[] {
  const found = new Map<string, string>();
  for (const c of consentList) {
    // The full name when written, else the first name alone: a child is identifiable by it in a school's own post.
    const full = new RegExp(
      `\\b${escapeRegExp(c.firstName)}\\s+${escapeRegExp(c.lastName)}\\b`,
      "i",
    ).exec(text);
    const first = full ?? new RegExp(`\\b${escapeRegExp(c.firstName)}\\b`, "i").exec(text);
    if (first) found.set(first[0].toLowerCase(), first[0]);
  }
  return [...found.values()];
}

export function safeguardingCheck(
  text: string,
  consentList: readonly ConsentEntry[],
): SafeguardingFlag[] {
  const flags: SafeguardingFlag[] = [];
  if (EMAIL.test(text)) flags.push({ kind: "email", text: "It contains an email address." });
  if (UK_PHONE.test(text))
    flags.push({ kind: "phone", text: "It contains what looks like a phone number." });
  if (POSTCODE.test(text) || STREET.test(text))
    flags.push({ kind: "address", text: "It contains what looks like a postal address." });
  const names = [
    ...text.matchAll(/\b([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\s+([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b/g),
  ]
    .filter((m) => !NOT_NAMES.has(m[1]!) && !NOT_NAMES.has(m[2]!))
    .map((m) => `${m[1]} ${m[2]}`);
  if (names.length)
    flags.push({
      kind: "name",
      text: `It may name a person: ${[...new Set(names)].join(", ")}. Check no child can be identified.`,
    });
  const withheld = consentMatches(text, consentList);
  if (withheld.length) {
    flags.push({
      kind: "consent",
      text: `"${withheld.join('", "')}" matches a pupil whose parents have withheld consent for names or photos. Remove it, or an approver must override this check with a reason.`,
    });
  }
  return flags;
}

/** The flags' words, for tests and exports. */
export function safeguardingFlags(text: string, consentList: readonly ConsentEntry[]): string[] {
  return safeguardingCheck(text, consentList).map((f) => f.text);
}
