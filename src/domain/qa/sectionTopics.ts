/*
 * What each section is about, in the words staff use rather than the policy's: the back-of-book
 * index a school librarian would write, keyed by the stable section ids so it carries over to
 * new versions (a section it does not know simply has no entry). Retrieval reads it as one more,
 * lightly weighted view of a section; it never answers by itself, because every quote comes
 * from the policy text.
 */
export const SECTION_TOPICS: Readonly<Record<string, string>> = {
  "introduction-equality":
    "equality equal opportunities fair fairness discrimination protected characteristics disability race religion gender sexuality pregnancy age impact assessment dfe",
  introduction:
    "contract contractual terms conditions employment status disciplinary offence dismissal policy amended changed notified told warned notice month before changes take effect read alongside acceptable use ict hr policies",
  "purpose-of-this-policy":
    "why purpose reason point aim risks reputation productivity time wasting confidential information legal obligations",
  "who-is-covered-by-this-policy":
    "who does it apply to covered included everyone all staff volunteers agency supply teachers contractors consultants governors trainees student teachers part time fixed term temporary casual homeworkers senior leaders third parties visitors outside users systems",
  "scope-and-purpose-of-this-policy":
    "which sites covered blogs forums all social media personal accounts as well as work outside hours evenings weekends holidays at home own device own equipment disciplined sacked dismissal investigation hand over access to accounts made to remove posts delete refuse",
  "personnel-responsible-for-implementing-the-policy":
    "who is responsible in charge overall responsibility governors headteacher day to day senior leaders duties report misuse concerns to questions about the policy contact email",
  "compliance-with-related-policies-and-agreements":
    "other policies acceptable use data protection gdpr confidentiality bullying harassment trolling discrimination equality personal information about colleagues defame disparage impersonate fake account false identity misleading references recommendations endorsements testimonials linkedin networking",
  "personal-use-of-social-media":
    "personal use own accounts at work working time lunchtime breaks lessons checking browsing scrolling on my phone school computers school wifi network work email address sign up register employer where I work bio profile mention job linkedin copy save reuse school photos posts for own use",
  monitoring:
    "monitor watch check read see staff emails messages chats browsing history websites visited internet use wifi network school computers logged keystrokes privacy no expectation of privacy private copies kept stored how long gdpr intercepted",
  "educational-or-extra-curricular-use-of-social-media":
    "speak on behalf of the school official school account training required media enquiries journalists reporters press newspaper radio tv comments quotes interviews written approval",
  recruitment:
    "recruitment job applicants candidates hiring interviews pre employment checks vetting searching online googling applicants",
  "responsible-use-of-social-media":
    "responsible safe sensible guidelines recommendations common sense tips guidance",
  "photographs-for-use-of-social-media":
    "taking photos pictures videos for use on social media own phone personal device mobile tablet camera school camera school ipad delete wipe photos after uploading transfer",
  "staff-protocol-for-use-of-social-media":
    "posting on the school official account process steps parental permission consent photo consent children names identifiable certificates pupils work positive relevant celebrate achievements reminders updates to parents approve approval sign off go live who posts resources manager",
  "protecting-our-business-reputation":
    "criticise complain disparage defamatory negative comments about school colleagues pupils parents suppliers reputation disclaimer views are my own personal capacity first person personal email privacy settings private account lock professional image profile confidential sensitive topics unsure check first line manager head of department report content seen spotted online",
  "respecting-intellectual-property-and-confidential-information":
    "logo brand crest badge trademark slogan motto copyright intellectual property credit cite sources plagiarism confidential proprietary information documents written permission headteacher",
  "respecting-colleagues-pupils-parents-clients-service-providers-and-stakeholders":
    "offensive jokes insults obscene discriminatory racist comments posting about colleagues pupils parents photos videos of colleagues tag without asking without permission written permission consent",
  "monitoring-and-review-of-this-policy":
    "who reviews the policy how often yearly annual review updates amendments approved by governors suggestions ideas improvements feedback training for investigators administration",
  appendices: "appendix appendices information sheet handout leaflet guide for staff",
};
