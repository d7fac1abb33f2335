/*
 * What each section is about, in the words staff use rather than the policy's: an index a
 * school librarian would write for the policy, keyed by the stable section ids so it carries
 * over to new versions. Retrieval reads it as one more view of the section; it never answers
 * by itself (the quote always comes from the policy text).
 */
export const SECTION_TOPICS: Readonly<Record<string, string>> = {
  "introduction-equality": "equality duty discrimination protected characteristics fairness",
  introduction:
    "contract contractual terms conditions employment disciplinary action dismissal policy amended changed notified told month notice before changes take effect acceptable use hr policies",
  "purpose-of-this-policy": "why purpose reason point risks reputation productivity confidential information legal obligations",
  "who-is-covered-by-this-policy":
    "who does it apply to covered volunteers agency supply teachers contractors consultants governors trainees part time temporary casual third parties everyone",
  "scope-and-purpose-of-this-policy":
    "outside work hours evenings weekends at home own device own laptop personal accounts investigation access to my accounts disciplinary dismissal sacked fired remove posts take down delete",
  "personnel-responsible-for-implementing-the-policy":
    "who is responsible overall responsibility governors headteacher day to day report misuse questions contact email policy owner",
  "compliance-with-related-policies-and-agreements":
    "references recommendations endorse former colleague other policies harass bully discriminate confidentiality personal information data protection impersonate pretend fake misleading defame breach disciplinary",
  "personal-use-of-social-media":
    "personal use working time lunch break school computers work email sign up account mention employer where I work profile linkedin employer copy school photos personal use",
  monitoring:
    "monitor monitoring privacy private read messages emails network wifi websites browsing keystrokes school systems copies stored gdpr intercept",
  "educational-or-extra-curricular-use-of-social-media":
    "speak on behalf of the school run official school account department account training journalist press reporter media enquiry comment respond publication",
  recruitment: "job applicants candidates hiring interview pre employment checks search online vetting",
  "responsible-use-of-social-media": "guidelines recommendations common sense responsibly safely",
  "photographs-for-use-of-social-media":
    "own phone personal device mobile camera take photos pictures approved device delete photos after upload",
  "staff-protocol-for-use-of-social-media":
    "parental permission consent child name visible certificates identifying work positive relevant post approve approval go live who posts resources manager reminders updates parents",
  "protecting-our-business-reputation":
    "complain criticise disparage defamatory negative disclaimer own views personal capacity first person privacy settings profile professional image unsure appropriate line manager head of department report content seen confidential topics",
  "respecting-intellectual-property-and-confidential-information":
    "logo brand crest badge trademark slogan copyright cite sources credit confidential proprietary information written permission",
  "respecting-colleagues-pupils-parents-clients-service-providers-and-stakeholders":
    "offensive jokes insults obscene discriminatory comments post about a colleague photo of colleague without permission written permission",
  "monitoring-and-review-of-this-policy":
    "who reviews how often yearly annual review updates suggestions amendments approved governors training investigators",
  appendices: "information sheet appendix",
};
