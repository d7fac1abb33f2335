import type { PolicyDocument } from "../../../../src/domain/policy/policyDocument";
import {
  capMarks,
  diffSentences,
  sentenceChanges,
  sentencesOf,
} from "../../../../src/domain/policy/sentenceChanges";

const doc = (sections: [string, string, string[]][]): PolicyDocument => ({
  meta: {
    title: "T",
    version: "1",
    effectiveFrom: "2026-01-01",
    nextReview: "2027-01-01",
    owner: "aht-digital",
  },
  sections: sections.map(([id, heading, paragraphs]) => ({ id, heading, paragraphs })),
});

describe("what changed, sentence by sentence", () => {
  test.each([
    [
      "one sentence reworded",
      ["The School may use internet searches.", "It may monitor."],
      ["The School may use internet and social media searches.", "It may monitor."],
      [
        ["deleted", "The School may use internet searches."],
        ["inserted", "The School may use internet and social media searches."],
      ],
    ],
    ["a sentence added at the end", ["A.", "B."], ["A.", "B.", "C."], [["inserted", "C."]]],
    ["a sentence removed in the middle", ["A.", "B.", "C."], ["A.", "C."], [["deleted", "B."]]],
    ["nothing", ["A."], ["A."], []],
  ])("when %s, then only that is marked", (_n, before, after, expected) => {
    expect(diffSentences(before, after).map((s) => [s.change, s.text])).toEqual(expected);
  });

  test("when a paragraph holds several sentences, then each is its own, and list markers and spacing are not wording", () => {
    expect(
      sentencesOf(["- Staff must not post photos.  Parents must agree first; see step 1."]),
    ).toEqual(["Staff must not post photos.", "Parents must agree first; see step 1."]);
  });

  test("when sections are added, changed and removed, then each is listed with its marked sentences", () => {
    const before = doc([
      ["a", "Intro", ["Kept. Old words."]],
      ["b", "Gone", ["Bye."]],
    ]);
    const after = doc([
      ["a", "Intro", ["Kept. New words."]],
      ["c", "AI tools", ["No pupil data in AI tools."]],
    ]);
    expect(sentenceChanges(before, after)).toEqual([
      {
        heading: "Intro",
        kind: "Changed",
        sentences: [
          { change: "deleted", text: "Old words." },
          { change: "inserted", text: "New words." },
        ],
      },
      {
        heading: "AI tools",
        kind: "Added",
        sentences: [{ change: "inserted", text: "No pupil data in AI tools." }],
      },
      { heading: "Gone", kind: "Removed", sentences: [{ change: "deleted", text: "Bye." }] },
    ]);
  });

  test("when there are more marks than a card holds, then the rest are counted", () => {
    const marks = [
      {
        heading: "H",
        kind: "Added" as const,
        sentences: Array.from({ length: 5 }, (_, i) => ({
          change: "inserted" as const,
          text: `S${i}.`,
        })),
      },
    ];
    const { shown, hidden } = capMarks(marks, 3);
    expect(shown[0]!.sentences).toHaveLength(3);
    expect(hidden).toBe(2);
  });
});
