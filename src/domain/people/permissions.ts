import { hasRole, type Person } from "./person";

/*
 * Who may do what. One function per permission, each named after what the policy lets a
 * person do, so a role change is one edit and every adapter asks the same question.
 */

/** "The Assistant Headteacher Digital Technology & Innovation (together with the Headteacher) shall be responsible for reviewing this policy". */
export function mayPublishPolicyVersion(person: Person): boolean {
  return hasRole(person, "aht-digital") || hasRole(person, "headteacher");
}

/** Recording that the annual review found nothing to change: the same people who publish versions. */
export function mayRecordPolicyReview(person: Person): boolean {
  return mayPublishPolicyVersion(person);
}

/** The acknowledgement dashboard, with names: the Headteacher and the policy owner. */
export function mayViewAcknowledgementDetail(person: Person): boolean {
  return hasRole(person, "headteacher") || hasRole(person, "aht-digital");
}

/** The Board of Governors holds overall responsibility: the Chair sees the figures, not the names. */
export function mayViewAcknowledgementFigures(person: Person): boolean {
  return mayViewAcknowledgementDetail(person) || hasRole(person, "chair-of-governors");
}

/** Chasing outstanding acknowledgements is for those who run the policy day to day. */
export function mayRemindOutstanding(person: Person): boolean {
  return mayViewAcknowledgementDetail(person);
}

/** "Questions regarding the content or application of this policy should be directed ... to the Assistant Headteacher Digital Technology and Innovation." */
export function mayAnswerPolicyQuestions(person: Person): boolean {
  return hasRole(person, "aht-digital");
}

/** The dashboard's unanswered staff questions: the policy owner, and the Headteacher who reviews the policy with them. */
export function mayViewUnansweredQuestions(person: Person): boolean {
  return mayAnswerPolicyQuestions(person) || hasRole(person, "headteacher");
}

/** Step 5 of the Staff Protocol: both the AHT (Parents, Publicity & Promotion) and the Headteacher confirm a post. */
export function mayApprovePostAs(person: Person): ("aht-publicity" | "headteacher")[] {
  const keys: ("aht-publicity" | "headteacher")[] = [];
  if (hasRole(person, "aht-publicity")) keys.push("aht-publicity");
  if (hasRole(person, "headteacher")) keys.push("headteacher");
  return keys;
}

/** Step 6: "The Resource Manager and / or the Assistant Headteacher - Parents, Publicity & Promotion will post the information". */
export function mayPublishPost(person: Person): boolean {
  return hasRole(person, "resources-manager") || hasRole(person, "aht-publicity");
}

/** Any member of staff may propose a post and report misuse. */
export function mayProposePost(person: Person): boolean {
  return hasRole(person, "staff");
}

export function mayReportMisuse(person: Person): boolean {
  return hasRole(person, "staff");
}
