import fs from "node:fs";
import path from "node:path";
import { parsePolicyDocument, type PolicyDocument } from "../../../../src/domain/policy/policyDocument";
import { answerQuestion } from "../../../../src/domain/qa/answerQuestion";
import { bestCuratedAnswer } from "../../../../src/domain/qa/curatedAnswers";
import { expandQuery, rewritePhrases } from "../../../../src/domain/qa/lexicon";
import { PassageIndex } from "../../../../src/domain/qa/passageIndex";
import { stem, tokenize } from "../../../../src/domain/qa/tokenize";
import { packageRoot } from "../../../../src/packageRoot";

const parsed = parsePolicyDocument(fs.readFileSync(path.join(packageRoot(), "assets/policy/staff-social-media-policy.md"), "utf8"));
if (!parsed.ok) throw new Error("bundled policy does not parse");
const policy: PolicyDocument = parsed.document;
const index = new PassageIndex(policy);

describe("tokenising staff language", () => {
  test.each([
    ["photos", "photo"],
    ["posting", "post"],
    ["monitored", "monitor"],
    ["employment", "employ"],
    ["comment", "comment"],
    ["former", "former"],
    ["policies", "policy"],
  ])("when %s is stemmed, then it becomes %s", (word, expected) => {
    expect(stem(word)).toBe(expected);
  });

  test("when a question has filler words and possessives, then only content stems remain", () => {
    expect(tokenize("Can I post the school's photos?")).toEqual(["post", "school", "photo"]);
  });

  test("when staff say 'take it down' or 'sign off', then the policy's words are searched", () => {
    expect(rewritePhrases("Can I be made to take it down?")).toContain("remove");
    expect(rewritePhrases("Who signs off posts?")).toContain("approve");
  });

  test("when a question says phone, then devices are searched too, at a lower weight", () => {
    const weights = expandQuery(tokenize("my phone"));
    expect(weights.get(stem("phone"))).toBe(1);
    expect(weights.get(stem("device"))).toBeGreaterThan(0);
    expect(weights.get(stem("device"))).toBeLessThan(1);
  });

  test("when a question names a platform, then the platform counts less than the rule it asks about", () => {
    const weights = expandQuery(tokenize("instagram logo"));
    expect(weights.get("instagram")).toBeLessThan(weights.get("logo")!);
  });
});

describe("answering from the policy", () => {
  test("when the question is covered, then the answer quotes the section with its exact heading", () => {
    const a = answerQuestion(index, "Can I put the school logo on my own blog?");
    expect(a.answered).toBe(true);
    expect(a.citations[0]?.heading).toBe("Respecting intellectual property and confidential information");
    expect(policy.sections.flatMap((s) => s.paragraphs).some((p) => p.includes(a.citations[0]!.quote))).toBe(true);
    expect(a.answer).toContain(a.citations[0]!.quote);
  });

  test.each(["What time does the canteen open?", "How do I book a minibus?", "", "???", "the the the"])(
    "when asked %j, then it declines and offers the policy owner",
    (question) => {
      const a = answerQuestion(index, question);
      expect(a.answered).toBe(false);
      expect(a.citations).toEqual([]);
      expect(a.answer).toMatch(/does not say.*Assistant Headteacher, Digital Technology and Innovation/);
    },
  );

  test("when an upcoming version changes the cited section, then the answer says so", () => {
    const upcoming: PolicyDocument = {
      meta: { ...policy.meta, version: "2027.01" },
      sections: policy.sections.map((s) =>
        s.id === "respecting-intellectual-property-and-confidential-information" ? { ...s, paragraphs: ["Logos may be used with permission."] } : s,
      ),
    };
    const a = answerQuestion(index, "Can I use the school logo on my blog?", { label: "2027.01", effectiveFrom: "2027-01-10", document: upcoming });
    expect(a.upcomingChange).toMatch(/upcoming version \(2027\.01, in force from 2027-01-10\) changes the section/);
  });

  test("when an upcoming version leaves the cited section alone, then nothing is said about it", () => {
    const a = answerQuestion(index, "Can I use the school logo on my blog?", { label: "2027.01", effectiveFrom: "2027-01-10", document: policy });
    expect(a.upcomingChange).toBeUndefined();
  });

  test("when a question is very long, then it is still answered quickly and safely", () => {
    const a = answerQuestion(index, "logo ".repeat(50_000));
    expect(a.answered).toBe(true);
  });
});

describe("curated answers", () => {
  const saved = [
    { id: "c1", question: "Can I use TikTok to set homework for my class?", answer: "Not yet: use Teams for homework.", answeredBy: "Liam Hyde", answeredOn: "2026-11-01" },
    { id: "c2", question: "Is the staff Christmas party photo OK to post?", answer: "Ask everyone in it first.", answeredBy: "Liam Hyde", answeredOn: "2026-11-02" },
  ];

  test("when a similar question is asked, then the saved answer is reused", () => {
    expect(bestCuratedAnswer("can i set homework on tiktok for my class", saved)?.answer.id).toBe("c1");
  });

  test("when the question only shares a word, then no saved answer is reused", () => {
    expect(bestCuratedAnswer("Can I use TikTok?", saved)).toBeUndefined();
    expect(bestCuratedAnswer("When is the Christmas fair?", saved)).toBeUndefined();
  });
});
