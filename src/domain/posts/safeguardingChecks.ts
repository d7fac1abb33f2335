/*
 * Before approvers see a post: likely personal data in its text, and any pupil on the school's
 * "no photo / no name" consent list. Flags are shown to the author and the approvers; they
 * never block on their own (a person decides).
 */
export interface ConsentEntry {
  readonly firstName: string;
  readonly lastName: string;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
const UK_PHONE = /(?:\+44\s?7\d{3}|\b07\d{3})\s?\d{3}\s?\d{3}\b|(?:\+44\s?|\b0)(?:1\d{2,4}|2\d)\s?\d{3,4}\s?\d{3,4}\b/;
const POSTCODE = /\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/;
const STREET = /\b\d{1,4}\s+[A-Z][a-z]+(?:\s[A-Z][a-z]+)*\s(?:Road|Street|Lane|Avenue|Close|Drive|Way|Crescent|Grove|Gardens|Place|Court|Terrace)\b/;

/** Capitalised words that begin sentences or name things, not people. */
const NOT_NAMES = new Set(
  "The A An Our We Well Congratulations Year Class Team School Primary Secondary Academy Trust Sports Day Christmas Easter Summer Autumn Spring Winter Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December Mr Mrs Ms Miss Dr Head Headteacher Reception Nursery Key Stage Science Maths English Art Music History Geography Thank Thanks Today This Last Next Please Great Huge Well done Road Street Lane Avenue Close Drive Way Crescent Grove Gardens Place Court Terrace Station Park Hall Centre World Book".split(/\s+/),
);

export function safeguardingFlags(text: string, consentList: readonly ConsentEntry[]): string[] {
  const flags: string[] = [];
  if (EMAIL.test(text)) flags.push("It contains an email address.");
  if (UK_PHONE.test(text)) flags.push("It contains what looks like a phone number.");
  if (POSTCODE.test(text) || STREET.test(text)) flags.push("It contains what looks like a postal address.");
  const names = [...text.matchAll(/\b([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\s+([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b/g)]
    .filter((m) => !NOT_NAMES.has(m[1]!) && !NOT_NAMES.has(m[2]!))
    .map((m) => `${m[1]} ${m[2]}`);
  if (names.length) flags.push(`It may name a person: ${[...new Set(names)].join(", ")}. Check no child can be identified.`);
  const lower = text.toLowerCase();
  const word = (w: string) => new RegExp(`\\b${w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`);
  // A first name alone is enough to ask: a child is identifiable by it in a school's own post.
  const withheld = consentList.filter((c) => word(c.firstName.toLowerCase()).test(lower));
  if (withheld.length) flags.push(`It mentions a pupil whose parents have withheld consent for names or photos: ${withheld.map((c) => `${c.firstName} ${c.lastName}`).join(", ")}.`);
  return flags;
}
