import { z } from "zod";
import type { Decision } from "../domain/result";
import type { Person } from "../domain/people/person";
import type { CardMessage } from "../ports";
import type { CommandHandler } from "./commands";

/*
 * Card actions as a table: one verb, one zod schema for its data, one handler.
 * The card carries a verb and ids only; handlers re-read the record and decide again.
 */
export type ActionOutcome =
  /** Replace the card the person clicked with this one (Universal Actions refresh in place). */
  | { readonly kind: "card"; readonly card: CardMessage }
  /** Leave the card as it is and tell the person something (a refusal or a confirmation). */
  | { readonly kind: "message"; readonly text: string }
  /** Run a chat command for the person, as if they had typed it (the buttons that start one). */
  | { readonly kind: "command"; readonly handler: CommandHandler; readonly told?: string };

export interface ActionRequest<D> {
  readonly person: Person;
  readonly data: D;
  /** "personal" | "groupChat" | "channel": where the card was clicked. */
  readonly scope: string;
}

export interface ActionHandler<D = unknown> {
  readonly verb: string;
  readonly schema: z.ZodType<D>;
  /**
   * True only for verbs whose answer may be seen by a group (feedback on a policy answer).
   * Otherwise the verb is refused outside the person's private chat, on Action.Execute and on
   * the Action.Submit fallback alike, before its data is read.
   */
  readonly sharedConversations?: boolean;
  handle(request: ActionRequest<D>): Promise<ActionOutcome>;
}

/** Keeps each handler's data type while letting the registry hold them all. */
export function defineAction<D>(handler: ActionHandler<D>): ActionHandler<unknown> {
  return handler as unknown as ActionHandler<unknown>;
}

/** A decision's card replaces the one clicked; a refusal is said to the person: how most verbs answer. */
export function cardOrRefusal(r: Decision<CardMessage>): ActionOutcome {
  return r.ok ? { kind: "card", card: r.value } : { kind: "message", text: r.reason };
}

/** Card inputs arrive as strings: a multi-select's "a,b" becomes a list of `item`. */
export function commaList<T extends z.ZodTypeAny>(item: T, maxItems?: number) {
  return z.preprocess(
    (v) =>
      typeof v === "string"
        ? v
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean)
        : v,
    maxItems === undefined ? z.array(item) : z.array(item).max(maxItems),
  );
}
