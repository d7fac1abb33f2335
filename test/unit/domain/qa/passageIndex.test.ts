import { queryConcepts, analyse } from "../../../../src/domain/qa/lexicon";
import { PassageIndex, passageIndexFor, plainText } from "../../../../src/domain/qa/passageIndex";
import { bundledPolicy } from "../../../support/bundledEngine";

const policy = bundledPolicy();
const views = { section: 0.5, heading: 0.6, topic: 1 };

describe("the passage index", () => {
  const index = new PassageIndex(policy);

  test("when the policy is indexed, then every paragraph and list item is a passage with its section id and exact heading", () => {
    const expected = policy.sections.flatMap((s) =>
      s.paragraphs.map((p) => ({ sectionId: s.id, heading: s.heading, text: plainText(p) })),
    );
    expect(
      index.passages.map(({ sectionId, heading, text }) => ({ sectionId, heading, text })),
    ).toEqual(expected);
  });

  test("when a passage is a list item, then it keeps the sentence that introduces the list", () => {
    const item = index.passages.find((p) => p.text.startsWith("e) Defame or disparage"));
    expect(item?.leadIn).toMatch(/prohibited from using social media to:$/);
    expect(item?.text).not.toMatch(/^-/);
  });

  test("when a question names a section's topic, then that section's passages rank first", () => {
    const ranked = index.rank(queryConcepts(analyse("recruitment of candidates")), views);
    expect(ranked[0]?.passage.heading).toBe("Recruitment");
  });

  test("when the heading matches, then it lifts the section above one that only mentions the word", () => {
    const withHeading = index.rank(queryConcepts(analyse("monitoring")), views);
    expect(withHeading[0]?.passage.sectionId).toMatch(/^monitoring/);
  });

  test("when a word is used by most sections, then it cannot anchor one of them", () => {
    expect(index.sectionCount("logo")).toBe(1);
    expect(index.sectionCount("pupil")).toBeGreaterThan(3);
  });

  test("when the same document is indexed twice, then the index is built once", () => {
    expect(passageIndexFor(policy)).toBe(passageIndexFor(policy));
  });
});
