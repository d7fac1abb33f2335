import { normalise, stem, tokenize } from "../../../../src/domain/qa/tokenize";

describe("tokenising staff language", () => {
  test.each([
    [["photos", "photo"], "photo"],
    [["posting", "posted", "posts", "post"], "post"],
    [["monitored", "monitoring", "monitors", "monitor"], "monitor"],
    [["shared", "sharing", "shares", "share"], "shar"],
    [["policies", "policy"], "policy"],
    [["employees", "employee"], "employee"],
    [["tagged", "tagging", "tag"], "tag"],
    [["amendments", "amendment", "amend"], "amend"],
  ])("when %j are stemmed, then they all become %s", (forms, expected) => {
    for (const w of forms) expect(stem(w)).toBe(expected);
  });

  test.each(["news", "need", "comment", "former", "media", "class", "x"])(
    "when %s is not an inflected form, then it is left alone",
    (word) => {
      expect(stem(word)).toBe(word);
    },
  );

  test("when a question has filler words and possessives, then only content stems remain", () => {
    expect(tokenize("Can I post the school's photos?")).toEqual(["post", "school", "photo"]);
  });

  test("when 'IT' is written in capitals, then it means the school's systems, not the pronoun", () => {
    expect(tokenize("Can IT see it?")).toEqual(["ict", "see"]);
  });

  test("when spellings vary (e-mail, wi-fi, head teacher), then they are made one", () => {
    expect(normalise("E-mail on the Wi-Fi, ask the Head Teacher")).toBe(
      "email on the wifi, ask the headteacher",
    );
  });

  test("when the text is empty or only punctuation, then there are no tokens", () => {
    expect(tokenize("")).toEqual([]);
    expect(tokenize("?!... --")).toEqual([]);
  });
});
