import type { UnreachableCounts } from "../../domain/acknowledgements/unreachable";
import type { PolicyVersion } from "../../domain/policy/policyVersion";
import type { CardMessage } from "../../ports";

/*
 * What policy versions and acknowledgements show, in the policy's terms: a version and what
 * changed since the last, where a person stands, who is overdue. Use cases build these; the
 * AcknowledgementCards port (the card side, ./cards) turns them into Teams cards, so wording,
 * template names and verbs stay out of here.
 */

/** A version as one person sees it: asked to acknowledge it, or their receipt. */
export interface NoticeView {
  readonly version: PolicyVersion;
  /** The version before it, whose text the changes are counted from. */
  readonly previous?: PolicyVersion;
  /** When this person acknowledged it (absent: not yet). */
  readonly acknowledgedAt?: string;
  readonly reminder?: boolean;
  /** Why the card is shown instead of what was asked for (e.g. that version was superseded). */
  readonly note?: string;
  /** The server's address: the full text is on its policy page. */
  readonly publicUrl: string;
  readonly timeZone: string;
}

/** Where a person stands: the versions in force and upcoming, and their acknowledgements. */
export interface PolicyStatusView {
  readonly current: PolicyVersion | undefined;
  readonly upcoming: PolicyVersion | undefined;
  /** Version label → when the person acknowledged it (absent: not yet). */
  readonly acknowledgedAt: ReadonlyMap<string, string>;
  /** When the version in force is next reviewed (none without a version in force). */
  readonly nextReview: string | undefined;
  readonly publicUrl: string;
  readonly timeZone: string;
}

/** The owner's form for a new version: the earliest date with a month's notice. */
export interface PublishFormView {
  readonly earliest: string;
  readonly current: PolicyVersion | undefined;
}

/** To the Headteacher, weekly after the due date: how many have not acknowledged, and why some cannot. */
export interface OverdueSummaryView {
  readonly version: PolicyVersion;
  /** The date acknowledgements were due by. */
  readonly due: string;
  readonly acknowledged: number;
  readonly overdue: number;
  readonly undeliverable: number;
  /** Why those counted as undeliverable could not be reached. */
  readonly unreachable: UnreachableCounts;
  /** Where this recipient opens the dashboard. */
  readonly dashboardUrl: string;
  readonly timeZone: string;
}

/** To the owner and the Headteacher: the version in force is due for its annual review. */
export interface ReviewReminderView {
  readonly version: PolicyVersion;
  readonly nextReview: string;
}

/** The cards port of acknowledgements: one method per template or message, typed by its view. */
export interface AcknowledgementCards {
  notice(view: NoticeView): CardMessage;
  status(view: PolicyStatusView): CardMessage;
  publishForm(view: PublishFormView): CardMessage;
  overdueSummary(view: OverdueSummaryView): CardMessage;
  reviewReminder(view: ReviewReminderView): CardMessage;
  /** The version a card sent earlier asks to acknowledge (or shows the receipt of), if it is a notice. */
  noticeVersionOf(card: CardMessage): string | undefined;
}
