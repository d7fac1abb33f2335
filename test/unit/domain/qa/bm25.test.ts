import { Bm25, type QueryConcept } from "../../../../src/domain/qa/bm25";

const one = (term: string, weight = 1): QueryConcept[] => [[{ term, weight }]];

describe("BM25 over passages", () => {
  const docs = [
    ["photo", "device", "approve", "delete"],
    ["post", "photo", "parent", "permission"],
    ["logo", "trademark", "permission", "headteacher"],
    ["monitor", "email", "privacy", "photo"],
  ];
  const bm25 = new Bm25(docs);

  test("when a term is rarer, then it weighs more", () => {
    expect(bm25.idf("logo")).toBeGreaterThan(bm25.idf("permission"));
    expect(bm25.idf("permission")).toBeGreaterThan(bm25.idf("photo"));
    expect(bm25.idf("absent")).toBeGreaterThan(bm25.idf("logo"));
  });

  test("when documents are ranked for a query, then the one with the rarer matching words comes first", () => {
    const query: QueryConcept[] = [
      [{ term: "logo", weight: 1 }],
      [{ term: "permission", weight: 1 }],
    ];
    const order = docs.map((_, i) => i).sort((a, b) => bm25.score(b, query) - bm25.score(a, query));
    expect(order[0]).toBe(2);
    expect(order[1]).toBe(1);
    expect(bm25.score(0, query)).toBe(0);
  });

  test("when a document repeats a term, then its score rises but levels off", () => {
    const repeated = new Bm25([["logo"], ["logo", "logo"], ["logo", "logo", "logo"], ["other"]], {
      b: 0,
    });
    const [once, twice, thrice] = [0, 1, 2].map((i) => repeated.score(i, one("logo"))) as [
      number,
      number,
      number,
    ];
    expect(twice).toBeGreaterThan(once);
    expect(thrice).toBeGreaterThan(twice);
    expect(thrice - twice).toBeLessThan(twice - once);
  });

  test("when a document is longer, then the same match counts for less", () => {
    const lengths = new Bm25([["logo"], ["logo", "a", "b", "c", "d", "e", "f"], ["x"]]);
    expect(lengths.score(0, one("logo"))).toBeGreaterThan(lengths.score(1, one("logo")));
  });

  test("when a query word's synonyms also match, then the concept counts once, by its best term", () => {
    const concept: QueryConcept = [
      { term: "photo", weight: 1 },
      { term: "device", weight: 0.5 },
      { term: "delete", weight: 0.5 },
    ];
    const each = concept.map((t) => bm25.score(0, [[t]]));
    expect(bm25.score(0, [concept])).toBeCloseTo(Math.max(...each), 10);
    expect(bm25.score(0, [concept])).toBeLessThan(each.reduce((a, b) => a + b, 0));
  });

  test("when a term is asked at a lower weight, then it scores proportionally less", () => {
    expect(bm25.score(2, one("logo", 0.5))).toBeCloseTo(bm25.score(2, one("logo")) / 2, 10);
  });

  test("when every document is scored at once, then each score is exactly the one-by-one score", () => {
    const vocabulary = ["photo", "device", "permission", "logo", "email", "missing", "post"];
    const docsMany = Array.from({ length: 40 }, (_, i) =>
      vocabulary.filter((_, j) => (i * 7 + j * 3) % 5 < 2).concat(i % 3 ? ["post"] : []),
    );
    docsMany.push([]);
    const many = new Bm25(docsMany, { b: 0.5 });
    const query: QueryConcept[] = [
      [
        { term: "photo", weight: 1 },
        { term: "device", weight: 0.6 },
      ],
      [{ term: "missing", weight: 1 }],
      [
        { term: "permission", weight: 1 },
        { term: "logo", weight: 0.3 },
        { term: "post", weight: 0 },
      ],
    ];
    const all = many.scoreAll(query);
    expect(Array.from(all)).toEqual(docsMany.map((_, i) => many.score(i, query)));
    expect(all.some((v) => v > 0)).toBe(true);
  });
});
