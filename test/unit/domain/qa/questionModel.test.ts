import type { PolicyDocument } from "../../../../src/domain/policy/policyDocument";
import { answerFromSection, answerQuestion } from "../../../../src/domain/qa/answerQuestion";
import {
  OUT_OF_SCOPE,
  QuestionModel,
  trainQuestionModel,
} from "../../../../src/domain/qa/questionModel";
import { editDistance, Speller } from "../../../../src/domain/qa/spelling";
import { bundledPolicy, committedModel } from "../../../support/bundledEngine";

/*
 * The trained engine: the committed model (assets/qa/question-model.json, built by
 * `npm run qa:train`) answering questions phrased as staff type them, the three confidence tiers,
 * and what happens when the policy and the model no longer match. The phrasings here are our
 * own, written from the policy; none comes from an evaluation set.
 */
const policy = bundledPolicy();
const model = committedModel();
const allText = policy.sections.flatMap((s) => s.paragraphs).join("\n");

describe("the speller", () => {
  const speller = new Speller(
    new Map([
      ["facebook", 40],
      ["colleague", 12],
      ["email", 20],
      ["emails", 2],
      ["policy", 50],
    ]),
  );

  test.each([
    ["facebok", "facebook"],
    ["colleage", "colleague"],
    ["emial", "email"],
    ["policy", "policy"],
    ["xylophone", "xylophone"],
    ["fb", "fb"],
  ])("when %j is typed, then it is read as %j", (typed, read) => {
    expect(speller.correct(typed)).toBe(read);
  });

  test("when two letters are swapped, then that counts as one edit", () => {
    expect(editDistance("emial", "email", 1)).toBe(1);
    expect(editDistance("abc", "xyz", 1)).toBe(2);
  });
});

describe("the committed model", () => {
  test("when it is loaded, then it knows every section of the bundled policy by its heading", () => {
    expect(model).toBeDefined();
    for (const s of policy.sections) expect(model.knowsSection(s.id, s.heading)).toBe(true);
    expect(model.labels).toContain(OUT_OF_SCOPE);
    expect(model.data.policyVersion).toBe(policy.meta.version);
  });

  test.each([
    ["can i slag off my boss on fb", "Protecting our business reputation"],
    [
      "can i put the school crest on my twitter header",
      "Respecting intellectual property and confidential information",
    ],
    ["can the school read my emial", "Monitoring"],
    ["the local paper called me, what now", "Educational or Extra Curricular Use of Social Media"],
    ["can i check insta on my own phone in a free", "Personal use of social media"],
    [
      "my colleage posted a photo of me",
      "Respecting colleagues, pupils, parents, clients, service providers and stakeholders",
    ],
  ])("when asked %j, then the first citation is %j", (question, heading) => {
    const a = answerQuestion(policy, question, { model });
    expect(a.answered).toBe(true);
    expect(a.citations[0]?.heading).toBe(heading);
  });

  test("when it answers, then it quotes one or two sentences of the one section, verbatim", () => {
    const a = answerQuestion(policy, "can the school read my emial", { model });
    expect(a.citations.length).toBeGreaterThanOrEqual(1);
    expect(a.citations.length).toBeLessThanOrEqual(2);
    expect(new Set(a.citations.map((c) => c.sectionId)).size).toBe(1);
    for (const c of a.citations) {
      expect(allText).toContain(c.quote);
      expect(c.quote.length).toBeLessThan(700);
    }
  });

  test("when the question names nothing the policy covers, then it is declined plainly", () => {
    for (const q of ["what time is the staff meeting", "how do i book annual leave", "thanks!"]) {
      const a = answerQuestion(policy, q, { model });
      expect(a.answered).toBe(false);
      expect(a.suggestions).toEqual([]);
    }
  });

  test("when it is fairly sure, then it answers and offers up to three runners-up as Did you mean", () => {
    const a = answerQuestion(policy, "can i post", { model });
    expect(a.answered).toBe(true);
    expect(a.suggestions).toHaveLength(3);
    const headings = [a.citations[0]!.heading, ...a.suggestions.map((s) => s.heading)];
    expect(new Set(headings).size).toBe(headings.length);
    // Two runners-up were offered before the bank's cross-validation set it at three.
    const two = answerQuestion(policy, "can i post", {
      model,
      modelTuning: { likelySuggestions: 2 },
    });
    expect(two.suggestions).toEqual(a.suggestions.slice(0, 2));
  });

  test("when out of scope only narrowly wins, then it declines but offers the likeliest sections", () => {
    const q = "is the school on tiktok";
    const a = answerQuestion(policy, q, { model });
    expect(a.answered).toBe(false);
    expect(a.citations).toEqual([]);
    expect(a.suggestions.length).toBeGreaterThanOrEqual(1);
    expect(a.suggestions.length).toBeLessThanOrEqual(3);
    // Declined plainly when every out-of-scope win is plain, as before.
    expect(
      answerQuestion(policy, q, { model, modelTuning: { plainDecline: 0 } }).suggestions,
    ).toEqual([]);
  });

  test("when no section clearly wins, then it does not answer but offers up to three sections", () => {
    const a = answerQuestion(policy, "social media", { model });
    expect(a.answered).toBe(false);
    expect(a.citations).toEqual([]);
    expect(a.suggestions.length).toBeGreaterThanOrEqual(2);
    expect(a.suggestions.length).toBeLessThanOrEqual(3);
    const ids = new Set(policy.sections.map((s) => s.id));
    for (const s of a.suggestions) expect(ids.has(s.sectionId)).toBe(true);
  });

  test("when it is sure, then there is no Did you mean", () => {
    const a = answerQuestion(policy, "does the school monitor my work emial", { model });
    expect(a.answered).toBe(true);
    expect(a.citations[0]?.heading).toBe("Monitoring");
    expect(a.suggestions).toEqual([]);
  });

  test("when a Did you mean section is opened, then its own sentences answer the question", () => {
    const a = answerFromSection(policy, "can i post", "staff-protocol-for-use-of-social-media", {
      model,
    })!;
    expect(a.answered).toBe(true);
    expect(a.citations[0]?.heading).toBe("Staff Protocol for use of Social Media");
    expect(answerFromSection(policy, "can i post", "no-such-section", { model })).toBeUndefined();
  });

  test("when the same question is asked twice, then the answer is the same", () => {
    const q = "is my facebok private from school";
    expect(answerQuestion(policy, q, { model })).toEqual(answerQuestion(policy, q, { model }));
  });
});

describe("a policy the model was not trained on", () => {
  const withNewSection: PolicyDocument = {
    ...policy,
    sections: [
      ...policy.sections,
      {
        id: "artificial-intelligence-tools",
        heading: "Artificial intelligence tools",
        paragraphs: [
          "Staff must not enter pupils' personal data into generative artificial intelligence chatbots such as ChatGPT.",
        ],
      },
    ],
  };

  test("when a school adds a section and has not re-trained, then retrieval still finds it", () => {
    const a = answerQuestion(withNewSection, "Can I put pupils' personal data into ChatGPT?", {
      model,
    });
    expect(a.answered || a.suggestions.length > 0).toBe(true);
    const shown = [...a.citations, ...a.suggestions].map((c) => c.heading);
    expect(shown).toContain("Artificial intelligence tools");
  });

  test("when a section the model knows is removed, then it is never cited or suggested", () => {
    const without: PolicyDocument = {
      ...policy,
      sections: policy.sections.filter((s) => s.id !== "monitoring"),
    };
    const a = answerQuestion(without, "can the school read my emial", { model });
    expect([...a.citations, ...a.suggestions].map((c) => c.sectionId)).not.toContain("monitoring");
  });
});

describe("training", () => {
  test("when trained on a small bank, then it learns the bank's wording, the same way every time", () => {
    const small = {
      ...policy,
      sections: policy.sections.filter((s) =>
        ["monitoring", "recruitment", "appendices"].includes(s.id),
      ),
    };
    const bank = [
      { question: "does IT spy on my screen", sections: ["monitoring"] },
      { question: "are my work chats watched", sections: ["monitoring"] },
      { question: "do you google people who apply for jobs", sections: ["recruitment"] },
      { question: "are applicants looked up online", sections: ["recruitment"] },
      { question: "is there a handout", sections: ["appendices"] },
      { question: "what is for lunch", sections: [] },
      { question: "when is the school trip", sections: [] },
    ];
    const options = { epochs: 8, typoCopies: 1 };
    const data = trainQuestionModel(small, bank, options);
    expect(trainQuestionModel(small, bank, options)).toEqual(data);
    const trained = new QuestionModel(data);
    expect(trained.classify("does IT spy on my screen?")[0]?.label).toBe("monitoring");
    expect(trained.classify("do you google applicants")[0]?.label).toBe("recruitment");
    expect(trained.classify("what is for lunch today")[0]?.label).toBe(OUT_OF_SCOPE);
  });

  test("when bank questions are linked to the sentence that answers them, then a question like them quotes it, and a link to a sentence the policy no longer has is dropped", () => {
    const small = {
      ...policy,
      sections: policy.sections.filter((s) => ["monitoring", "appendices"].includes(s.id)),
    };
    const privateMatters = small.sections
      .find((s) => s.id === "monitoring")!
      .paragraphs.join(" ")
      .match(/All Staff are advised not to use[^.]*\./)![0];
    const bank = (linked: boolean) => [
      {
        question: "can my boss see my teams chats",
        sections: ["monitoring"],
        ...(linked ? { sentence: privateMatters } : {}),
      },
      { question: "does IT spy on my screen", sections: ["monitoring"] },
      {
        question: "an edited rule",
        sections: ["monitoring"],
        sentence: "A sentence it never had.",
      },
      { question: "is there a handout", sections: ["appendices"] },
      { question: "what is for lunch", sections: [] },
    ];
    const options = { epochs: 8, typoCopies: 1 };
    const quoted = (linked: boolean) => {
      const trained = new QuestionModel(trainQuestionModel(small, bank(linked), options));
      return answerFromSection(small, "can my boss see my teams chats?", "monitoring", {
        model: trained,
      })!.citations.map((c) => c.quote);
    };
    const data = trainQuestionModel(small, bank(true), options);
    // Examples are kept in question order: "an edited rule", "can my boss…", "does IT spy…".
    expect(data.sentenceLinks?.["monitoring"]).toEqual({
      sentences: [privateMatters],
      of: [-1, 0, -1],
    });
    expect(quoted(false)).not.toContain(privateMatters);
    expect(quoted(true)).toEqual([privateMatters]);
  });
});
