import type { AppServices } from "../app/services";
import type { ActionHandler } from "./actions";
import type { CommandHandler } from "./commands";
import { helpCommand } from "./handlers/helpCommand";
import type { BotHandlers } from "./teamsBot";

/** The one place that lists what the bot does: each feature adds its commands and verbs here. */
export function buildBotHandlers(_services: AppServices): BotHandlers {
  const commands: CommandHandler[] = [];
  const actions: ActionHandler[] = [];
  commands.unshift(helpCommand(() => commands));
  const fallback: CommandHandler = {
    name: "Not understood",
    example: "",
    description: "",
    triggers: [],
    visibleTo: () => true,
    handle: async () => [{ text: "Sorry, I did not understand that. Type help to see what I can do." }],
  };
  return { commands, actions, fallback };
}
