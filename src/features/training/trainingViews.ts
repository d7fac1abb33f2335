import type { Person } from "../../domain/people/person";
import type { TrainingRecord } from "../../domain/training/trainingRecord";
import type { CardMessage } from "../../ports";

/*
 * What training records show: the form to record training (for one person or several), and
 * the news that it was recorded.
 * Use cases and the bot side build these; the TrainingCards port (the card side, ./cards) turns
 * them into Teams cards.
 */

/** The form to record training: who may be chosen, and the school's date today. */
export interface TrainingFormView {
  readonly people: readonly Person[];
  readonly today: string;
}

/** Training was recorded: the trainee is told, and the person who recorded it sees it done. */
export type TrainingRecorded =
  | { readonly to: "trainee"; readonly record: TrainingRecord }
  | {
      readonly to: "recorder";
      readonly record: TrainingRecord;
      /** Everyone recorded from the one form, in the order chosen. */
      readonly traineeNames: readonly string[];
      /** Permissions that waited for this training and are now in force. */
      readonly inForce: number;
    };

/** The cards port of training records: one method per template, typed by the view it shows. */
export interface TrainingCards {
  trainingForm(view: TrainingFormView): CardMessage;
  trainingRecorded(news: TrainingRecorded): CardMessage;
}
