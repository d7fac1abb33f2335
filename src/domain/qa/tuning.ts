/*
 * Every retrieval and abstain setting in one place, so evaluation can show what each does. The
 * values sit in the middle of a plateau found by sweeping them over several question sets, not
 * at the edge that happens to suit one set.
 */
export interface Tuning {
  /** Weight of a lexicon near-synonym ("pic" for "photo") against a word actually asked. */
  readonly synonymWeight: number;
  /** Weight of a related word ("device" for "phone"). */
  readonly relatedWeight: number;
  /** Weights of the section, heading and topic views against the passage's own score. */
  readonly sectionWeight: number;
  readonly headingWeight: number;
  readonly topicWeight: number;
  /** The best score must reach this for each specific word asked, counting up to three words. */
  readonly minScorePerTerm: number;
  /** Below this coverage (0..1) of the question's specific words the question is not answered... */
  readonly minCoverage: number;
  /** ...unless the section is about one of the question's rarer words, when this suffices. */
  readonly anchoredCoverage: number;
  /** A word anchors a section only if at most this many sections use it ("logo", not "pupil"). */
  readonly maxAnchorSections: number;
  /** Share of a word's weight a section earns through a near-synonym, or through a related word. */
  readonly synonymCredit: number;
  readonly relatedCredit: number;
  /** Weight of a word neither the policy nor the lexicon knows, in multiples of the rarest word's. */
  readonly unknownWordWeight: number;
  /** Sections are re-ranked by score × (rerankFloor + coverage): those covering more rise. */
  readonly rerankFloor: number;
  /** How many sections are re-ranked. */
  readonly candidateSections: number;
  /** A further section is cited when its score reaches this share of the best. */
  readonly citeRatio: number;
  /** A second passage of the cited section is quoted when it scores this share of the first. */
  readonly siblingRatio: number;
  readonly maxCitations: number;
}

export const DEFAULT_TUNING: Tuning = {
  synonymWeight: 0.8,
  relatedWeight: 0.45,
  sectionWeight: 0.5,
  headingWeight: 0.6,
  topicWeight: 1,
  minScorePerTerm: 2,
  minCoverage: 0.45,
  anchoredCoverage: 0.38,
  maxAnchorSections: 3,
  synonymCredit: 0.9,
  relatedCredit: 0.6,
  unknownWordWeight: 1.2,
  rerankFloor: 0.2,
  candidateSections: 6,
  citeRatio: 0.6,
  siblingRatio: 0.8,
  maxCitations: 3,
};
