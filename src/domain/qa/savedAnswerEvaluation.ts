import { chooseCuratedAnswers, type CuratedAnswer } from "./curatedAnswers";
import type { Speller } from "./spelling";

/*
 * How saved answers fare on a set of saved questions, each asked again in other words ("same")
 * and followed by near misses ("different"), with every saved question in the pool at once as a
 * school would have them: a rewording should get its own saved answer or have it offered; a near
 * miss should never be given one (an offer is allowed: the asker sees the saved question's words).
 */
export interface SavedAnswerGroup {
  readonly saved: string;
  readonly same: readonly string[];
  readonly different: readonly string[];
}

export interface SavedAnswerFigures {
  readonly rewordings: number;
  /** Given its own saved answer. */
  readonly reused: number;
  /** Its own saved answer offered (not given). */
  readonly offered: number;
  /** Given another question's saved answer. */
  readonly wronglyReused: number;
  readonly nearMisses: number;
  /** Near misses given a saved answer: wrong advice. */
  readonly nearMissesReused: number;
  /** Near misses offered a saved answer (a button beside the policy's answer). */
  readonly nearMissesOffered: number;
}

export function evaluateSavedAnswers(
  groups: readonly SavedAnswerGroup[],
  speller?: Speller,
): SavedAnswerFigures {
  const pool: (CuratedAnswer & { group: number })[] = groups.map((g, group) => ({
    question: g.saved,
    answer: `answer ${group}`,
    answeredBy: "the policy owner",
    answeredOn: "2026-01-01",
    group,
  }));
  const figures = {
    rewordings: 0,
    reused: 0,
    offered: 0,
    wronglyReused: 0,
    nearMisses: 0,
    nearMissesReused: 0,
    nearMissesOffered: 0,
  };
  groups.forEach((g, group) => {
    for (const question of g.same) {
      const { reuse, offers } = chooseCuratedAnswers(question, pool, speller);
      figures.rewordings++;
      if (reuse?.curated.group === group) figures.reused++;
      else if (reuse) figures.wronglyReused++;
      else if (offers.some((o) => o.curated.group === group)) figures.offered++;
    }
    for (const question of g.different) {
      const { reuse, offers } = chooseCuratedAnswers(question, pool, speller);
      figures.nearMisses++;
      if (reuse) figures.nearMissesReused++;
      else if (offers.length > 0) figures.nearMissesOffered++;
    }
  });
  return figures;
}
