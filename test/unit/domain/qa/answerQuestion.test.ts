import type { PolicyDocument } from "../../../../src/domain/policy/policyDocument";
import { answerQuestion } from "../../../../src/domain/qa/answerQuestion";
import { bundledPolicy } from "../../../support/bundledEngine";

const policy = bundledPolicy();
const IP = "Respecting intellectual property and confidential information";
const allText = policy.sections.flatMap((s) => s.paragraphs);

function upcomingWith(
  change: (sections: PolicyDocument["sections"]) => PolicyDocument["sections"],
): PolicyDocument {
  return {
    meta: { ...policy.meta, version: "2027.01", effectiveFrom: "2027-01-10" },
    sections: change(policy.sections),
  };
}

describe("answering from the policy", () => {
  test("when the question is covered, then the answer quotes the passage verbatim under its exact heading", () => {
    const a = answerQuestion(policy, "Can I put the school logo on my own blog?");
    expect(a.answered).toBe(true);
    expect(a.citations[0]?.heading).toBe(IP);
    expect(a.citations[0]?.sectionId).toBe(
      "respecting-intellectual-property-and-confidential-information",
    );
    expect(allText.some((p) => p.includes(a.citations[0]!.quote))).toBe(true);
    expect(a.answer).toContain(`under "${IP}"`);
    expect(a.answer).toContain(a.citations[0]!.quote);
  });

  test("when staff use their own words, then the lexicon finds the policy's", () => {
    expect(
      answerQuestion(policy, "Can I use my mobile to snap pics of the kids for the school Insta?")
        .citations[0]?.heading,
    ).toBe("Photographs for use of Social Media");
    expect(
      answerQuestion(policy, "A journalist rang me about the school, can I comment?").citations[0]
        ?.heading,
    ).toBe("Educational or Extra Curricular Use of Social Media");
  });

  test("when several passages are cited, then they are distinct, at most three, best first", () => {
    const a = answerQuestion(policy, "Can I criticise the school on Facebook?");
    expect(a.citations.length).toBeGreaterThan(0);
    expect(a.citations.length).toBeLessThanOrEqual(3);
    expect(new Set(a.citations.map((c) => c.quote)).size).toBe(a.citations.length);
  });

  test("when the best passage is a list item, then the citation carries the sentence introducing the list", () => {
    const a = answerQuestion(policy, "Can I pretend to be someone else online?");
    const first = a.citations[0]!;
    expect(first.heading).toBe("Compliance with related policies and agreements");
    expect(first.leadIn).toMatch(/prohibited from using social media to:$/);
    expect(a.answer).toContain(`${first.leadIn} … ${first.quote}`);
  });

  test.each([
    "What time does the canteen open?",
    "How do I book a minibus?",
    "How do I report a broken projector?",
    "What is the uniform policy for pupils?",
    "Can I bring my dog into school?",
    "When is the staff Christmas party?",
  ])(
    "when asked %j, which the policy does not cover, then it declines and offers the policy owner",
    (question) => {
      const a = answerQuestion(policy, question);
      expect(a.answered).toBe(false);
      expect(a.citations).toEqual([]);
      expect(a.answer).toMatch(
        /does not say.*Assistant Headteacher \(Digital Technology and Innovation\)/,
      );
    },
  );

  test.each(["", "   ", "???", "the the the", "a".repeat(5000)])(
    "when the question is empty or meaningless (%#), then it declines",
    (question) => {
      expect(answerQuestion(policy, question).answered).toBe(false);
    },
  );

  test("when a question is very long, then it is still answered quickly", () => {
    const started = process.hrtime.bigint();
    const a = answerQuestion(policy, `Can I use the school logo? ${"logo ".repeat(50_000)}`);
    expect(a.answered).toBe(true);
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(500);
  });

  test("when the same question is asked twice, then the answer is the same", () => {
    const q = "Do we need parental permission before posting a child's photo?";
    expect(answerQuestion(policy, q)).toEqual(answerQuestion(policy, q));
  });
});

describe("the upcoming version", () => {
  const question = "Can I use the school logo on my blog?";

  test("when an upcoming version changes the cited section, then the answer says which version and when", () => {
    const upcoming = upcomingWith((sections) =>
      sections.map((s) =>
        s.heading === IP
          ? { ...s, paragraphs: ["Logos may be used with the Headteacher's permission."] }
          : s,
      ),
    );
    const a = answerQuestion(policy, question, { upcoming });
    expect(a.citations[0]?.quote).toMatch(/must not use the School's logos/);
    expect(a.upcomingChange?.sectionIds).toEqual([
      "respecting-intellectual-property-and-confidential-information",
    ]);
    expect(a.upcomingChange?.note).toBe(
      `The upcoming version (2027.01, effective 2027-01-10) changes this section ("${IP}").`,
    );
    expect(a.answer).toContain(a.upcomingChange!.note);
  });

  test("when an upcoming version drops the cited section, then the answer says it is removed", () => {
    const upcoming = upcomingWith((sections) => sections.filter((s) => s.heading !== IP));
    expect(answerQuestion(policy, question, { upcoming }).upcomingChange?.note).toMatch(
      /removes this section/,
    );
  });

  test("when an upcoming version changes only other sections, then nothing is said about it", () => {
    const upcoming = upcomingWith((sections) =>
      sections.map((s) => (s.id === "recruitment" ? { ...s, paragraphs: ["Changed."] } : s)),
    );
    const a = answerQuestion(policy, question, { upcoming });
    expect(a.upcomingChange).toBeUndefined();
    expect(a.answer).not.toMatch(/upcoming/);
  });

  test("when an upcoming version only re-spaces the cited section, then it is not a change", () => {
    const upcoming = upcomingWith((sections) =>
      sections.map((s) =>
        s.heading === IP ? { ...s, paragraphs: s.paragraphs.map((p) => `${p}  `) } : s,
      ),
    );
    expect(answerQuestion(policy, question, { upcoming }).upcomingChange).toBeUndefined();
  });

  test("when the question is not answered, then no upcoming note is given", () => {
    const upcoming = upcomingWith((sections) =>
      sections.map((s) => ({ ...s, paragraphs: ["Everything changed."] })),
    );
    const a = answerQuestion(policy, "What time does the canteen open?", { upcoming });
    expect(a.answered).toBe(false);
    expect(a.upcomingChange).toBeUndefined();
  });
});
