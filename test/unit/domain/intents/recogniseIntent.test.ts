import { IntentClassifier } from "../../../../src/domain/intents/intentClassifier";
import { SpellingCorrector, editDistance, words } from "../../../../src/domain/intents/normalise";
import {
  COMMAND_INTENTS,
  IntentRecogniser,
  asksAfterTelling,
  asksHow,
  type IntentExample,
} from "../../../../src/domain/intents/recogniseIntent";
import { loadIntentBank } from "../../../../src/policy/intentBankFile";

describe("words as the recogniser reads them", () => {
  test.each([
    ["I'd like to REPORT a colleague's post!", "i would like to report a colleague post"],
    ["I can’t find my posts", "i cannot find my posts"],
    ["journalist rang — what now?", "journalist rang what now"],
    ["Café Ofsted", "cafe ofsted"],
  ])("when %j is read, then it becomes %j", (text, expected) => {
    expect(words(text).join(" ")).toBe(expected);
  });

  test("when two letters are swapped, then that counts as one edit", () => {
    expect(editDistance("repotr", "report", 2)).toBe(1);
    expect(editDistance("journalist", "jounralist", 2)).toBe(1);
    expect(editDistance("post", "most", 1)).toBe(1);
  });

  test("when a word is unknown, then it is corrected to a close known word, but short words and first letters are kept", () => {
    const speller = new SpellingCorrector(
      new Map([
        ["report", 5],
        ["journalist", 3],
        ["post", 9],
        ["most", 1],
      ]),
    );
    expect(speller.correct("repotr")).toBe("report");
    expect(speller.correct("jounalist")).toBe("journalist");
    expect(speller.correct("pst")).toBe("pst");
    expect(speller.correct("zeport")).toBe("zeport");
    expect(speller.correct("2024")).toBe("2024");
  });
});

describe("asking how", () => {
  test.each([
    ["how do i report a post", true],
    ["who do i tell about this", true],
    ["a reporter called me can i comment", true],
    ["for the summer fair do we need to send a letter home", true],
    ["for the summer fair we need to send a post out", false],
    ["i want to report a post", false],
    ["can i make a report", false],
    ["a journalist emailed me", false],
    ["is a consent form needed before i post a photo of a colleague", true],
    ["are staff allowed to use their own phones on trips", true],
    ["is this the form i need", false],
  ])("when the message is %j, then asking-how is %s", (text, expected) => {
    expect(asksHow(words(text))).toBe(expected);
  });
});

describe("telling, then asking", () => {
  test.each([
    ["a colleague keeps posting nasty comments. is that covered by this policy?", true],
    ["theres a fake account of the school, who do i tell", true],
    ["a parent shared a video of the nativity; should i say something", true],
    ["theres a fake account of the school and its posting rubbish", false],
    ["can i make a confidential report?", false],
    ["how do i report a post", false],
    ["a journalist rang me, she wants a quote", false],
  ])("when the message is %j, then a later question is %s", (text, expected) => {
    expect(asksAfterTelling(text)).toBe(expected);
  });
});

/* A small bank written for these tests, so each rule is seen on its own. */
const bank: IntentExample[] = [
  ...[
    "i want to report a post",
    "i need to report misuse",
    "report a colleague",
    "flag a post to the head",
    "i have to report something i saw online",
  ].map((text) => ({ text, intent: "report" })),
  ...[
    "a journalist called me",
    "the newspaper rang about the school",
    "a reporter wants a quote",
    "press enquiry from the radio",
    "the local tv contacted me",
  ].map((text) => ({ text, intent: "mediaEnquiry" })),
  ...["hello", "hi there", "what can you do", "good morning", "hey"].map((text) => ({
    text,
    intent: "help",
  })),
  ...["thanks", "thank you", "cheers", "thanks a lot", "great thanks"].map((text) => ({
    text,
    intent: "thanks",
  })),
  ...[
    "can i post photos of pupils on my own instagram",
    "does the school monitor my email",
    "can i be friends with parents on facebook",
    "what happens if i breach the policy",
    "who do i report misuse to",
    "can i use my phone at work",
    "is linkedin allowed",
    "can i write a blog about teaching",
  ].map((text) => ({ text, intent: "question" })),
];

describe("recognising what a message is for", () => {
  const recogniser = IntentRecogniser.train(bank);

  test("when a request to report is made in new words, then it is the report command", () => {
    expect(recogniser.recognise("I need to reprot a post I saw")).toMatchObject({
      kind: "command",
      intent: "report",
    });
  });

  test("when someone asks how to report, then it is a question that offers the report", () => {
    expect(recogniser.recognise("how do I report a post?")).toMatchObject({
      kind: "question",
      offer: "report",
    });
  });

  test("when a situation is told and then asked about, then the question gets the answer and the report's button; told alone, it opens the report", () => {
    expect(
      recogniser.recognise(
        "I have to report something I saw online. Is that covered by the policy?",
      ),
    ).toMatchObject({ kind: "question", offer: "report" });
    expect(recogniser.recognise("I have to report something I saw online")).toMatchObject({
      kind: "command",
      intent: "report",
    });
  });

  test("when a question only mentions a journalist, then the media enquiry is offered beside the answer", () => {
    expect(recogniser.recognise("what should I say if a journalist phones?")).toMatchObject({
      kind: "question",
      offer: "mediaEnquiry",
    });
  });

  test("when a plain policy question is asked, then it stays a question with nothing offered", () => {
    expect(recogniser.recognise("can I post photos of my class on my own instagram")).toEqual({
      kind: "question",
      confidence: expect.any(Number),
    });
  });

  test("when thanks come with other words, then they are thanks", () => {
    expect(recogniser.recognise("thanks!")).toMatchObject({ kind: "command", intent: "thanks" });
    expect(recogniser.recognise("appreciate it")).toMatchObject({
      kind: "command",
      intent: "thanks",
    });
  });

  test("when nothing in the message is known, then it is a question, never a command", () => {
    expect(recogniser.recognise("zzqx vvbn")).toMatchObject({ kind: "question" });
    expect(recogniser.recognise("   ")).toMatchObject({ kind: "question" });
  });

  test("when the classifier is only fairly sure, then the recogniser asks first", () => {
    const unsure = IntentRecogniser.train(bank, {
      thresholds: { act: 0.99, confirm: 0.2, offer: 0.15 },
    });
    expect(unsure.recognise("I need to report misuse")).toMatchObject({
      kind: "confirm",
      intent: "report",
    });
  });

  test("when the bank names an intent that does not exist, then training refuses it with the line", () => {
    expect(() =>
      IntentRecogniser.train([...bank, { text: "delete everything", intent: "wipe" }]),
    ).toThrow(/Unknown intent "wipe"/);
  });

  test("when trained twice on the same bank, then the model is the same", () => {
    const again = IntentRecogniser.train(bank);
    for (const text of ["report this", "a reporter rang", "hi", "what is the policy on blogs"]) {
      expect(again.scores(text)).toEqual(recogniser.scores(text));
    }
  });

  test("when the classifier is trained, then every label's probabilities sum to one", () => {
    const c = IntentClassifier.train(bank.map((e) => ({ tokens: words(e.text), label: e.intent })));
    const sum = c.classify(words("report a reporter")).reduce((s, x) => s + x.probability, 0);
    expect(sum).toBeCloseTo(1, 10);
  });
});

describe("the shipped phrasing bank", () => {
  const shipped = loadIntentBank();

  test("when it is read, then every intent has phrasings and most lines are policy questions", () => {
    const counts = new Map<string, number>();
    for (const e of shipped) counts.set(e.intent, (counts.get(e.intent) ?? 0) + 1);
    for (const intent of [
      "report",
      "mediaEnquiry",
      "proposePost",
      "showPolicy",
      "myPosts",
      "askPermission",
      "myPermissions",
      "suggest",
      "deputy",
      "recordTraining",
      "help",
      "thanks",
    ]) {
      expect(counts.get(intent) ?? 0).toBeGreaterThanOrEqual(20);
    }
    expect(counts.get("question") ?? 0).toBeGreaterThan(500);
  });

  test("when the shipped recogniser is trained, then it takes well under a second and reads a question as a question", () => {
    const started = performance.now();
    const recogniser = IntentRecogniser.train(shipped);
    const trainedMs = performance.now() - started;
    expect(trainedMs).toBeLessThan(3000);
    expect(recogniser.recognise("does the school monitor my emails")).toMatchObject({
      kind: "question",
    });
  });
});

describe("help asked for alongside a policy question", () => {
  const recogniser = IntentRecogniser.train(loadIntentBank());

  test.each([
    "can you help me, do i have to follow this as a volunteer",
    "help please what do i do if a parent adds me on facebook",
    "hi can you help, a parent sent me a friend request on facebook what do i do",
    "I help out in the library on Fridays. Am I covered by this policy?",
  ])("when %j is sent, then the question is answered, not the help card shown", (text) => {
    expect(recogniser.recognise(text)).toMatchObject({ kind: "question" });
  });

  test.each([
    "help",
    "can you help me",
    "help me, not sure how to use this",
    "Hello, I volunteer on Tuesdays and Mrs Patel said to use this. How do I use it?",
  ])("when %j is sent, then it is still help", (text) => {
    expect(recogniser.recognise(text)).toMatchObject({ kind: "command", intent: "help" });
  });
});

describe("a person's own commands", () => {
  const recogniser = IntentRecogniser.train(loadIntentBank());
  const everything = new Set(COMMAND_INTENTS);
  const staffOnly = new Set(COMMAND_INTENTS.filter((i) => i !== "waitingForYou"));

  test("when a question leans towards a command only by the classifier's reading, then the offer is not named; in the command's own words it is", () => {
    const leaning = recogniser.recognise("do we get a day off for the coronation");
    expect(leaning).toMatchObject({ kind: "question", offer: "proposePost" });
    expect(leaning).not.toHaveProperty("offerNamed");
    expect(recogniser.recognise("how do i get something on the school instagram?")).toMatchObject({
      kind: "question",
      offer: "proposePost",
      offerNamed: true,
    });
    expect(recogniser.recognise("how do I report a post?")).toMatchObject({ offerNamed: true });
  });

  test("when someone asks after their own requests, then what they are of decides between their posts and their permissions", () => {
    // "requests ... up to" leans to the permissions; "post" says which list is meant.
    expect(recogniser.recognise("where are my post requests up to")).toMatchObject({
      kind: "command",
      intent: "myPosts",
    });
    expect(recogniser.recognise("what happened to my consent requests")).toMatchObject({
      kind: "command",
      intent: "myPermissions",
    });
  });

  test("when the Headteacher asks who has not acknowledged, then it is her waiting list; when a teacher asks the same, then it is never that", () => {
    const said = "who still hasn't acknowledged the policy?";
    expect(recogniser.recognise(said, everything)).toMatchObject({
      kind: "command",
      intent: "waitingForYou",
    });
    const forTeacher = recogniser.recognise(said, staffOnly);
    expect("intent" in forTeacher ? forTeacher.intent : forTeacher.offer).not.toBe("waitingForYou");
  });

  test("when the same words come again, for the same or other commands, then they read as a freshly trained recogniser reads them", () => {
    const fresh = () => IntentRecogniser.train(loadIntentBank());
    const said = ["who still hasn't acknowledged the policy?", "report this", "hi", "thanks"];
    const allowedSets = [staffOnly, everything, undefined];
    for (const text of said) {
      for (const allowed of allowedSets) {
        const once = recogniser.recognise(text, allowed);
        expect(recogniser.recognise(text, allowed)).toEqual(once);
        expect(once).toEqual(fresh().recognise(text, allowed));
      }
    }
    // Asked the other way round, the cache must not hand one person's reading to another.
    const other = fresh();
    for (const text of said) {
      for (const allowed of [...allowedSets].reverse()) {
        expect(other.recognise(text, allowed)).toEqual(recogniser.recognise(text, allowed));
      }
    }
  });
});
