import type { Outbox } from "../outbox/outbox";
import type { PolicyVersions } from "./policy/policyVersions";
import type { PostSettings } from "../features/posts/postApprovals";
import type { PostCards } from "../features/posts/postViews";
import type { AcknowledgementCards } from "../features/acknowledgements/acknowledgementViews";
import type { DraftCards } from "../features/governorsApproval/draftViews";
import type { QaCards } from "../features/qa/qaViews";
import type { SuggestionCards } from "../features/suggestions/suggestionViews";
import type { TrainingCards } from "../features/training/trainingViews";
import type { ReportCards } from "../features/reports/reportViews";
import type { PermissionCards } from "../features/permissions/permissionViews";
import type { WaitingCards } from "../features/waitingForYou/waitingViews";
import type { PolicyDocument } from "../domain/policy/policyDocument";
import type { Person } from "../domain/people/person";
import type { QuestionModel } from "../domain/qa/questionModel";
import type { Clock, Directory, Ids, Logger, Store } from "../ports";
import type { RateLimits } from "./limits/rateLimits";
import type { SavedAnswers } from "./qa/records";

/**
 * What use cases may reach: the ports and settings, wired once in composition.ts. No messenger:
 * use cases send through the outbox, and only the outbox worker (given the bot's messenger by
 * startApp) delivers.
 */
export interface AppServices {
  readonly store: Store;
  readonly directory: Directory;
  readonly clock: Clock;
  readonly ids: Ids;
  readonly logger: Logger;
  /** Every message a decision implies goes here; the worker delivers it. */
  readonly outbox: Outbox;
  /** The bundled policy: the version in force when nothing newer has been published. */
  readonly bundledPolicy: PolicyDocument;
  /** The trained question classifier; without it, questions are answered by retrieval alone. */
  readonly questionModel?: QuestionModel;
  /** The server's own address (the App Service's in production). */
  readonly publicUrl: string;
  /** Where "Open the dashboard" takes this person: the tab in Teams, or locally the plain page. */
  readonly dashboardUrlFor: (person: Person) => string;
  readonly schoolTimeZone: string;
  /** Published versions: which is in force, which is upcoming. */
  readonly policyVersions: PolicyVersions;
  /** The policy owner's saved answers, read every few seconds rather than per question. */
  readonly savedAnswers: SavedAnswers;
  readonly acknowledgements: AcknowledgementSettings;
  /** The school's accounts, the consent list and approval reminders. */
  readonly posts: PostSettings;
  /** Renders post views as cards: use cases enqueue what it builds, never card data of their own. */
  readonly postCards: PostCards;
  /** Renders acknowledgement views (notices, status, the new-version form, summaries) as cards. */
  readonly acknowledgementCards: AcknowledgementCards;
  /** Renders the governors' approval views (the draft, the Word master's preview) as cards. */
  readonly draftCards: DraftCards;
  /** Renders question views (the asker's answer, the owner's card, their news) as cards. */
  readonly qaCards: QaCards;
  /** Renders suggestion views (the form, the owner's card, the suggester's news) as cards. */
  readonly suggestionCards: SuggestionCards;
  /** Renders the training form and the news that training was recorded as cards. */
  readonly trainingCards: TrainingCards;
  /** Renders misuse report and media enquiry views as cards, as postCards does for posts. */
  readonly reportCards: ReportCards;
  /** Renders written permission views as cards and notices, as postCards does for posts. */
  readonly permissionCards: PermissionCards;
  /** Renders the "What is waiting for you" view and the reminders sent from it. */
  readonly waitingCards: WaitingCards;
  /** Per-person limits on questions, reports and posts; absent: the defaults. */
  readonly rateLimits?: RateLimits;
}

export interface AcknowledgementSettings {
  /** For the version already in force at installation: days to acknowledge before "overdue". */
  readonly graceDays: number;
  /** Days between reminders to those who have not acknowledged. */
  readonly reminderDays: number;
}
