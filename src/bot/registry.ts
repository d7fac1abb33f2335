import type { AppServices } from "../app/services";
import type { CommandHandler } from "./commands";
import { helpCommand } from "./handlers/helpCommand";
import type { BotHandlers } from "./teamsBot";
import { FEATURES } from "../features";
import type { AsksQuestion, FeatureBot } from "../features/feature";
import type { RecognisesIntents } from "../domain/intents/recogniseIntent";
import { NaturalCommands } from "./naturalCommands";
import { refuse } from "../domain/result";

/**
 * What the bot does: each capability module's commands and verbs, in the feature list's order,
 * except that the one answering free text (Q&A) goes last, so its "ask …" takes only the rest.
 */
function features(services: AppServices): FeatureBot[] {
  const bots = FEATURES.map((f) => f.bot?.(services) ?? {});
  return [...bots.filter((b) => !b.fallback), ...bots.filter((b) => b.fallback)];
}

const NOT_UNDERSTOOD = "Sorry, I did not understand that. Type help to see what I can do.";

const notUnderstood: CommandHandler = {
  name: "Not understood",
  example: "",
  description: "",
  triggers: [],
  visibleTo: () => true,
  handle: async () => [{ text: NOT_UNDERSTOOD }],
};

/** Without a feature that answers questions, a question offered instead is not understood. */
const noQuestions: AsksQuestion = async () => refuse("NOT_UNDERSTOOD", NOT_UNDERSTOOD);

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
    ? new NaturalCommands(
        services,
        recogniser,
        () => commands,
        all.find((f) => f.ask)?.ask ?? noQuestions,
      )
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
