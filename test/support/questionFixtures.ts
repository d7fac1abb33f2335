import {
  newAskedQuestion,
  type AskedQuestion,
  type ShownAnswer,
} from "../../src/domain/qa/askedQuestion";

/** "Can I post photos of pupils?", asked and answered from the policy (these citations) or not. */
export function photoQuestion(
  askerId: string,
  askedAt: string,
  source: AskedQuestion["source"],
  citations: ShownAnswer["citations"],
): AskedQuestion {
  return newAskedQuestion({
    id: "Q-1",
    askerId,
    question: "Can I post photos of pupils?",
    askedAt,
    policyVersion: "2024.07",
    source,
    shown: { citations: source === "policy" ? citations : [], upcomingNote: null, curated: null },
  });
}
