import { ROLE_TITLES, type Person } from "../../domain/people/person";
import type { CommandHandler, Reply } from "../commands";

export function firstName(person: Person): string {
  return person.displayName.split(/\s+/)[0] ?? person.displayName;
}

export function commandsFor(person: Person, commands: readonly CommandHandler[]) {
  return commands
    .filter((c) => c.visibleTo(person))
    .map((c) => ({ title: c.name, example: c.example, description: c.description }));
}

/** `help`: what this person, with these roles, can ask the bot to do. */
export function helpCommand(allCommands: () => readonly CommandHandler[]): CommandHandler {
  return {
    name: "Help",
    example: "help",
    description: "Show what I can do for you.",
    triggers: [/^(?:help|\?|what can you do\??|commands)$/i],
    intent: "help",
    startTitle: "Show what you can do",
    visibleTo: () => true,
    async handle({ person }): Promise<Reply[]> {
      const roles = person.roles.filter((r) => r !== "staff");
      return [
        {
          card: {
            template: "help",
            data: {
              roleTitles: [...roles.map((r) => ROLE_TITLES[r]), ROLE_TITLES.staff].join(", "),
              commands: commandsFor(person, allCommands()),
            },
          },
        },
      ];
    },
  };
}
