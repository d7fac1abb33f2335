import { Remembered } from "../../../src/domain/remembered";

describe("values remembered up to a count", () => {
  test("when a key is asked for again, then it is not computed again", () => {
    const kept = new Remembered<string, number>(2);
    let runs = 0;
    expect(kept.get("a", () => ++runs)).toBe(1);
    expect(kept.get("a", () => ++runs)).toBe(1);
    expect(runs).toBe(1);
  });

  test("when the count is reached, then the oldest is dropped first", () => {
    const kept = new Remembered<string, string>(2);
    kept.get("a", () => "a1");
    kept.get("b", () => "b1");
    kept.get("c", () => "c1");
    expect(kept.get("b", () => "b2")).toBe("b1");
    expect(kept.get("a", () => "a2")).toBe("a2");
  });

  test("when a key is forgotten, then it is computed afresh", () => {
    const kept = new Remembered<string, string>(2);
    kept.get("a", () => "a1");
    kept.forget("a");
    expect(kept.get("a", () => "a2")).toBe("a2");
  });
});
