import { ROLE_TITLES, type Person, type Role } from "../../domain/people/person";
import {
  awaitsDeletionConfirmation,
  decidesAs,
  PERMISSION_KINDS,
  PERMISSION_KIND_NAMES,
  standing,
  SUBJECT_TYPES,
  SUBJECT_WORDS,
  type PermissionRequest,
} from "../../domain/permissions/writtenPermission";
import { TRAINING_TOPICS, TRAINING_TOPIC_NAMES } from "../../domain/training/trainingRecord";
import type { CardMessage } from "../../ports";
import { LISTED_PEOPLE_MAX } from "../../app/people/findColleagues";

/*
 * Cards of the written permissions register (templates in ./cards): the request form, and one
 * live card per request that each person sees in their own way: the decider gets the buttons
 * (a colleague "I consent"), the requester the status and what they may still do.
 */
export const PERMISSION_VERBS = {
  request: "permissionRequest",
  approve: "permissionApprove",
  refuse: "permissionRefuse",
  withdraw: "permissionWithdraw",
  confirmDeletion: "permissionConfirmDeletion",
} as const;

export interface PermissionFormData {
  readonly kinds: readonly { title: string; value: string }[];
  readonly subjectTypes: readonly { title: string; value: string }[];
  readonly colleagues: readonly { title: string; value: string }[];
  /** Whether the colleagues are listed on the card (a small school) or found by the search. */
  readonly listed: boolean;
  readonly chosenKind: string;
  readonly chosenColleague: string;
  readonly what: string;
  readonly from: string;
  readonly until: string;
  readonly verb: string;
}

export { LISTED_PEOPLE_MAX };

export function permissionFormCard(
  colleagues: readonly Person[],
  requester: Person,
  today: string,
  preset: { kind?: string; colleagueId?: string; what?: string } = {},
): CardMessage {
  const data: PermissionFormData = {
    kinds: PERMISSION_KIND_NAMES.map((k) => ({ title: PERMISSION_KINDS[k].title, value: k })),
    subjectTypes: SUBJECT_TYPES.map((t) => ({ title: SUBJECT_WORDS[t], value: t })),
    // A small school's colleagues are listed; in a larger one only the colleague already chosen
    // is, and the staff picker's search (Data.Query) finds the rest, so the card stays small.
    colleagues: colleagues
      .filter(
        (c) =>
          c.aadObjectId !== requester.aadObjectId &&
          (colleagues.length <= LISTED_PEOPLE_MAX || c.aadObjectId === preset.colleagueId),
      )
      .map((c) => ({
        title: c.department ? `${c.displayName} (${c.department})` : c.displayName,
        value: c.aadObjectId,
      })),
    listed: colleagues.length <= LISTED_PEOPLE_MAX,
    chosenKind: preset.kind ?? "relatedPerson",
    chosenColleague: preset.colleagueId ?? "",
    what: preset.what ?? "",
    from: today,
    until: today,
    verb: PERMISSION_VERBS.request,
  };
  return { template: "permissionForm", data: { ...data } };
}

/* Teams' "Good" green and "Warning" yellow are too light to read on white: the words say the state. */
const STANDING_TONE: Record<ReturnType<typeof standing>, string> = {
  "waiting for a decision": "Default",
  "waiting for training to be recorded": "Default",
  "in place": "Accent",
  "not yet in force": "Accent",
  expired: "Attention",
  refused: "Attention",
  withdrawn: "Attention",
  cancelled: "Default",
};

export interface PermissionCardData {
  readonly requestId: string;
  readonly revision: number;
  readonly title: string;
  readonly policy: string;
  readonly status: string;
  readonly statusColour: string;
  readonly facts: readonly { title: string; value: string }[];
  readonly canDecide: boolean;
  readonly consentWords: boolean;
  readonly mayRequireTraining: boolean;
  readonly trainingTopics: readonly { title: string; value: string }[];
  readonly canWithdraw: boolean;
  readonly canConfirmDeletion: boolean;
  readonly verbs: typeof PERMISSION_VERBS;
  readonly refreshUserIds: readonly string[];
}

export function permissionCard(
  p: PermissionRequest,
  viewer: Person,
  names: ReadonlyMap<string, string>,
  today: string,
  everyone: readonly string[],
): CardMessage {
  const s = standing(p, today);
  const as = decidesAs(p, viewer);
  const who = (id: string | null) => (id ? (names.get(id) ?? "former staff") : "");
  const facts: { title: string; value: string }[] = [
    { title: "Asked by", value: who(p.requesterId) },
    { title: "What", value: p.what },
    { title: "Where", value: p.where },
    { title: "For", value: p.from === p.until ? p.from : `${p.from} to ${p.until}` },
  ];
  if (p.subject?.type === "colleague")
    facts.push({ title: "Whose permission", value: who(p.subject.colleagueId) });
  else if (p.subject)
    facts.push({
      title: "Whose permission",
      value: `${SUBJECT_WORDS[p.subject.type]}: given by ${p.subject.givenBy} (${p.subject.evidence})`,
    });
  if (p.decidedAt && p.decidedBy && p.decidedBy !== p.requesterId) {
    const role =
      p.decidedAs && p.decidedAs in ROLE_TITLES ? ROLE_TITLES[p.decidedAs as Role] : "Colleague";
    facts.push({
      title: p.status === "refused" ? "Refused by" : "Given by",
      value: `${who(p.decidedBy)} (${role}) on ${p.decidedAt.slice(0, 10)}`,
    });
  }
  if (p.reason) facts.push({ title: "Reason", value: p.reason });
  if (p.trainingRequired)
    facts.push({
      title: "Training required first",
      value:
        TRAINING_TOPICS[p.trainingRequired as keyof typeof TRAINING_TOPICS] ?? p.trainingRequired,
    });
  if (p.withdrawnAt)
    facts.push({
      title: p.status === "cancelled" ? "Cancelled" : "Withdrawn",
      value: `by ${who(p.withdrawnBy)} on ${p.withdrawnAt.slice(0, 10)}${p.withdrawalReason ? `: ${p.withdrawalReason}` : ""}`,
    });
  if (p.kind === "personalDevicePhotos" && (p.status === "approved" || p.status === "withdrawn"))
    facts.push({
      title: "Photos deleted from the device",
      value: p.deletionConfirmedAt
        ? `confirmed on ${p.deletionConfirmedAt.slice(0, 10)}`
        : "not yet confirmed",
    });
  const isRequester = viewer.aadObjectId === p.requesterId;
  const data: PermissionCardData = {
    requestId: p.id,
    revision: p.revision,
    title: PERMISSION_KINDS[p.kind].title,
    policy: PERMISSION_KINDS[p.kind].policy,
    status: s.charAt(0).toUpperCase() + s.slice(1),
    statusColour: STANDING_TONE[s],
    facts,
    canDecide: p.status === "pending" && as !== undefined,
    consentWords: as === "colleague",
    mayRequireTraining: p.kind === "speakingOnBehalf" && as !== undefined,
    trainingTopics: TRAINING_TOPIC_NAMES.map((t) => ({ title: TRAINING_TOPICS[t], value: t })),
    canWithdraw:
      (p.status === "approved" || p.status === "awaitingTraining") && s !== "expired"
        ? as !== undefined || isRequester
        : p.status === "pending" && isRequester,
    canConfirmDeletion: isRequester && awaitsDeletionConfirmation(p, today),
    verbs: PERMISSION_VERBS,
    refreshUserIds: everyone.slice(0, 60),
  };
  return { template: "permissionCard", data: { ...data } };
}
