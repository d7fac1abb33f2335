import type { UnreachableWhy } from "../../domain/acknowledgements/unreachable";
import type { OutboxMessage } from "../../outbox/outboxMessage";

/** The outbox worker's words for an undelivered message, as a reason a person can act on. */
export function unreachableWhyOf(message: Pick<OutboxMessage, "lastError">): UnreachableWhy {
  const error = (message.lastError ?? "").toLowerCase();
  if (error.includes("no longer on the staff roster")) return "leftRoster";
  if (error.includes("blocked") || error.includes("removed the app")) return "blocked";
  if (error.includes("not installed") || error.includes("no-reference")) return "neverOpened";
  return "notAccepted";
}
