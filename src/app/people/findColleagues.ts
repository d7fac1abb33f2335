import type { Person } from "../../domain/people/person";
import type { Directory } from "../../ports";

/** Up to this many people a form lists them all (~30 KB at worst); beyond, the picker's search finds them. */
export const LISTED_PEOPLE_MAX = 100;

/** At most this many matches per answer: the picker shows a short list and asks for more. */
export const MAX_COLLEAGUE_MATCHES = 25;

export interface ColleagueMatch {
  readonly aadObjectId: string;
  /** "Name (Department)": two colleagues may share a name. */
  readonly label: string;
}

/**
 * Search-as-you-type over the roster, for the people picker on cards (a 5,000-person roster does
 * not fit in a card): names or email addresses whose words start with what was typed, in name
 * order, a page at a time.
 */
export async function findColleagues(
  directory: Directory,
  query: string,
  page: { readonly skip: number; readonly top: number },
): Promise<ColleagueMatch[]> {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const matches = (await directory.all())
    .filter((p) => words.every((w) => searchableWords(p).some((s) => s.startsWith(w))))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
  const top = Math.min(Math.max(page.top, 1), MAX_COLLEAGUE_MATCHES);
  return matches.slice(Math.max(page.skip, 0), Math.max(page.skip, 0) + top).map(labelled);
}

/**
 * A form's people choices: a small school's staff listed on the card (the Agents Playground has
 * no search-as-you-type, and a short list is quicker anyway); a larger one's found by the picker.
 */
export function listedChoices(people: readonly Person[]): {
  readonly listed: boolean;
  readonly people: readonly { readonly title: string; readonly value: string }[];
} {
  const listed = people.length <= LISTED_PEOPLE_MAX;
  return {
    listed,
    people: (listed ? people : []).map(personChoice),
  };
}

/** A person as a card's choice: "Name (Department)", their Entra id. */
export function personChoice(person: Person): { readonly title: string; readonly value: string } {
  return { title: labelled(person).label, value: person.aadObjectId };
}

function searchableWords(person: Person): string[] {
  return [...person.displayName.toLowerCase().split(/[\s'-]+/), person.email.toLowerCase()];
}

function labelled(person: Person): ColleagueMatch {
  return {
    aadObjectId: person.aadObjectId,
    label: person.department ? `${person.displayName} (${person.department})` : person.displayName,
  };
}
