import type { QueryConcept } from "./bm25";
import { normalise, stem, tokenize, words } from "./tokenize";

/*
 * How school staff talk about social media, against how the policy is written. Written from
 * general knowledge of staffroom language (not from any list of test questions), so it should
 * suit any school's policy of this kind. Three tools:
 *  - PHRASES: multi-word expressions whose meaning is not in their words ("take it down", "go
 *    live", "where I work"), rewritten before tokenising. They run on the policy text too, so
 *    both sides meet on the same tokens ("the School's own social media" and "the school's
 *    Instagram" both gain "officialaccount").
 *  - GROUPS: words for one idea. A question using one word of a group also searches the others,
 *    at a lower weight than the words it actually used.
 *  - CONTEXT, SOFT, MODIFIERS: words that set the scene or name a platform, which should not
 *    decide which rule a question is about.
 */

type Replacement = string | ((match: string, ...groups: string[]) => string);

/** Words before "policy" that mean this one; any other ("behaviour policy") names another. */
const THIS_POLICY = new Set(
  "this the our that a its school school's schools staff media whole current new updated latest my your".split(
    " ",
  ),
);

const PHRASES: readonly (readonly [RegExp, Replacement])[] = [
  // Nicknames of platforms, so both sides name a platform the same way.
  [/\b(insta|ig)\b/g, "instagram"],
  [/\bfb\b/g, "facebook"],
  [/\bx\b(?!-)/g, "twitter"],
  // The framing of a question says nothing about its subject.
  [
    /\b(what\s+)?(does|do)\s+(the|this|our)\s+(social\s+media\s+)?polic(y|ies)\s+say\s*(about|on|regarding)?\b|\baccording\s+to\s+(the|this)\s+policy\b/g,
    " ",
  ],
  [/\b(as|so)\s+long\s+as\b/g, "if"],
  [/\bmake\s+sure\b/g, "ensure"],
  [/\bnot\s+sure\b/g, "unsure"],
  [/\bwhat'?s\s+the\s+point\b|\bwhat\s+is\s+the\s+point\b/g, "purpose"],
  [
    /\bpolicy\s+(trying\s+to|meant\s+to|designed\s+to|intended\s+to|there\s+to)\b|\bwhat\s+is\s+(this|the)\s+policy\s+for\b/g,
    "policy purpose",
  ],
  [
    /\b([a-z']+)\s+(policy|policies)\b/g,
    (m, word: string) => (THIS_POLICY.has(word) ? m : `${word} otherpolicy`),
  ],
  [
    /\b(follow|obey|stick\s+to|comply\s+with|abide\s+by)\s+(this|the|these|it|that|our)\b/g,
    "comply $2",
  ],
  [/\bappl(y|ies|ying)\s+to\b/g, "covers"],
  [/\bappl(y|ying|ied)\s+for\b/g, "application"],
  [
    /\b(what|which)\s+(sort|kind|type)s?\s+of\s+(content|posts?|things|stuff|photos?|pictures?|news)\b/g,
    "relevant $3",
  ],
  // Removing, copying, approving, publishing.
  [
    /\b(take|taking|took|taken|takes)\s+(it|them|that|this|those|these|something|posts?|photos?)?\s*down\b/g,
    "remove",
  ],
  [/\bget\s+rid\s+of\b/g, "delete"],
  // Taking something from somewhere is copying it ("take photos or posts from the school's page").
  [/\b(take|takes|taking|took|taken)\s+((?:[a-z]+\s+){1,3}?)from\b/g, "copy $2from"],
  [/\bsigns?\s+off\b|\bsigned\s+off\b|\bsigning\s+off\b/g, "approve"],
  [/\b(to|an?|the|their|his|her|final|give)\s+(ok|okay)\b/g, "$1 approve"],
  [/\bgreen\s+light\b/g, "approve"],
  [/\bconfirmation\s+that\b/g, "approve confirmation that"],
  [/\b(go|goes|going|gone|went)\s+live\b/g, "golive"],
  [/\b(go|goes|going|gone|went)\s+up\b/g, "golive post"],
  [/\bput\s+(up|out|online)\b/g, "post"],
  [/\bwrit(e|es|ing|ten)\s+(about|on)\b/g, "publish about"],
  [
    /\b(make|makes|made|force|forced|order|ordered)\s+(me|us|staff|you|someone|people|them)\s+(to\s+)?/g,
    "required ",
  ],
  [/\bhand(s|ing|ed)?\s+over\b/g, "provide access"],
  // "Set up" an account is not the policy's "privacy settings".
  [/\bset(s|ting)?\s+up\b/g, "setup"],
  // Criticising and seeing criticism.
  [/\b(slag\w*|bad-?mouth\w*|mouth\w*)\s+off\b/g, "disparage"],
  [/\bbad-?mouth\w*\b/g, "disparage"],
  [
    /\b(bad|nasty|negative|horrible|mean|unkind|hurtful)\s+(things?|stuff|comments?|posts?|remarks?)\b/g,
    "disparaging $2",
  ],
  [
    /\b(rude|nasty|horrible|mean|unkind|hurtful|negative)\s+(about|to(wards)?)\b/g,
    "disparaging $2",
  ],
  [
    /\breflects?\s+(badly|poorly)\b|\blooks?\s+bad\b|\bmakes?\s+(the\s+)?school\s+look\s+bad\b/g,
    "disparage reputation",
  ],
  [
    /\b(look|looks|looking|looked)\s+(at|into|through)\s+(what|my|our|your|their|staff|people|everything|everyone)\b|\bkeep\s+an\s+eye\s+on\b|\bsee\s+what\b/g,
    "monitor $3",
  ],
  [/\b(look|looks|looking|looked)\s+at\b/g, "browse"],
  [/\b(look|looks|looking|looked)\s+after\b|\bin\s+charge\s+of\b/g, "responsible"],
  [
    /\blook\s+(me|them|people|candidates|applicants)\s+up\b|\bsearch\s+for\s+(me|them)\b/g,
    "search",
  ],
  [
    /\b(saw|seen|seeing|spotted|noticed|found|find|come\s+across|came\s+across|stumbled\s+(on|across))\b/g,
    "see",
  ],
  // Employment and identity.
  [/\b(where|which\s+school)\s+i\s+(work|teach)\b/g, "employment"],
  [/\bi\s+(work|teach)\s+(at|for|in)\b/g, "employment"],
  [
    /\b(work|teach)\s+(here|there|at\s+the\s+school|at\s+this\s+school|at\s+our\s+school)\b/g,
    "employment",
  ],
  [
    /\b(teacher|teach|teaching|work|working|employed)\s+(at|for|in)\s+(this|the|our|my)\s+school\b/g,
    "employment",
  ],
  [
    /\b(lose|loses|losing|lost)\s+(my|your|their|his|her|a|our)\s+(job|jobs|post|position|role)\b/g,
    "dismissal",
  ],
  [/\b(my|their|his|her)\s+(job|employer|workplace)\b/g, "employment"],
  [
    /\bmade-?up\s+name\b|\bfake\s+(name|account|profile|identity)\b|\banother\s+name\b|\b(pretend\w*|claim\w*|pos\w+)\s+(to\s+be|as)\s+(someone|somebody)\s+else\b/g,
    "pretend false",
  ],
  // Other people's material is a copyright question.
  [
    /\b(someone|somebody|anyone|another\s+person|other\s+people)(\s+else)?('s|s')?\s+(photos?|pictures?|images?|work|content|videos?|resources?|articles?|writing|music|logos?)\b/g,
    "copyright $4",
  ],
  [/\bwhere\s+(it|they|this|that|the\s+\w+)\s+(came|comes|come|is|are)\s+from\b/g, "source"],
  [
    /\bmy\s+own\s+(views?|opinions?|thoughts?)\b|\bpersonal\s+(views?|opinions?)\b/g,
    "views behalf",
  ],
  [/\b(my|your|their|his|her)\s+own\s+behalf\b/g, "own behalf views"],
  [
    /\b(line|department|dept)\s+manager\b|\bhead\s+of\s+(department|year|faculty|subject)\b|\bhod\b/g,
    "linemanager",
  ],
  [/\bhelp(s|ing)?\s+out\b/g, "volunteer"],
  [/\bthird[\s-]+part(y|ies)\b/g, "thirdparty"],
  [
    /\b(people|someone|anyone|users?)\s+(from\s+)?outside\b|\boutside\s+(people|organisations?|users?|companies)\b/g,
    "thirdparty",
  ],
  [/\bfixed[\s-]+term\b/g, "fixedterm"],
  // Time and place.
  [
    /\b(lunch|coffee|tea|morning|afternoon)\s*(break|time|hour)s?\b|\bbreak\s*times?\b|\b(my|a|on|during)\s+breaks?\b/g,
    "lunchtime",
  ],
  [/\bfree\s+(period|lesson)s?\b|\bppa(\s+time)?\b|\bnon-?contact\s+time\b/g, "lunchtime"],
  [/\bworking\s+time\b/g, "workingtime"],
  [
    /\bduring\s+(registration|form\s+time|tutor\s+time|assembly|assemblies|lessons?|a\s+lesson|my\s+lessons?|class|teaching|duty|meetings?|school\s+hours|work\s+hours|working\s+hours|the\s+working\s+day|cover)\b/g,
    "workingtime",
  ],
  [
    /\b(in|during|between)\s+(the\s+)?(lessons?|class|classroom|school\s+day|working\s+day|the\s+day)\b|\bat\s+my\s+desk\b|\bat\s+work\b|\bon\s+duty\b/g,
    "workingtime",
  ],
  [
    /\bwhile\s+(i'm|i\s+am|im)\s+(teaching|supervising|working|on\s+duty|at\s+work|in\s+school|covering|on\s+the\s+clock)\b/g,
    "workingtime",
  ],
  [
    /\b(outside|out\s+of|after)\s+(school|work|working)?\s*(hours|time)\b|\boff[\s-]duty\b|\bin\s+my\s+own\s+time\b|\bat\s+(the\s+)?weekends?\b|\bin\s+the\s+evenings?\b|\bat\s+home\b|\bin\s+the\s+holidays?\b/g,
    "otherwise outside",
  ],
  [/\bhow\s+often\b|\bevery\s+year\b|\bonce\s+a\s+year\b|\beach\s+year\b/g, "yearly frequency"],
  [/\bhow\s+long\b/g, "period"],
  [
    /\bhow\s+much\s+notice\b|\bin\s+advance\b|\badvance\s+warning\b|\bheads[\s-]up\b/g,
    "notified notice",
  ],
  [
    /\b(non-?uniform|sports|inset|world\s+book|open|activity|charity|enrichment|red\s+nose|fun)\s+days?\b/g,
    "event",
  ],
  [/\bnight\s+out\b/g, "night"],
  [/\b(ofsted|inspection)\s+reports?\b/g, "inspection"],
  // Accounts: whose they are and who can see them.
  [
    /\b(school|school's|official|department|departmental|faculty|subject|class|team|club|pta|sixth\s+form|form|year\s+\d+|house|library|sports|pe|music|drama|science|maths|english|alumni|nursery)\s+(facebook|instagram|twitter|tiktok|youtube|linkedin|page|pages|account|accounts|feed|feeds|channel|channels|profile|social\s+media|website|site|blog)\b/g,
    "$& officialaccount",
  ],
  [
    /\brun(s|ning)?\s+(the|a|our)\s+(\w+\s+){0,2}(instagram|facebook|twitter|tiktok|account|page|feed|channel|blog|website)\b/g,
    "$& officialaccount",
  ],
  [
    /\bschool'?s?\s+own\s+social\s+media\b|\bbelongs\s+to\s+the\s+school\b|\bon\s+behalf\s+of\s+the\s+school\b|\bspeak\s+for\s+the\s+school\b/g,
    "$& officialaccount",
  ],
  [
    /\bprivate\s+(instagram|facebook|twitter|tiktok|snapchat|account|accounts|page|profile|social\s+media)\b/g,
    "personal private $1",
  ],
  [
    /\bprivate\s+(tutoring|tuition|lessons?|business|work|life|practice|clients?)\b/g,
    "personal $1",
  ],
  [
    /\bwho\s+can\s+see\b|\block(ed)?\s+down\b|\bset\s+to\s+private\b|\bmake\s+(it|them|my\s+\w+)\s+private\b/g,
    "privacy settings restrict",
  ],
  [
    /\bwithout\s+(asking|checking|telling|their\s+say-?so|permission|consent)\b|\bsay-?so\b/g,
    "without permission",
  ],
  [/\b(friend|follow)\s+requests?\b|\badd\s+(as\s+a\s+)?friends?\b/g, "friend connect"],
  // Compound terms that mean one thing.
  [
    /\bpersonal\s+(details|information|info|data)\b|\bhome\s+address\b|\bphone\s+numbers?\b|\bcontact\s+details\b/g,
    "personalinformation",
  ],
  [/\bemail\s+address(es)?\b/g, "email"],
  // "Professional image" is how one comes across, not a picture.
  [/\bprofessional\s+image\b/g, "professional professionalimage"],
  [
    /\b(visitor|visitors|id|staff|identity|security)\s+(badges?|cards?|pass|passes|lanyards?)\b/g,
    "lanyard",
  ],
  [/\bgroup\s+chats?\b/g, "messages social media"],
  [/\bsocial\s+networking\b/g, "social media networking"],
  [/\bintellectual\s+property\b/g, "copyright intellectual property"],
  [/\bprotected\s+characteristics?\b/g, "equality protected characteristics"],
  [/\bterms\s+and\s+conditions\b/g, "contract terms conditions"],
];

/*
 * A group marked "*" is about social media, the school's systems or this policy itself: a
 * question needs at least one such word to be about this policy at all ("How do I report a
 * broken projector?" has none). A group marked "=" holds near-synonyms ("pic", "photo",
 * "picture"), searched almost as strongly as the word asked; the others hold related words
 * ("phone" and "device"), searched more weakly. The first group is soft: see SOFT below.
 */
const GROUPS: readonly string[] = [
  // Platforms and the idea of social media itself.
  "* social media facebook fb instagram insta ig tiktok twitter tweet x snapchat snap whatsapp youtube pinterest reddit threads bluesky mastodon tumblr blog blogs blogging vlog vlogging wikipedia forum forums online internet web website websites site sites networking platform platforms app apps",
  "* linkedin networking professional",
  // Things and people.
  "phone phones mobile mobiles smartphone iphone android tablet ipad camera cameras device devices gadget",
  "laptop laptops computer computers pc desktop chromebook equipment device devices ict facilities",
  "*= photo photos photograph photographs photography picture pictures pic pics image images selfie selfies snapshot video videos footage film filming filmed",
  "= pupil pupils student students child children kid kids learner learners youngster youngsters boy girl",
  "= parent parents parental carer carers guardian guardians family families mum mums dad dads mother father",
  "colleague colleagues coworker coworkers workmate workmates teacher teachers staff employee employees",
  "volunteer volunteers peripatetic agency supply contractor contractors consultant consultants governor governors trainee trainees temporary casual homeworker homeworkers fixedterm cleaner caretaker technician assistant assistants ta tas pgce placement interns intern",
  "headteacher head principal",
  "governor governors board trustee trustees",
  "manager linemanager boss supervisor",
  "senior leader leaders leadership slt",
  // Publishing and speaking.
  "*= post posts posting posted upload uploads uploaded uploading share shares shared sharing publish published publishing tweet retweet repost reposted story stories reel reels status content",
  "comment comments quote quotes statement remark remarks",
  "*= journalist journalists reporter reporters blogger bloggers influencer influencers press newspaper newspapers paper magazine news radio tv television broadcaster bbc itv publication publications interview",
  "contact contacted contacting approach approached call called ring rang phoned messaged emailed dm",
  "reply replies respond responding response answer",
  "enquiry enquiries inquiry inquiries query queries question questions",
  "* profile profiles page pages bio account accounts handle username",
  "* officialaccount behalf",
  // Employment and conduct.
  "employment employer employ employed job workplace affiliation",
  "mention mentioning say state disclose reveal list name reference",
  "* views view opinion opinions disclaimer represent behalf",
  "* breach breaches breaching break breaking broke violate violation contravene disregard",
  "* disciplinary discipline disciplined dismissal dismiss dismissed sack sacked fire fired sanction warning trouble consequence consequences punish punished",
  "permission permit permitted consent approve approved approval approving authorise authorised authorize authorization agree agreed agreement confirm confirmation decide decides decision",
  "*= reference references referee recommendation recommendations recommend endorse endorsement endorsements testimonial vouch",
  "*= logo logos brand branding badge crest emblem trademark trademarks slogan slogans motto insignia",
  "*= disparage disparaging complain complaining complaint moan moaning rant ranting vent venting criticise criticising criticize criticism negative badmouth defame defamatory slander libel",
  "offensive offend discriminatory obscene obscenity rude racist sexist homophobic abusive swear swearing insult insults insulting",
  "= bully bullying harass harassing harassment troll trolling intimidate",
  "discriminate discrimination discriminatory prejudice equality equal fair fairly fairness",
  "equality disability race religion belief gender sexuality orientation pregnancy maternity age marriage",
  "*= pretend pretending impersonate impersonating fake false misleading anonymous alias",
  "confidential sensitive secret proprietary internal",
  "*= copyright plagiarise plagiarism infringe infringement credit cite citing attribute attribution sources",
  "* reputation professionalimage disrepute embarrass embarrassing",
  "professional professionalism professionalimage",
  "appropriate appropriateness suitable acceptable",
  "inappropriate misuse improper abuse unacceptable unprofessional",
  "unsure uncertain concerned worried doubt hesitant",
  "talk discuss discussed speak consult check",
  // Systems, privacy and monitoring.
  "network networks wifi internet system systems server resources",
  "* email emails message messages chat chats text texts communication communications conversation conversations teams",
  "* monitor monitored monitoring track tracked spy snoop intercept inspect review access read see keystroke keystrokes log logged logging",
  "*= privacy private",
  "* setting settings restrict restricted visible visibility public lock",
  "keep kept store stored retain retention save copy copies archive backup",
  "= delete deleted remove removed erase erased wipe wiped",
  "= save download screenshot copy reuse grab",
  // Rules, people responsible, review.
  "* policy policies",
  "* rule rules protocol steps guidelines guidance procedure",
  "report reporting reported tell inform flag raise notify whistleblow alert",
  "notify notified notice told warn warned inform",
  "responsible responsibility responsibilities charge overall oversee accountable owner",
  "review reviewed reviewing revise revision update updated",
  "amend amended amendment change changes changed alter update updated",
  "= suggestion suggestions suggest idea ideas feedback improve improvement propose",
  "yearly annual annually year frequency regular",
  "training train trained course induction",
  "* investigation investigate investigating investigator investigators disciplinary",
  "contract contractual terms conditions",
  "purpose why reason point aim",
  "risk risks danger harm liability protect protection",
  "* cover covers covered apply applies include includes comply",
  "reminder reminders remind announcement announcements notice update updates",
  "positive celebrate celebration achievement achievements success praise award awards",
  "identify identifying identifiable recognise recognisable name names tag tagged",
  "certificate certificates artwork drawing drawings",
  "= recruitment recruit recruiting candidate candidates applicant applicants application hire hiring interview vacancy vetting",
  "* search searches google googling vet vetting",
  "access show handover provide",
  "* friend friends follow follower followers connect connection",
  "lunchtime workingtime time",
  "otherwise hours",
  "thirdparty external outsider outsiders visitor visitors",
  "direct directed send sent email forward",
  "golive live approve publish",
  "*= browse browsing scroll scrolling surf visit visiting watch watching",
  "everyone everybody all individuals",
  "* appendix appendices sheet",
];

/*
 * School events, places, days and times, and the side jobs staff mention: they set the scene
 * of a question ("at the Christmas concert", "in the morning", "on my tutoring site") without
 * saying what it asks, so they neither help nor count against coverage.
 */
const CONTEXT: ReadonlySet<string> = new Set(
  words(
    "trip trips outing residential concert concerts assembly assemblies performance match matches fixture tournament fair fete disco prom party parties christmas easter nativity event events night classroom staffroom playground corridor " +
      "shop etsy ebay tutoring tuition advert adverts advertise advertising advertisement marketing club clubs building detention detentions " +
      "ofsted inspection local music drama art science maths english history geography sixth form " +
      "morning mornings afternoon afternoons today tomorrow tonight weekly daily " +
      "monday mondays tuesday tuesdays wednesday wednesdays thursday thursdays friday fridays saturday saturdays sunday sundays",
  ).map(stem),
);

/*
 * Words that name social media in general (a platform, "online"): they identify the topic of
 * nearly every question and half the policy, not which rule is meant, so they count a little.
 */
const SOFT: ReadonlySet<string> = new Set(words(GROUPS[0]!).map(stem));

/** For each stem, its relatives and whether each is a near-synonym (the strongest link wins). */
const RELATED = new Map<string, Map<string, boolean>>();
const CORE = new Set<string>();
for (const group of GROUPS) {
  const marks = /^[*=\s]*/.exec(group)![0];
  const stems = Array.from(new Set(words(group).map(stem)));
  if (marks.includes("*")) for (const s of stems) CORE.add(s);
  const strong = marks.includes("=");
  for (const s of stems) {
    const related = RELATED.get(s) ?? new Map<string, boolean>();
    for (const other of stems)
      if (other !== s) related.set(other, strong || (related.get(other) ?? false));
    RELATED.set(s, related);
  }
}

export function rewritePhrases(text: string): string {
  let result = normalise(text);
  for (const [pattern, replacement] of PHRASES) {
    // Two calls, because TypeScript will not pick a `replace` overload for the union.
    result =
      typeof replacement === "string"
        ? result.replace(pattern, replacement)
        : result.replace(pattern, replacement);
  }
  return result;
}

/** The full analysis both the policy and questions go through: phrases, then tokens. */
export function analyse(text: string): readonly string[] {
  let terms = analysed.get(text);
  if (terms === undefined) {
    if (analysed.size >= MAX_ANALYSED) analysed.clear();
    terms = Object.freeze(tokenize(rewritePhrases(text)));
    analysed.set(text, terms);
  }
  return terms;
}

/*
 * One answer reads the same mended question several times (the classifier's features, the
 * sentence to quote): the last few readings are kept. Frozen, as every reader shares them.
 */
const MAX_ANALYSED = 256;
const analysed = new Map<string, readonly string[]>();

/** Stems related to a stem, not including itself. */
export function relatedTerms(term: string): readonly string[] {
  return Array.from(RELATED.get(term)?.keys() ?? []);
}

/** Whether two stems are near-synonyms (same "=" group). */
export function isSynonym(term: string, other: string): boolean {
  return RELATED.get(term)?.get(other) ?? false;
}

export function isSoftTerm(term: string): boolean {
  return SOFT.has(term);
}

export function isContextTerm(term: string): boolean {
  return CONTEXT.has(term);
}

/** Whether a term puts a question on the policy's ground: social media, systems, the policy. */
export function isCoreTerm(term: string): boolean {
  return CORE.has(term);
}

export const SOFT_WEIGHT = 0.3;

/*
 * "My personal blog", "my own phone": staff use "personal" as a modifier far more often than to
 * ask about personal use, so it counts for less than the thing it modifies.
 */
const MODIFIERS: ReadonlyMap<string, number> = new Map([[stem("personal"), 0.5]]);

export interface ExpansionWeights {
  /** Weight of a near-synonym ("pic" for "photo"). */
  readonly synonym: number;
  /** Weight of a related word ("device" for "phone"). */
  readonly related: number;
}

export const DEFAULT_EXPANSION: ExpansionWeights = { synonym: 0.8, related: 0.45 };

/** One concept per distinct word asked: the word at full weight (a platform less), kin lower. */
export function queryConcepts(
  terms: readonly string[],
  expansion: ExpansionWeights = DEFAULT_EXPANSION,
): QueryConcept[] {
  return Array.from(new Set(terms)).map((t) => {
    if (SOFT.has(t)) return [{ term: t, weight: SOFT_WEIGHT }];
    const related = Array.from(RELATED.get(t) ?? []).map(([r, strong]) => {
      const w = strong ? expansion.synonym : expansion.related;
      return { term: r, weight: SOFT.has(r) ? Math.min(w, SOFT_WEIGHT) / 2 : w };
    });
    return [{ term: t, weight: MODIFIERS.get(t) ?? 1 }, ...related];
  });
}

/** The same concepts flattened to one weight per term (the best it gets from any concept). */
export function expandQuery(
  terms: readonly string[],
  expansion: ExpansionWeights = DEFAULT_EXPANSION,
): Map<string, number> {
  const weights = new Map<string, number>();
  for (const concept of queryConcepts(terms, expansion)) {
    for (const { term, weight } of concept)
      weights.set(term, Math.max(weights.get(term) ?? 0, weight));
  }
  return weights;
}
