import type { Person, Role } from "../../../../src/domain/people/person";
import {
  answerSuggestion,
  answerWords,
  checkSuggestion,
  MAX_SUGGESTION,
  type Suggestion,
} from "../../../../src/domain/suggestions/suggestion";

const person = (id: string, ...roles: Role[]): Person => ({
  aadObjectId: id,
  displayName: `Person ${id}`,
  email: `${id}@school.example`,
  roles,
  department: "",
});
const teacher = person("teacher", "staff");
const owner = person("owner", "staff", "aht-digital");
const head = person("head", "staff", "headteacher");
const open: Suggestion = {
  id: "S-1",
  suggesterId: teacher.aadObjectId,
  text: "Add a section on AI image generators",
  policyVersion: "2024.07",
  submittedAt: "2026-11-02T09:00:00Z",
  status: "open",
  answer: null,
};
const at = "2026-11-10T09:00:00Z";

describe('"suggestions for additions that they would like to be considered on review"', () => {
  test.each([
    ["a member of staff", true, teacher, "Add AI tools", ""],
    [
      "someone not on the staff roster",
      false,
      person("visitor", "governor"),
      "Add AI tools",
      "SUGGESTION.ROLE",
    ],
    ["an empty suggestion", false, teacher, "   ", "SUGGESTION.EMPTY"],
    ["one over the limit", false, teacher, "x".repeat(MAX_SUGGESTION + 1), "SUGGESTION.TOO_LONG"],
  ] as const)("when %s is sent, then it is recorded: %s", (_case, ok, who, text, code) => {
    const r = checkSuggestion(who, text);
    expect(r.ok).toBe(ok);
    if (!r.ok) expect(r.code).toBe(code);
  });

  // "… by emailing the Assistant Headteacher Digital Technology and Innovation": the policy owner answers.
  test.each([
    ["the policy owner (AHT Digital Technology and Innovation)", true, owner],
    ["the Headteacher", true, head],
    ["a teacher", false, teacher],
    ["the AHT Publicity", false, person("aht", "staff", "aht-publicity")],
    ["the Chair of Governors", false, person("chair", "chair-of-governors")],
  ] as const)("when %s answers a suggestion, then it is allowed: %s", (_who, allowed, who) => {
    expect(
      answerSuggestion(open, who, { outcome: "considered", reason: "", version: "" }, at).ok,
    ).toBe(allowed);
  });

  test.each([
    ["considered", "", "", true, "considered"],
    ["adopted", "", "2026.12", true, "adopted in version 2026.12"],
    ["adopted", "", " ", false, "SUGGESTION.VERSION"],
    [
      "notAdopted",
      "Covered by the acceptable use policy",
      "",
      true,
      "not adopted: Covered by the acceptable use policy",
    ],
    ["notAdopted", "  ", "", false, "SUGGESTION.REASON"],
  ] as const)(
    "when it is answered %s (reason %j, version %j), then it is accepted: %s (the suggester reads, or the refusal: %s)",
    (outcome, reason, version, ok, words) => {
      const r = answerSuggestion(open, owner, { outcome, reason, version }, at);
      expect(r.ok).toBe(ok);
      if (r.ok) {
        expect(r.value.status).toBe(outcome);
        expect(r.value.answer).toMatchObject({ by: owner.aadObjectId, at });
        expect(answerWords(r.value)).toBe(words);
      } else expect(r.code).toBe(words);
    },
  );

  test("when a suggestion is answered twice, then the second answer is refused", () => {
    const once = answerSuggestion(
      open,
      owner,
      { outcome: "considered", reason: "", version: "" },
      at,
    );
    if (!once.ok) throw new Error(once.reason);
    expect(
      answerSuggestion(
        once.value,
        head,
        { outcome: "adopted", reason: "", version: "2026.12" },
        at,
      ),
    ).toMatchObject({ ok: false, code: "SUGGESTION.ANSWERED" });
    expect(answerWords(open)).toBe("waiting for the review");
  });
});
