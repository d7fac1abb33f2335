import type { CardMessage } from "../../ports";

/*
 * What "What is waiting for you" shows, in the policy's terms: for each part the policy gives
 * this person, what is waiting. The use case (./waitingForYou.ts) builds it; the WaitingCards
 * port (./cards) turns it into the Teams card, so wording and verbs stay out of the use case.
 */
export interface WaitingPost {
  readonly excerpt: string;
  readonly authorName: string;
  readonly intendedDate: string;
}

export interface WaitingList {
  readonly named: readonly WaitingPost[];
  readonly total: number;
}

export interface WaitingAcknowledgements {
  readonly version: string;
  readonly inForce: boolean;
  readonly effectiveFrom: string;
  readonly total: number;
  readonly acknowledged: number;
  /** Outstanding or overdue, and reachable by a reminder. */
  readonly notYet: number;
  readonly overdue: number;
  readonly unreachable: number;
  /** The viewer may send the reminders from chat. */
  readonly mayRemind: boolean;
}

export interface WaitingForYou {
  /** Posts whose approval waits for a key this person holds (or stands in for) today. */
  readonly postsToDecide?: WaitingList;
  /** Approved posts the Resources Manager has still to post. */
  readonly postsToPublish?: WaitingList;
  /** Open misuse reports and media enquiries this person handles or was shared. */
  readonly openCases?: number;
  /** Staff questions waiting for the policy owner. */
  readonly questionsWaiting?: number;
  /** Versions staff must acknowledge: the one in force and any announced. */
  readonly acknowledgements?: readonly WaitingAcknowledgements[];
  /** New versions waiting for the governors' approval (the Chair records it). */
  readonly draftsForGovernors?: readonly { label: string; effectiveFrom: string }[];
  /** The person's own acknowledgement of the version they must acknowledge next, when missing. */
  readonly ownAcknowledgementMissing?: string;
}

/** Where the card is read: the school's time zone for dates, and this person's dashboard link. */
export interface WaitingPlace {
  readonly timeZone: string;
  readonly dashboardUrl: string;
}

/** Reminders about a version went out from the card. */
export interface RemindersQueued {
  readonly version: string;
  readonly queued: number;
  /** Those the bot cannot reach (the dashboard says why). */
  readonly notReminded: number;
  readonly dashboardUrl: string;
}

/** The cards port of "What is waiting for you": one method per template or message. */
export interface WaitingCards {
  waitingForYou(view: WaitingForYou, place: WaitingPlace): CardMessage;
  remindersQueued(news: RemindersQueued): CardMessage;
}
