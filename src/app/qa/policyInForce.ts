import { answerFromSection, answerQuestion, type Suggestion } from "../../domain/qa/answerQuestion";
import type { QuestionModel } from "../../domain/qa/questionModel";
import { chooseCuratedAnswers, type CuratedAnswer } from "../../domain/qa/curatedAnswers";
import { passageIndexFor, type PassageIndex } from "../../domain/qa/passageIndex";
import type { ShownCitation } from "../../domain/qa/askedQuestion";
import type { PolicyDocument } from "../../domain/policy/policyDocument";
import type { AppServices } from "../services";
import { Remembered } from "../../domain/remembered";

/*
 * Which policy answers questions, and the one place that calls the answering engine. Questions
 * are answered from the version in force (with a note when the upcoming version changes a cited
 * section). The passage index is derived from a version's text, so it is kept in memory per
 * version: versions never change once published, and another instance builds its own.
 */
export interface PolicyForAnswers {
  readonly label: string;
  readonly index: PassageIndex;
  readonly upcoming?: { readonly label: string; readonly index: PassageIndex };
}

const MAX_CACHED_VERSIONS = 4;
/** Per app (its published versions), so two apps in one process (tests) never share labels. */
const cachesByApp = new WeakMap<object, Remembered<string, PassageIndex>>();

/** The index of one version, built once per app (a version's text never changes). */
function indexOf(services: AppServices, label: string, document: PolicyDocument): PassageIndex {
  let indexes = cachesByApp.get(services.policyVersions);
  if (!indexes) {
    // Old versions stop being asked about; keep the few most recent.
    indexes = new Remembered(MAX_CACHED_VERSIONS);
    cachesByApp.set(services.policyVersions, indexes);
  }
  return indexes.get(label, () => passageIndexFor(document));
}

/** The version in force now (from the published versions), or the bundled policy before any. */
export async function policyForAnswers(services: AppServices): Promise<PolicyForAnswers> {
  const now = services.clock.now();
  const [inForce, upcoming] = await Promise.all([
    services.policyVersions.inForce(now),
    services.policyVersions.upcoming(now),
  ]);
  const current = inForce
    ? { label: inForce.label, index: indexOf(services, inForce.label, inForce.document) }
    : {
        label: services.bundledPolicy.meta.version,
        index: indexOf(services, services.bundledPolicy.meta.version, services.bundledPolicy),
      };
  return upcoming
    ? {
        ...current,
        upcoming: {
          label: upcoming.label,
          index: indexOf(services, upcoming.label, upcoming.document),
        },
      }
    : current;
}

export interface PolicyAnswer {
  readonly answered: boolean;
  readonly citations: readonly ShownCitation[];
  /** "Did you mean…": other sections that may answer, when the engine is unsure. */
  readonly suggestions: readonly Suggestion[];
  readonly upcomingNote: string | null;
}

/*
 * The engine's answer depends only on the versions' text, the question and the trained model, all
 * immutable once loaded, so answers are kept per version index (itself per app and version) and
 * model: the same question again costs no engine run. Nothing here is state a restart would lose.
 */
const MAX_CACHED_ANSWERS = 2_000;
const NO_MODEL = {};
const answersByIndex = new WeakMap<
  PassageIndex,
  WeakMap<object, Remembered<string, PolicyAnswer>>
>();

function answerCacheFor(
  policy: PolicyForAnswers,
  model?: QuestionModel,
): Remembered<string, PolicyAnswer> {
  let byModel = answersByIndex.get(policy.index);
  if (!byModel) {
    byModel = new WeakMap();
    answersByIndex.set(policy.index, byModel);
  }
  let answers = byModel.get(model ?? NO_MODEL);
  if (!answers) {
    // Common questions come back again and again; a rare one makes room by dropping the oldest.
    answers = new Remembered(MAX_CACHED_ANSWERS);
    byModel.set(model ?? NO_MODEL, answers);
  }
  return answers;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** One chosen section's answer to the question ("Did you mean…"), from the version in force. */
export function answerFromPolicySection(
  policy: PolicyForAnswers,
  question: string,
  sectionId: string,
  model?: QuestionModel,
): ReturnType<typeof answerFromSection> {
  return answerFromSection(policy.index.document, question, sectionId, {
    ...(policy.upcoming ? { upcoming: policy.upcoming.index.document } : {}),
    ...(model ? { model } : {}),
  });
}

/** The engine's answer from the version in force, reduced to what the card and the record need. */
export function answerFromPolicy(
  policy: PolicyForAnswers,
  question: string,
  model?: QuestionModel,
): PolicyAnswer {
  const answers = answerCacheFor(policy, model);
  // The upcoming version changes the note, so it is part of the key.
  const key = `${policy.upcoming?.label ?? ""}\u0000${question}`;
  return answers.get(key, () => deepFreeze(engineAnswer(policy, question, model)));
}

function engineAnswer(
  policy: PolicyForAnswers,
  question: string,
  model?: QuestionModel,
): PolicyAnswer {
  const answer = answerQuestion(policy.index.document, question, {
    ...(policy.upcoming ? { upcoming: policy.upcoming.index.document } : {}),
    ...(model ? { model } : {}),
  });
  return {
    answered: answer.answered,
    citations: answer.citations.map((c) => ({
      sectionId: c.sectionId,
      heading: c.heading,
      quote: c.quote,
      ...(c.leadIn ? { leadIn: c.leadIn } : {}),
    })),
    suggestions: answer.suggestions.map((s) => ({ sectionId: s.sectionId, heading: s.heading })),
    upcomingNote: answer.upcomingChange?.note ?? null,
  };
}

/** The policy owner's saved answer to this question, or those like it to offer. */
export function similarCuratedAnswers<T extends CuratedAnswer>(
  question: string,
  curated: readonly T[],
  model?: QuestionModel,
): { reuse?: T; offers: T[] } {
  const { reuse, offers } = chooseCuratedAnswers(question, curated, model?.speller);
  return { ...(reuse ? { reuse: reuse.curated } : {}), offers: offers.map((o) => o.curated) };
}
