import {
  analyse,
  expandQuery,
  isContextTerm,
  isCoreTerm,
  queryConcepts,
  rewritePhrases,
} from "../../../../src/domain/qa/lexicon";
import { stem } from "../../../../src/domain/qa/tokenize";

describe("the staff lexicon", () => {
  test("when a question says phone, then the policy's 'device' is searched too, at a lower weight", () => {
    const weights = expandQuery(analyse("my phone"));
    expect(weights.get(stem("phone"))).toBe(1);
    expect(weights.get(stem("device"))).toBeGreaterThan(0);
    expect(weights.get(stem("device"))).toBeLessThan(1);
  });

  test("when a word has a near-synonym, then it is searched more strongly than a merely related word", () => {
    const pic = expandQuery(analyse("pic"));
    const phone = expandQuery(analyse("phone"));
    expect(pic.get(stem("photo"))!).toBeGreaterThan(phone.get(stem("device"))!);
  });

  test.each([
    ["journalist", "publication"],
    ["newspaper", "publication"],
    ["pupil", "child"],
    ["kid", "pupil"],
    ["carer", "parent"],
    ["upload", "post"],
    ["crest", "logo"],
    ["recommendation", "reference"],
    ["bio", "profile"],
    ["sacked", "dismissal"],
  ])("when staff say %s, then the policy's %s is searched", (staffWord, policyWord) => {
    expect(expandQuery(analyse(staffWord)).has(stem(policyWord))).toBe(true);
  });

  test("when a question names a platform, then the platform counts less than the rule it asks about", () => {
    const weights = expandQuery(analyse("instagram logo"));
    expect(weights.get("instagram")!).toBeLessThan(weights.get("logo")!);
  });

  test("when a platform is called by its nickname, then it is the same platform", () => {
    expect(analyse("my insta")).toEqual(analyse("my Instagram"));
    expect(analyse("on FB")).toEqual(analyse("on Facebook"));
    expect(analyse("on X")).toEqual(analyse("on Twitter"));
  });

  test.each([
    ["Can I be made to take it down?", "remove"],
    ["Who signs off posts?", "approve"],
    ["before it goes live", "golive"],
    ["Can I say where I work?", "employment"],
    ["during my lunch break", "lunchtime"],
    ["what I post at the weekend", "otherwise"],
    ["the school's Instagram page", "officialaccount"],
    ["without asking them", "permission"],
    ["I'm not sure it is OK", "unsure"],
  ])("when staff say %j, then the policy's idea %s is searched", (phrase, token) => {
    expect(rewritePhrases(phrase)).toContain(token);
  });

  test("when the policy's own text is analysed, then it meets the staff phrasing on the same token", () => {
    expect(analyse("the School's own social media")).toContain("officialaccount");
    expect(analyse("never permitted during working time")).toContain(analyse("during lessons")[0]);
  });

  test("when a question names another policy, then it is not taken for this one", () => {
    expect(analyse("the behaviour policy")).toContain("otherpolicy");
    expect(analyse("this policy")).not.toContain("otherpolicy");
    expect(analyse("the social media policy")).not.toContain("otherpolicy");
  });

  test("when a word is about social media, the school's systems or the policy, then it is on the policy's ground", () => {
    for (const w of ["photo", "post", "logo", "email", "monitor", "policy", "journalist"]) {
      expect(isCoreTerm(stem(w))).toBe(true);
    }
    for (const w of ["canteen", "projector", "payslip", "pupil"])
      expect(isCoreTerm(stem(w))).toBe(false);
  });

  test("when a word only sets the scene (a trip, a concert), then it is context", () => {
    expect(isContextTerm(stem("concert"))).toBe(true);
    expect(isContextTerm(stem("logo"))).toBe(false);
  });

  test("when a staff word has many policy synonyms, then it is still one concept", () => {
    const concepts = queryConcepts(analyse("TA"));
    expect(concepts).toHaveLength(1);
    expect(concepts[0]!.length).toBeGreaterThan(3);
  });
});
