import { mayAnswerPolicyQuestions } from "../people/permissions";
import type { Person } from "../people/person";
import { accept, refuse, type Decision } from "../result";

/*
 * A question a member of staff asked, what they were shown, and what happened next: their
 * feedback, and whether it went to the policy owner ("Questions regarding the content or
 * application of this policy should be directed ... to the Assistant Headteacher Digital
 * Technology and Innovation") and how it was answered. Pure decisions; the store is elsewhere.
 */
export type AnswerSource = "policy" | "curated" | "none";
export type Feedback = "helpful" | "notHelpful";
export type EscalationStatus = "none" | "open" | "answered";

export interface ShownCitation {
  readonly sectionId: string;
  readonly heading: string;
  readonly quote: string;
  readonly leadIn?: string;
}

/** A saved answer of the policy owner's, as the asker was shown it. */
export interface ShownCuratedAnswer {
  readonly id: string;
  readonly question: string;
  readonly answer: string;
  readonly answeredBy: string;
  /** YYYY-MM-DD. */
  readonly answeredOn: string;
}

/** A section offered as "Did you mean…". */
export interface ShownSuggestion {
  readonly sectionId: string;
  readonly heading: string;
}

/** A saved answer to a question like this one, offered by its question's words. */
export interface ShownSavedOffer {
  readonly id: string;
  readonly question: string;
}

/** What the asker saw, kept so the card can be drawn again (after feedback) exactly as it was. */
export interface ShownAnswer {
  readonly citations: readonly ShownCitation[];
  readonly upcomingNote: string | null;
  readonly curated: ShownCuratedAnswer | null;
  /** "Did you mean…" choices; absent on questions asked before the choices existed. */
  readonly suggestions?: readonly ShownSuggestion[];
  /** Saved answers to questions like it; absent on questions asked before they were offered. */
  readonly savedOffers?: readonly ShownSavedOffer[];
}

export interface AskedQuestion {
  readonly id: string;
  readonly askerId: string;
  readonly question: string;
  readonly askedAt: string;
  /** The version in force that answered it. */
  readonly policyVersion: string;
  readonly answered: boolean;
  readonly source: AnswerSource;
  readonly citedHeadings: readonly string[];
  readonly shown: ShownAnswer;
  readonly feedback: Feedback | null;
  readonly feedbackAt: string | null;
  readonly escalation: EscalationStatus;
  readonly escalatedAt: string | null;
  readonly ownerAnswer: string | null;
  /** aadObjectId of the policy owner who answered; their name at the time beside it. */
  readonly answeredBy: string | null;
  readonly answeredByName: string | null;
  readonly answeredAt: string | null;
  /** Id of the curated answer saved from this question's answer, if the owner saved it. */
  readonly curatedAnswerId: string | null;
  /** Derived, for the dashboard: waiting for the policy owner, or not helpful and never escalated. */
  readonly unanswered: boolean;
}

export const MAX_QUESTION_LENGTH = 1000;
export const MIN_OWNER_ANSWER_LENGTH = 2;
export const MAX_OWNER_ANSWER_LENGTH = 2000;

/** Kept in step with every change, so "what still needs the policy owner" is one indexed query. */
export function isUnanswered(q: Pick<AskedQuestion, "escalation" | "feedback">): boolean {
  return q.escalation === "open" || (q.escalation === "none" && q.feedback === "notHelpful");
}

function withDerived(q: Omit<AskedQuestion, "unanswered">): AskedQuestion {
  return { ...q, unanswered: isUnanswered(q) };
}

export function newAskedQuestion(fields: {
  id: string;
  askerId: string;
  question: string;
  askedAt: string;
  policyVersion: string;
  source: AnswerSource;
  shown: ShownAnswer;
}): AskedQuestion {
  return withDerived({
    ...fields,
    answered: fields.source !== "none",
    citedHeadings: Array.from(new Set(fields.shown.citations.map((c) => c.heading))),
    feedback: null,
    feedbackAt: null,
    escalation: "none",
    escalatedAt: null,
    ownerAnswer: null,
    answeredBy: null,
    answeredByName: null,
    answeredAt: null,
    curatedAnswerId: null,
  });
}

const NOT_YOURS = "This is not a question you asked, so it cannot be changed from here.";

/** Helpful / Not helpful, once per question: the same click again changes nothing. */
export function giveFeedback(
  q: AskedQuestion,
  person: Person,
  feedback: Feedback,
  at: string,
): Decision<{ question: AskedQuestion; changed: boolean }> {
  if (q.askerId !== person.aadObjectId) return refuse("QA.NOT_YOURS", NOT_YOURS);
  if (!q.answered)
    return refuse(
      "QA.NOTHING_TO_RATE",
      "There was no answer to rate: the policy does not cover this question.",
    );
  if (q.feedback === feedback) return accept({ question: q, changed: false });
  if (q.feedback) {
    return refuse(
      "QA.FEEDBACK_GIVEN",
      `You already said this answer was ${q.feedback === "helpful" ? "helpful" : "not helpful"}. Thank you.`,
    );
  }
  return accept({ question: withDerived({ ...q, feedback, feedbackAt: at }), changed: true });
}

/** "Ask the policy owner": by the asker only; asking twice sends it once. */
export function escalate(
  q: AskedQuestion,
  person: Person,
  at: string,
): Decision<{ question: AskedQuestion; changed: boolean }> {
  if (q.askerId !== person.aadObjectId) return refuse("QA.NOT_YOURS", NOT_YOURS);
  if (q.escalation !== "none") return accept({ question: q, changed: false });
  return accept({
    question: withDerived({ ...q, escalation: "open", escalatedAt: at }),
    changed: true,
  });
}

/**
 * The policy owner's answer: only they may give it, only once, and it must say something. The
 * same owner sending again (a retry) changes nothing; another owner is told it is answered.
 */
export function answerAsPolicyOwner(
  q: AskedQuestion,
  owner: Person,
  answer: string,
  at: string,
  curatedAnswerId: string | null,
): Decision<{ question: AskedQuestion; changed: boolean }> {
  if (!mayAnswerPolicyQuestions(owner)) {
    return refuse(
      "QA.NOT_POLICY_OWNER",
      "Only the policy owner, the Assistant Headteacher (Digital Technology and Innovation), can answer staff questions.",
    );
  }
  if (q.escalation === "none")
    return refuse("QA.NOT_ESCALATED", "This question was not sent to the policy owner.");
  if (q.escalation === "answered") {
    if (q.answeredBy === owner.aadObjectId) return accept({ question: q, changed: false });
    return refuse(
      "QA.ALREADY_ANSWERED",
      `${q.answeredByName ?? "The policy owner"} has already answered this question.`,
    );
  }
  const text = answer.trim();
  if (text.length < MIN_OWNER_ANSWER_LENGTH)
    return refuse("QA.EMPTY_ANSWER", "Please write your answer before sending it.");
  if (text.length > MAX_OWNER_ANSWER_LENGTH) {
    return refuse(
      "QA.ANSWER_TOO_LONG",
      `Please keep the answer to ${MAX_OWNER_ANSWER_LENGTH.toLocaleString("en-GB")} characters (it has ${text.length.toLocaleString("en-GB")}).`,
    );
  }
  return accept({
    question: withDerived({
      ...q,
      escalation: "answered",
      ownerAnswer: text,
      answeredBy: owner.aadObjectId,
      answeredByName: owner.displayName,
      answeredAt: at,
      curatedAnswerId,
    }),
    changed: true,
  });
}

/** When the asker chooses something else, the saved answer they were shown becomes an offer again. */
function offeredAgain(q: AskedQuestion): ShownSavedOffer[] {
  const shown = q.source === "curated" ? q.shown.curated : null;
  return shown ? [{ id: shown.id, question: shown.question }] : [];
}

/**
 * The asker picks a "Did you mean…" section: the answer becomes that section's, and the other
 * choices (with the section answered before, if any) stay on offer. Only the asker may choose,
 * and only a section the card really offered: a forged card cannot pull an arbitrary answer.
 */
export function openSuggestion(
  q: AskedQuestion,
  person: Person,
  sectionId: string,
  shown: Pick<ShownAnswer, "citations" | "upcomingNote">,
): Decision<{ question: AskedQuestion; changed: boolean }> {
  if (q.askerId !== person.aadObjectId) return refuse("QA.NOT_YOURS", NOT_YOURS);
  const offered = q.shown.suggestions ?? [];
  if (q.shown.citations[0]?.sectionId === sectionId && q.source === "policy") {
    return accept({ question: q, changed: false });
  }
  const chosen = offered.find((s) => s.sectionId === sectionId);
  if (!chosen) {
    return refuse(
      "QA.NOT_OFFERED",
      "That section was not one of the choices for this question. Ask your question again.",
    );
  }
  if (shown.citations.length === 0) {
    return refuse("QA.SECTION_GONE", `"${chosen.heading}" is no longer in the policy in force.`);
  }
  const before = q.source === "policy" ? q.shown.citations[0] : undefined;
  const others = offered.filter((s) => s.sectionId !== sectionId);
  const suggestions = before
    ? [{ sectionId: before.sectionId, heading: before.heading }, ...others]
    : others;
  const savedOffers = [...offeredAgain(q), ...(q.shown.savedOffers ?? [])];
  return accept({
    question: withDerived({
      ...q,
      answered: true,
      source: "policy",
      citedHeadings: Array.from(new Set(shown.citations.map((c) => c.heading))),
      shown: {
        citations: shown.citations,
        upcomingNote: shown.upcomingNote,
        curated: null,
        suggestions,
        ...(savedOffers.length > 0 ? { savedOffers } : {}),
      },
    }),
    changed: true,
  });
}

/**
 * The asker opens a saved answer the card offered ("The policy owner has answered a question like
 * this"): it becomes the answer, and what was shown before stays one click away. Only the asker
 * may, and only an offered one; `saved` is undefined when the owner's answer is no longer kept.
 */
export function openSavedOffer(
  q: AskedQuestion,
  person: Person,
  savedId: string,
  saved: ShownCuratedAnswer | undefined,
): Decision<{ question: AskedQuestion; changed: boolean }> {
  if (q.askerId !== person.aadObjectId) return refuse("QA.NOT_YOURS", NOT_YOURS);
  if (q.source === "curated" && q.shown.curated?.id === savedId) {
    return accept({ question: q, changed: false });
  }
  const offered = q.shown.savedOffers ?? [];
  if (!offered.some((o) => o.id === savedId)) {
    return refuse(
      "QA.NOT_OFFERED",
      "That saved answer was not one of the choices for this question. Ask your question again.",
    );
  }
  if (!saved) {
    return refuse(
      "QA.SAVED_ANSWER_GONE",
      "The policy owner's answer to that question is no longer kept. Ask the policy owner instead.",
    );
  }
  // The section quoted before becomes a "Did you mean…" choice.
  const before = q.source === "policy" ? q.shown.citations[0] : undefined;
  const suggestions = [
    ...(before ? [{ sectionId: before.sectionId, heading: before.heading }] : []),
    ...(q.shown.suggestions ?? []).filter((s) => s.sectionId !== before?.sectionId),
  ];
  const savedOffers = [...offeredAgain(q), ...offered.filter((o) => o.id !== savedId)];
  return accept({
    question: withDerived({
      ...q,
      answered: true,
      source: "curated",
      citedHeadings: [],
      shown: { citations: [], upcomingNote: null, curated: saved, suggestions, savedOffers },
    }),
    changed: true,
  });
}
