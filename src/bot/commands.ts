import type { CommandIntent } from "../domain/intents/recogniseIntent";
import type { Person } from "../domain/people/person";
import type { CardMessage } from "../ports";

/*
 * Chat commands as a table: each declares its triggers, who sees it in help, and what it does.
 * Handlers return replies (text or a card by template), never botbuilder objects, so moving to
 * the Agents SDK rewrites teamsBot.ts, not them.
 */
export type Reply =
  | { readonly text: string }
  /** `keep`: record the sent card in the outbox under this key, so a later change can update it in place. */
  | {
      readonly card: CardMessage;
      readonly keep?: { readonly key: string; readonly purpose: string };
    };

export interface CommandRequest {
  readonly person: Person;
  /** The text after the trigger, trimmed. */
  readonly argument: string;
  readonly text: string;
  /** "personal" | "groupChat" | "channel": some things are only done in private. */
  readonly scope: string;
  /**
   * The person's own words when the command was read from them and they tell more than a
   * request ("a blogger messaged me on insta wanting…"): a form may start from them.
   */
  readonly told?: string;
}

export interface CommandHandler {
  readonly name: string;
  /** Shown in help, e.g. "policy". */
  readonly example: string;
  readonly description: string;
  /** Matched against the whole message, case-insensitive; the first capture group (if any) is the argument. */
  readonly triggers: readonly RegExp[];
  /** What a person means by it in their own words (see domain/intents), when it has a meaning. */
  readonly intent?: CommandIntent;
  /** Its replies are for the person alone: asked in a group chat, they go to a private chat. */
  readonly private?: boolean;
  /** The button that starts it beside an answer or a question back, e.g. "Start a report". */
  readonly startTitle?: string;
  visibleTo(person: Person): boolean;
  /**
   * True when its replies hold nothing personal in a team or group chat (they may differ in a
   * private chat). Any other command there gets the bot's neutral introduction instead.
   */
  readonly shared?: boolean;
  handle(request: CommandRequest): Promise<readonly Reply[]>;
}

export function matchCommand(
  handlers: readonly CommandHandler[],
  text: string,
): { handler: CommandHandler; argument: string } | undefined {
  const cleaned = text.trim();
  for (const handler of handlers) {
    for (const trigger of handler.triggers) {
      const m = trigger.exec(cleaned);
      if (m) return { handler, argument: (m[1] ?? "").trim() };
    }
  }
  return undefined;
}

/** A file a person sent the bot in personal chat (Teams file upload, `supportsFiles`). */
export interface ReceivedFile {
  readonly name: string;
  /** Teams' fileType: "docx", "pdf" … */
  readonly fileType: string;
  readonly content: Buffer;
}

export interface FileHandler {
  readonly name: string;
  /** By name and type only; the content is downloaded for the handler that accepts it. */
  accepts(file: { name: string; fileType: string }): boolean;
  handle(request: { person: Person; file: ReceivedFile }): Promise<readonly Reply[]>;
}
