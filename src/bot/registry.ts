import type { AppServices } from "../app/services";
import type { ActionHandler } from "./actions";
import type { CommandHandler, FileHandler } from "./commands";
import { helpCommand } from "./handlers/helpCommand";
import { qaFeature } from "./handlers/qaHandlers";
import type { BotHandlers } from "./teamsBot";
import { FEATURES } from "../features";
import type { RecognisesIntents } from "../domain/intents/recogniseIntent";
import { NaturalCommands } from "./naturalCommands";

/** A capability's chat commands and card verbs, built from the app's services. */
export interface BotFeature {
  readonly commands?: readonly CommandHandler[];
  readonly actions?: readonly ActionHandler[];
  readonly files?: readonly FileHandler[];
  /** At most one feature answers messages that are no command (policy Q&A). */
  readonly fallback?: CommandHandler;
}

/** What the bot does: each capability module's commands and verbs, then Q&A (not yet a module). */
function features(services: AppServices): BotFeature[] {
  return [
    // In the feature list's order; before Q&A, whose "ask …" takes the rest.
    ...FEATURES.map((f) => f.bot?.(services) ?? {}),
    qaFeature(services),
  ];
}

const notUnderstood: CommandHandler = {
  name: "Not understood",
  example: "",
  description: "",
  triggers: [],
  visibleTo: () => true,
  handle: async () => [
    { text: "Sorry, I did not understand that. Type help to see what I can do." },
  ],
};

/** `recogniser`: commands in people's own words; without it only the command words work. */
export function buildBotHandlers(
  services: AppServices,
  recogniser?: RecognisesIntents,
): BotHandlers {
  const all = features(services);
  const commands: CommandHandler[] = [];
  commands.push(
    helpCommand(() => commands),
    ...all.flatMap((f) => f.commands ?? []),
  );
  const natural = recogniser
    ? new NaturalCommands(services, recogniser, () => commands)
    : undefined;
  const actions = [...all.flatMap((f) => f.actions ?? []), ...(natural?.actions() ?? [])];
  const verbs = new Set<string>();
  for (const a of actions) {
    if (verbs.has(a.verb)) throw new Error(`Card verb "${a.verb}" is registered twice`);
    verbs.add(a.verb);
  }
  const fallback = all.find((f) => f.fallback)?.fallback ?? notUnderstood;
  return {
    commands,
    actions,
    fallback,
    files: all.flatMap((f) => f.files ?? []),
    ...(natural ? { understand: (request) => natural.understand(request) } : {}),
  };
}
