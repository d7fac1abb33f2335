import { slugOf, type PolicyDocument, type Section } from "./policyDocument";

/*
 * A new version keeps the section ids of the one before wherever the heading is the same, so
 * "what changed" and Q&A citations follow a section across versions even when the author did
 * not write {#id}s (a Word document never has them).
 */
export function carryOverIds(
  next: PolicyDocument,
  previous: PolicyDocument | undefined,
): PolicyDocument {
  if (!previous) return next;
  const unused = [...previous.sections];
  const taken = new Set<string>();
  const sections: Section[] = next.sections.map((section) => {
    const match = unused.findIndex(
      (p) => p.heading.trim().toLowerCase() === section.heading.trim().toLowerCase(),
    );
    let id: string;
    if (match >= 0) {
      id = unused[match]!.id;
      unused.splice(match, 1);
    } else {
      id = section.id || slugOf(section.heading);
    }
    let unique = id;
    for (let n = 2; taken.has(unique); n++) unique = `${id}-${n}`;
    taken.add(unique);
    return { ...section, id: unique };
  });
  return { ...next, sections };
}
