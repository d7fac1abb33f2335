import type { AppServices } from "../app/services";
import type { ScheduledJob } from "../app/scheduler";
import type { ActionHandler } from "../bot/actions";
import type { CommandHandler, FileHandler } from "../bot/commands";
import type { Config } from "../config";
import type { Person } from "../domain/people/person";
import type { Decision } from "../domain/result";
import type { TabPanel, TabRoutes } from "../http/tabApi";
import type { CardMessage, RecordKind } from "../ports";

/*
 * A capability, declared once: everything the rest of the app needs from it. The bot registry,
 * the card verbs, the store's record kinds (SharePoint provisioning, the start-up check), the
 * scheduler, the tab API, the dashboard and the subject access export all loop over
 * `FEATURES` (src/features/index.ts). Adding a capability is one folder and one line there.
 */
export interface Feature {
  /** Short, in the policy's words: "writtenPermissions". */
  readonly name: string;
  /** Every kind of record the capability keeps. Each must appear in `personalData`. */
  readonly recordKinds: readonly RecordKind<unknown>[];
  /** Its Action.Execute verbs by name; card templates use these strings, handlers register under them. */
  readonly verbs: Readonly<Record<string, string>>;
  /** Chat commands and card actions (each with its zod schema), built from the app's services. */
  bot?(services: AppServices): FeatureBot;
  /** Reminders, expiry, retention: run by the scheduler under a store lease. */
  jobs?(services: AppServices, config: Config): readonly ScheduledJob[];
  /** Dashboard panels, each behind its own role check. */
  readonly panels?: readonly TabPanel[];
  /** Tab API routes beyond a list panel (the acknowledgements dashboard), each signing the caller in. */
  readonly tabRoutes?: TabRoutes;
  /** What the capability holds about a person, for a subject access request. */
  readonly personalData: PersonalDataContribution;
  /** How long its records are kept, in words (the README and the export list them). */
  readonly retention: readonly RetentionRule[];
}

export interface FeatureBot {
  readonly commands?: readonly CommandHandler[];
  readonly actions?: readonly ActionHandler[];
  /** Files sent to the bot in personal chat. */
  readonly files?: readonly FileHandler[];
  /**
   * At most one feature answers messages that are no command (policy Q&A). Its commands are
   * matched after every other feature's, so its catch-all words ("ask …") take only the rest.
   */
  readonly fallback?: CommandHandler;
  /** With the fallback: asks a question as such (the natural-language commands' "ask instead"). */
  readonly ask?: AsksQuestion;
}

/**
 * A question asked in chat: the answer card and whether anything answered it (the policy or a
 * saved answer; not "the policy does not say"), or why it was refused.
 */
export type AsksQuestion = (
  person: Person,
  text: string,
) => Promise<Decision<{ readonly card: CardMessage; readonly covered: boolean }>>;

export interface PersonalDataContribution {
  /** Kinds read for the export. */
  readonly exported: readonly RecordKind<unknown>[];
  /** Kinds that hold nothing about a person, with why. */
  readonly leftOut?: readonly { readonly kind: RecordKind<unknown>; readonly why: string }[];
  /** Sections of the export, each a list (empty when nothing is held). Ids of others never copied out. */
  collect(services: AppServices, personId: string): Promise<Record<string, readonly unknown[]>>;
  /** Once an export is written: record it where the capability must (a case's audit trail). */
  recordExport?(
    services: AppServices,
    sections: Readonly<Record<string, readonly unknown[]>>,
    exported: { readonly by: string; readonly at: string },
  ): Promise<void>;
}

export interface RetentionRule {
  readonly kind: RecordKind<unknown>;
  readonly rule: string;
}

/** Lets a feature list its typed kinds. */
export const anyKind = <T>(kind: RecordKind<T>) => kind as unknown as RecordKind<unknown>;
