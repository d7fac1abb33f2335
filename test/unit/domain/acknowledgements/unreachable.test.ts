import { unreachableWhyOf } from "../../../../src/features/acknowledgements/unreachable";
import {
  countUnreachable,
  describeUnreachable,
} from "../../../../src/domain/acknowledgements/unreachable";

describe("why someone could not be reached", () => {
  test.each([
    ["The person has not installed the app yet.", "neverOpened"],
    ["no-reference", "neverOpened"],
    ["The person has blocked or removed the app.", "blocked"],
    ["The person is no longer on the staff roster.", "leftRoster"],
    ["HTTP 500", "notAccepted"],
    [null, "notAccepted"],
  ] as const)("when the outbox recorded %j, then the reason is %s", (lastError, why) => {
    expect(unreachableWhyOf({ lastError })).toBe(why);
  });

  test.each([
    [[], ""],
    [
      ["neverOpened", "blocked", "neverOpened"],
      "2 never opened the app, 1 blocked or removed the bot",
    ],
    [["leftRoster"], "1 left the roster"],
  ] as const)("when the reasons are %j, then they read %j", (reasons, words) => {
    expect(describeUnreachable(countUnreachable(reasons))).toBe(words);
  });
});
