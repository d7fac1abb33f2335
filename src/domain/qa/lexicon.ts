import { stem, words } from "./tokenize";

/*
 * How staff talk versus how the policy is written. Each group is one idea; a question that
 * uses any word of a group also searches the others, at a lower weight. Written from how
 * school staff speak about social media, not from any list of test questions.
 */
const GROUPS: readonly string[] = [
  // platforms and the idea of social media itself
  "social media facebook instagram insta tiktok twitter tweet x snapchat snap whatsapp youtube linkedin pinterest reddit threads mastodon blog blogging vlog wikipedia forum online internet website site networking platform app",
  "phone mobile smartphone iphone android tablet ipad camera device laptop gadget",
  "photo photograph picture pic pics image selfie video footage filming",
  "pupil student child children kid learner youngster",
  "parent carer guardian family mum dad mother father",
  "colleague coworker workmate teacher staff employee",
  "post posting upload share publish tweet put",
  "journalist reporter press newspaper paper media publication news radio tv television enquiry inquiry comment",
  "profile page bio account handle",
  "employer employment job workplace work employ",
  "monitor monitoring read reading watch track spy snoop intercept review check inspect access",
  "network wifi system systems computer computers email emails equipment resource",
  "report reporting tell inform raise flag whistleblow notify",
  "breach violate disciplinary discipline sack sacked fired dismissal dismiss consequence punish trouble",
  "permission consent allow allowed approve approval authorise authorize sign agree",
  "reference recommendation endorse endorsement testimonial vouch",
  "logo brand badge crest emblem trademark slogan",
  "complain complaint moan rant criticise criticize disparage negative badmouth slag defame defamatory insult",
  "disclaimer behalf views opinion personal",
  "contract contractual terms conditions",
  "training train course trained",
  "volunteer volunteers agency contractor supply governor trainee consultant temporary casual",
  "hours lunch lunchtime break evening weekend holiday outside time",
  "recruitment recruit apply application candidate interview hire hiring vacancy",
  "review reviewed amend amendment change suggestion suggest update",
  "responsible responsibility charge overall owner oversee",
  "delete deleted remove removal erase wipe",
  "name named identify identifying identifiable certificate",
  "privacy private setting settings restrict",
  "live golive approve confirmation",
  "breach disciplinary",
  "copyright intellectual property plagiarise",
  "confidential sensitive secret",
  "offensive discriminatory obscene rude racist sexist",
  "unsure uncertain appropriate concerned doubt",
  "mention reference refer say state disclose",
  "inappropriate misuse improper abuse unacceptable",
  "sure unsure uncertain appropriateness appropriate concerned doubt",
  "talk discuss speak contact",
  "without asking ask permission consent",
  "why purpose reason aim point",
  "former past previous ex",
  "contract contractual terms conditions employment",
  "reply respond response answer",
  "rules protocol steps guidelines procedure",
  "details information data",
  "pretend pretending claim impersonate fake catfish",
  "saw see seen spot spotted notice noticed come across",
  "reduce minimise minimize lower mitigate avoid",
  "risk risks danger threat",
  "scroll browse surf check",
  "equipment laptop computer device",
  "visit visiting browse website websites",
  "lunch lunchtime break personal purposes leisure",
];

/*
 * Words that name social media in general (a platform, "online"): nearly every question and
 * half the policy use them, so they identify the topic but not the rule. They count a little.
 */
const SOFT = new Set(
  words(
    "social media facebook linkedin instagram insta tiktok twitter x snapchat snap whatsapp youtube pinterest reddit threads mastodon wikipedia online internet website site networking platform app",
  ).map(stem),
);

const index = new Map<string, Set<string>>();
for (const group of GROUPS) {
  const stems = Array.from(new Set(words(group).map(stem)));
  for (const s of stems) {
    const related = index.get(s) ?? new Set<string>();
    for (const other of stems) if (other !== s) related.add(other);
    index.set(s, related);
  }
}

/** Phrases whose meaning is not in their words; rewritten before the question is tokenised. */
const PHRASES: readonly [RegExp, string][] = [
  [/\b(take|taking|took|taken)\s+(it\s+|them\s+|that\s+|this\s+)?down\b/g, "remove"],
  [/\bsign(s|ed|ing)?\s+off\b/g, "approve"],
  [/\bgo(es|ing)?\s+live\b/g, "golive approve"],
  [/\b(slag|slagging|slagged|bad-?mouth(ing)?)\s+off\b/g, "disparage"],
  [/\bfind\s+out\b/g, "discover"],
  [/\bset\s+up\b/g, "create"],
];

export function rewritePhrases(question: string): string {
  let text = question.toLowerCase();
  for (const [pattern, replacement] of PHRASES) text = text.replace(pattern, replacement);
  return text;
}

/** Stems related to a stem, not including itself. */
export function relatedTerms(term: string): readonly string[] {
  return Array.from(index.get(term) ?? []);
}

/** Query terms plus their relatives, each with a weight: asked-for words count fully. */
export function expandQuery(terms: readonly string[], relatedWeight = 0.4): Map<string, number> {
  const weights = new Map<string, number>();
  for (const t of terms) weights.set(t, Math.max(weights.get(t) ?? 0, SOFT.has(t) ? 0.25 : 1));
  for (const t of terms) {
    if (SOFT.has(t)) continue;
    for (const r of relatedTerms(t)) {
      if (!weights.has(r)) weights.set(r, SOFT.has(r) ? 0.1 : relatedWeight);
    }
  }
  return weights;
}

export function isSoftTerm(term: string): boolean {
  return SOFT.has(term);
}
