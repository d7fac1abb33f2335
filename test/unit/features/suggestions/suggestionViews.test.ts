import type { Suggestion } from "../../../../src/domain/suggestions/suggestion";
import { teamsSuggestionCards } from "../../../../src/features/suggestions/cards/suggestionCards";
import { suggestionView } from "../../../../src/features/suggestions/suggestionViews";
import { person } from "../../../support/people";

/* Who may answer a suggestion, as its view says and its card shows (the answer box or not). */
const asker = person("asker");
const owner = person("owner", "aht-digital");
const head = person("head", "headteacher");
const at = "2026-11-20T10:00:00Z";

describe("the suggestion view", () => {
  const open: Suggestion = {
    id: "S-1",
    suggesterId: asker.aadObjectId,
    text: "A section on AI images",
    policyVersion: "2024.07",
    submittedAt: at,
    status: "open",
    answer: null,
  };

  test.each([
    ["the policy owner, while it is open", true, open, owner],
    ["the Headteacher, while it is open", true, open, head],
    ["a member of staff", false, open, asker],
    [
      "the policy owner, once it is answered",
      false,
      { ...open, status: "considered", answer: { reason: "", version: null, by: "owner", at } },
      owner,
    ],
  ] as const)("when %s sees it, then they may answer it: %s", (_, may, s, viewer) => {
    const view = suggestionView(s as Suggestion, "asker", viewer);
    expect(view.mayAnswer).toBe(may);
    expect(teamsSuggestionCards.suggestionCard(view).data).toMatchObject({ canAnswer: may });
  });
});
