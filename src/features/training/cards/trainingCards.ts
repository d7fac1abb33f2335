import { listedChoices } from "../../../app/people/findColleagues";
import { rosterGroups } from "../../../domain/people/rosterGroups";
import { TRAINING_TOPICS, TRAINING_TOPIC_NAMES } from "../../../domain/training/trainingRecord";
import type { CardMessage } from "../../../ports";
import type { TrainingCards, TrainingFormView, TrainingRecorded } from "../trainingViews";
import { TRAINING_VERBS } from "./trainingVerbs";

/* The Teams side of the TrainingCards port: the form (trainingForm.json) and the notices. */

function trainingForm({ people, today }: TrainingFormView): CardMessage {
  return {
    template: "trainingForm",
    data: {
      // A small school's staff are listed; a larger one's are found by the staff picker's search
      // (Data.Query), so the card stays small whatever the size of the school.
      ...listedChoices(people),
      // Whole groups, so a whole staff is one tick, not sixty (worked out again on submit).
      groups: rosterGroups(people).map((g) => ({
        title: `${g.title} (${g.members.length})`,
        value: g.id,
      })),
      topics: TRAINING_TOPIC_NAMES.map((t) => ({ title: TRAINING_TOPICS[t], value: t })),
      today,
      verb: TRAINING_VERBS.record,
    },
  };
}

function trainingRecorded(news: TrainingRecorded): CardMessage {
  const r = news.record;
  return news.to === "trainee"
    ? {
        template: "notice",
        data: {
          title: "Your training is recorded",
          message: `${TRAINING_TOPICS[r.topic]}, completed on ${r.completedOn}; it counts until ${r.validUntil}.`,
          tone: "good",
        },
      }
    : {
        template: "notice",
        data: {
          title: "Training recorded",
          message: `${namesInWords(news.traineeNames)}: ${TRAINING_TOPICS[r.topic]}, valid until ${r.validUntil}.${news.inForce ? ` ${news.inForce} permission(s) waiting for it are now in force.` : ""}`,
          tone: "good",
        },
      };
}

/** "Aisha Khan, Daniel Price and Rachel Green"; a long list names three and counts the rest. */
function namesInWords(names: readonly string[]): string {
  const shown = names.length > 5 ? [...names.slice(0, 3), `${names.length - 3} others`] : names;
  return new Intl.ListFormat("en-GB", { type: "conjunction" }).format(shown);
}

/** The training records' cards as Teams shows them: Adaptive Card templates with typed data. */
export const teamsTrainingCards: TrainingCards = { trainingForm, trainingRecorded };
