import { IntentClassifier, DEFAULT_TRAINING, type TrainingOptions } from "./intentClassifier";
import { SpellingCorrector, words } from "./normalise";
import { Remembered } from "../remembered";

/*
 * What a message in chat is for, in the sender's own words: one of the commands, or a question
 * about the policy. A wrong command is worse than a policy answer, so the recogniser acts only
 * when it is sure, asks when it is fairly sure ("Do you want to report something?"), and
 * otherwise leaves the message to the policy answer engine. A message that asks *how* to do
 * something a command does ("how do I report a colleague's post?") is a question that also
 * offers the command: the policy's answer and a button.
 */
export const COMMAND_INTENTS = [
  "report",
  "mediaEnquiry",
  "proposePost",
  "showPolicy",
  "myPosts",
  "waitingForYou",
  "askPermission",
  "myPermissions",
  "suggest",
  "deputy",
  "recordTraining",
  "help",
  "thanks",
] as const;
export type CommandIntent = (typeof COMMAND_INTENTS)[number];

/** The label of training lines that are policy questions, not commands. */
export const QUESTION = "question";

/** Commands whose subject the policy itself speaks about, so a question about them gets both. */
export const OFFERED_WITH_ANSWER = [
  "report",
  "mediaEnquiry",
  "proposePost",
  "askPermission",
] as const satisfies readonly CommandIntent[];

export type Recognition =
  /** Sure enough to act. */
  | { readonly kind: "command"; readonly intent: CommandIntent; readonly confidence: number }
  /** Likely, not sure: ask first. */
  | { readonly kind: "confirm"; readonly intent: CommandIntent; readonly confidence: number }
  /**
   * A policy question; `offer` is a command to offer beside the answer, `offerNamed` when the
   * message uses the command's own words (TOPIC), not only words the classifier leans on.
   */
  | {
      readonly kind: "question";
      readonly offer?: CommandIntent;
      readonly offerNamed?: true;
      readonly confidence: number;
    };

export interface IntentExample {
  readonly text: string;
  /** A command intent, or "question". */
  readonly intent: string;
}

export interface Thresholds {
  /** At or above: act on the command. */
  readonly act: number;
  /** At or above (and below `act`): ask before acting. */
  readonly confirm: number;
  /** A question offers a command whose probability reaches this. */
  readonly offer: number;
}

/** Chosen by 5-fold cross-validation on the bank (see the README's figures). */
export const DEFAULT_THRESHOLDS: Thresholds = { act: 0.6, confirm: 0.35, offer: 0.15 };

/*
 * The words that put a question on a command's ground, so "who do I tell about a colleague's
 * post?" also offers the report form even when the classifier reads it as a plain question;
 * the report's ground includes the breaches the policy names (bullying, harassment, disparaging).
 * "reporter" is a journalist, not a report.
 */
const TOPIC: Readonly<Record<(typeof OFFERED_WITH_ANSWER)[number], RegExp>> = {
  report:
    /\b(?:report|reporting|reported|misuse|misusing|complain|complaint|whistleblow\w*|flag|concern|concerns|worried|worry|worrying|nasty|dodgy|inappropriate|offensive|abusive|bully\w*|harass\w*|defam\w*|disparag\w*|slag\w* off|slagging|rude about|troll\w*|(?:broke|broken|breaking|breaks|breach\w*) (?:the |our )?(?:rules|policy)|(?:tell|let) the head\w*|head\w* (?:should|needs to|must) know|who (?:do|should|can) i tell)\b/,
  mediaEnquiry:
    /\b(?:journalist\w*|reporters?|press|newspapers?|local paper|the paper|media enquir\w*|media inquir\w*|radio|tv|television|bbc|podcast\w*|magazine|blogger)\b/,
  proposePost:
    /\b(?:school(?: s)? (?:facebook|instagram|insta|twitter|x|tiktok|page|account|accounts|social media|socials|feed)|(?:suggest|propose|submit|draft) (?:a |an |my )?(?:new )?post)\b/,
  // The written permissions the policy asks for: the form is one click from the rule.
  askPermission:
    /\b(?:written permission|(?:ask|asking|get|getting|need|request|requesting) (?:for )?(?:written )?permission|permission (?:from|of) the head\w*)\b/,
};

/** Asking to see the policy in other words: worth a question back when the classifier is unsure. */
const SEE_POLICY =
  /\b(?:see|read|open|view|show|look at|sign|signed|sign off|acknowledge\w*|version of) (?:the |our |this )?(?:staff )?(?:social media )?(?:policy|rules)\b/;

/*
 * Asking how, who, whether or what the rules are: information, not a request to act.
 * "Can I make a report" asks to act; "can I comment to a reporter" asks permission.
 */
const ASKS_HOW: readonly RegExp[] = [
  /^(?:how|who|whom|where|what|when|why|which)\b/,
  /^(?:should|do|does|is|are|am|must|have) (?:i|we|staff|it|they|there|you have to)\b/,
  /\b(?:what (?:should|do|must|can) (?:i|we) do|who (?:do|should|must|can) (?:i|we)|who handles|who deals|should i|do (?:i|we) (?:need|have) to|have i got to|is it (?:ok|okay|alright|allowed)|am i (?:allowed|supposed|meant|expected|required)|what happens|what does the policy|what are the rules|how do i|how should i|how can i|is that allowed|is this allowed)\b/,
  /\bcan (?:i|we) (?:comment|reply|respond|say|talk|speak|answer|tell them|give)\b/,
  /\bwhat (?:should|do|must|can|would) (?:\w+ ){1,3}(?:do|say)\b/,
  /\b(?:steps|process|procedure|rules) for\b/,
  // "is written permission needed to…", "are photos allowed on…": whether, not a request.
  /^(?:is|are) (?:\w+ ){1,3}(?:needed|required|necessary|allowed|permitted)\b/,
  /\bhow$/,
];

/*
 * "Can I make a confidential report" asks for the form in so many words: a request ("can I make,
 * submit, raise a …") that names the command's own thing is acted on once the classifier leans
 * that way at all, where "can a post be deleted off the school page" (no such request) is not.
 */
const REQUESTS =
  /^(?:can|could|may) (?:i|we) (?:please )?(?:make|start|file|submit|raise|put in|send|open|log|do) (?:a|an|my|the)\b/;

/** Whether the words name the command's own thing (its TOPIC). */
function namesTopic(intent: CommandIntent, said: string): boolean {
  return intent in TOPIC && TOPIC[intent as keyof typeof TOPIC].test(said);
}

/*
 * The two lists of one's own requests are told apart by what they are of: "check on my post
 * requests" is the posts, "did my consent request go through" the permissions, whichever the
 * classifier leans to on the shared words ("my", "request", "where is it up to").
 */
const LIST_OF: Partial<Record<CommandIntent, { own: RegExp; other: CommandIntent }>> = {
  myPosts: { own: /\bposts?\b/, other: "myPermissions" },
  myPermissions: { own: /\b(?:permissions?|consent)\b/, other: "myPosts" },
};

function listMeant(intent: CommandIntent, said: string): CommandIntent {
  const list = LIST_OF[intent];
  const other = list && LIST_OF[list.other];
  return list && other && other.own.test(said) && !list.own.test(said) ? list.other : intent;
}

/** Commands that are about the person's own things: asking where they are is asking for them. */
const ANSWERED_BY_DOING: ReadonlySet<CommandIntent> = new Set([
  "showPolicy",
  "myPosts",
  "myPermissions",
  "waitingForYou",
  "help",
  "thanks",
]);

/** A short message with a word of thanks in it is thanks, whatever else it says ("appreciate the help"). */
const THANKS = /\b(?:thank\w*|thx|ty|cheers|appreciat\w*|ta)\b/;

function withOnly(
  scored: readonly { label: string; probability: number }[],
  allowed: ReadonlySet<CommandIntent> | undefined,
): { label: string; probability: number }[] {
  if (!allowed) return [...scored];
  const kept = scored.filter((s) => s.label === QUESTION || allowed.has(s.label as CommandIntent));
  const total = kept.reduce((sum, s) => sum + s.probability, 0) || 1;
  return kept.map((s) => ({ label: s.label, probability: s.probability / total }));
}

export function asksHow(tokens: readonly string[]): boolean {
  const text = tokens.join(" ");
  return ASKS_HOW.some((p) => p.test(text));
}

/*
 * A situation told first and then asked about ("a colleague keeps leaving nasty comments. is that
 * covered by this policy?"): the question decides. Only a later sentence or clause counts, since
 * a message that opens with "can I" or "could we" is as often a request as a question.
 */
const ASKS_LATER =
  /^(?:how|who|whom|where|what|when|why|which|(?:is|are|do|does|should|must|am|have|has|would|will|could|can) (?:i|we|that|this|it|they|there|staff|he|she|the|my|our))\b/;

/** A message's sentences and clauses after its first. */
function laterClauses(text: string): string[] {
  return text.split(/[.?!;,:]+/).slice(1);
}

export function asksAfterTelling(text: string): boolean {
  return laterClauses(text).some((clause) => ASKS_LATER.test(words(clause).join(" ")));
}

/*
 * "Help" read from a message that also asks the policy something ("can you help me, do I have to
 * follow this as a volunteer?", "I help out on Tuesdays. Do I have to follow this?"): the question
 * is what they want answered, not the help card. A later clause, or the message without the word
 * "help", that asks and reads as a question by itself decides; a short one ("how do I use it") is too
 * little to go on, since asking how the bot works is help.
 */
const ASKED_BESIDES_HELP_WORDS = 6;

/** What the bot needs of a recogniser: a trained one, or one that trains on first use. */
export type RecognisesIntents = Pick<IntentRecogniser, "recognise">;

/** Only a message's start is read: a pasted essay is no clearer a command than its first lines. */
const READ_CHARS = 500;

/** Messages remembered per recogniser: the common ones, in memory only (derived, never state). */
const MAX_REMEMBERED = 2_000;

export class IntentRecogniser {
  private readonly recognised = new Remembered<string, Recognition>(MAX_REMEMBERED);

  private constructor(
    private readonly classifier: IntentClassifier,
    private readonly speller: SpellingCorrector,
    private readonly thresholds: Thresholds,
  ) {}

  /** Throws on an example whose intent is not one the recogniser knows. */
  static check(examples: readonly IntentExample[]): void {
    const known = new Set<string>([...COMMAND_INTENTS, QUESTION]);
    for (const e of examples) {
      if (!known.has(e.intent)) throw new Error(`Unknown intent "${e.intent}" for "${e.text}"`);
    }
  }

  static train(
    examples: readonly IntentExample[],
    options: { training?: TrainingOptions; thresholds?: Thresholds } = {},
  ): IntentRecogniser {
    IntentRecogniser.check(examples);
    const frequencies = new Map<string, number>();
    const tokenised = examples.map((e) => {
      const tokens = words(e.text);
      for (const t of tokens) frequencies.set(t, (frequencies.get(t) ?? 0) + 1);
      return { tokens, label: e.intent };
    });
    const speller = new SpellingCorrector(frequencies);
    const classifier = IntentClassifier.train(tokenised, options.training ?? DEFAULT_TRAINING);
    return new IntentRecogniser(classifier, speller, options.thresholds ?? DEFAULT_THRESHOLDS);
  }

  /** The words as the model sees them, spelling corrected. */
  tokens(text: string): string[] {
    return words(text.slice(0, READ_CHARS)).map((w) => this.speller.correct(w));
  }

  /** Every label's probability, most likely first (for evaluation). */
  scores(text: string) {
    return this.classifier.classify(this.tokens(text));
  }

  /**
   * `allowed`: the commands this person has. Another's command ("who has not acknowledged?" is
   * the Headteacher's) is no reading of their message, so its share goes to the others.
   */
  recognise(text: string, allowed?: ReadonlySet<CommandIntent>): Recognition {
    // The trained recogniser never changes, so the same words (for the same commands) read the same.
    const key = `${allowed ? [...allowed].sort().join(",") : "*"}\u0000${text}`;
    return this.recognised.get(key, () => Object.freeze(this.recogniseAfresh(text, allowed)));
  }

  /** The probability that some other part of a help-sounding message is a question (0 if none). */
  private askedBesidesHelp(text: string, tokens: readonly string[]): number {
    const parts = [
      tokens.filter((w) => w !== "help"),
      ...laterClauses(text.slice(0, READ_CHARS)).map((clause) => this.tokens(clause)),
    ];
    let best = 0;
    for (const part of parts) {
      if (part.length < ASKED_BESIDES_HELP_WORDS) continue;
      // It must ask something ("someone in the staffroom said to message you" only tells).
      if (!asksHow(part) && !ASKS_LATER.test(part.join(" "))) continue;
      const top = this.classifier.classify(part)[0]!;
      if (top.label === QUESTION && top.probability >= this.thresholds.act)
        best = Math.max(best, top.probability);
    }
    return best;
  }

  private recogniseAfresh(text: string, allowed?: ReadonlySet<CommandIntent>): Recognition {
    const tokens = this.tokens(text);
    const asks = asksHow(tokens) || asksAfterTelling(text.slice(0, READ_CHARS));
    const known = tokens.some((w) => this.speller.knows(w));
    const scored = withOnly(this.classifier.classify(tokens), allowed);
    const top = scored[0]!;
    // Thanks, unless the rest of the message is clearly something else.
    const thanked = tokens.length <= 6 && THANKS.test(tokens.join(" ")) && !asks;
    if (thanked && (!known || top.label === "help" || top.label === "thanks")) {
      return { kind: "command", intent: "thanks", confidence: Math.max(top.probability, 0.5) };
    }
    // Not one word it has seen: no evidence for any command, whatever the letters suggest.
    if (!known) return { kind: "question", confidence: 0 };
    const t = this.thresholds;
    const probability = (label: string) => scored.find((s) => s.label === label)?.probability ?? 0;
    const said = tokens.join(" ");
    if (top.label !== QUESTION) {
      const leaned = top.label as CommandIntent;
      const meant = listMeant(leaned, said);
      const intent = !allowed || allowed.has(meant) ? meant : leaned;
      // Told apart by what they are of, the two lists' shares are one reading: "one of my lists".
      const sure = intent === leaned ? top.probability : top.probability + probability(intent);
      if (intent === "help") {
        const asked = this.askedBesidesHelp(text, tokens);
        if (asked > 0) return { kind: "question", confidence: asked };
      }
      if (asks && !ANSWERED_BY_DOING.has(intent)) {
        if (top.probability < t.confirm)
          return { kind: "question", confidence: probability(QUESTION) };
        const named = namesTopic(intent, said);
        return {
          kind: "question",
          offer: intent,
          ...(named ? { offerNamed: true as const } : {}),
          confidence: top.probability,
        };
      }
      if (sure >= t.act || (sure >= t.confirm && namesTopic(intent, said) && REQUESTS.test(said)))
        return { kind: "command", intent, confidence: sure };
      if (sure >= t.confirm) return { kind: "confirm", intent, confidence: sure };
    }
    // The classifier reads a plain question; a command's own words may still be in it.
    const offer = OFFERED_WITH_ANSWER.filter((intent) => TOPIC[intent].test(said))
      .map((intent) => ({ intent, p: probability(intent) }))
      .sort((a, b) => b.p - a.p)[0];
    if (!offer) {
      return SEE_POLICY.test(said)
        ? { kind: "confirm", intent: "showPolicy", confidence: probability("showPolicy") }
        : { kind: "question", confidence: probability(QUESTION) };
    }
    // Said as a request ("I'd like to raise a concern about ..."): ask whether they mean it.
    if (!asks && offer.p >= t.offer) {
      return { kind: "confirm", intent: offer.intent, confidence: offer.p };
    }
    return {
      kind: "question",
      offer: offer.intent,
      offerNamed: true,
      confidence: probability(QUESTION),
    };
  }
}
