import type { Person } from "../../domain/people/person";
import type { AskedQuestion } from "../../domain/qa/askedQuestion";
import type { CardMessage } from "../../ports";

/*
 * What policy questions show, in the policy's terms: the question as kept (what the asker was
 * shown, their feedback, whether it went to the policy owner) and what each person may still do
 * with it. Use cases build these; the QaCards port (the card side, ./cards) turns them into Teams
 * cards, so wording, template names and verbs stay out of here.
 */

/** What the asker sees of their question: what they were shown, and what they may still do. */
export interface AnswerView {
  readonly question: AskedQuestion;
  /** Not sent to the policy owner yet: the asker may send it. */
  readonly mayAskOwner: boolean;
  /** An answer was shown, and neither rated nor sent on: the asker may rate it once. */
  readonly mayRate: boolean;
  readonly timeZone: string;
}

export function answerView(q: AskedQuestion, timeZone: string): AnswerView {
  return {
    question: q,
    mayAskOwner: q.escalation === "none",
    mayRate: q.answered && q.feedback === null && q.escalation === "none",
    timeZone,
  };
}

/** What a holder of the policy owner's role sees of a question sent to them. */
export interface OwnerQuestionView {
  readonly question: AskedQuestion;
  /** Who asked, as the roster has them now: absent once they have left (the owner is entitled to know). */
  readonly asker: Person | undefined;
  /** Still waiting for the policy owner: it may be answered. */
  readonly mayAnswer: boolean;
  readonly timeZone: string;
}

export function ownerQuestionView(
  q: AskedQuestion,
  asker: Person | undefined,
  timeZone: string,
): OwnerQuestionView {
  return { question: q, asker, mayAnswer: q.escalation === "open", timeZone };
}

/** What happened to a question, told as a message of its own. */
export type QaNews =
  /** To the asker: the policy owner answered it. */
  | { readonly kind: "ownerAnswered"; readonly question: AskedQuestion; readonly timeZone: string }
  /** To the policy owner: a question sent to them is still waiting, after so many hours. */
  | {
      readonly kind: "stillWaiting";
      readonly question: AskedQuestion;
      readonly hoursWaiting: number;
      readonly timeZone: string;
    };

/** The cards port of policy questions: one method per template, typed by the view it shows. */
export interface QaCards {
  answerCard(view: AnswerView): CardMessage;
  ownerCard(view: OwnerQuestionView): CardMessage;
  qaNews(news: QaNews): CardMessage;
}
