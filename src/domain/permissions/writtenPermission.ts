import { hasRole, type Person, type Role } from "../people/person";
import { accept, refuse, type Decision } from "../result";

/*
 * Written permissions the policy asks for, each kind with who decides it, in the policy's words.
 * A request says what, where and for how long; the decider approves or refuses with a reason;
 * an approval ends on its last day or when it is withdrawn; the requester always sees where it
 * stands. Dates are the school's calendar days (YYYY-MM-DD), compared as text.
 */
export const PERMISSION_KINDS = {
  brandOrConfidential: {
    title:
      "Use the School's logos, brand names, slogans or trademarks, or post confidential information",
    policy:
      "Staff must not use the School's logos, brand names, slogans or other trademarks, or post any of our confidential or proprietary information without express prior written permission from the Headteacher.",
    deciders: ["headteacher"] as readonly Role[],
  },
  personalDevicePhotos: {
    title: "Take photos for social media on a device that does not belong to the School",
    policy:
      "Any photos for social media posts may only be taken using school cameras/devices or devices that have been approved in advance by the Headteacher or Assistant Headteacher - Parents, Publicity & Promotion. Where any device is used that does not belong to the School all photos must be deleted immediately from the device, once the photos have been uploaded to a device belonging to the School.",
    deciders: ["headteacher", "aht-publicity"] as readonly Role[],
  },
  relatedPerson: {
    title: "Post something related to a colleague, pupil, parent, service provider or stakeholder",
    policy:
      "Staff must not post anything related to colleagues, the School's past, current or prospective pupils, parents, service providers or stakeholders without their advanced written permission.",
    // The person themself: a colleague consents on their own card; for others, the requester records it.
    deciders: [] as readonly Role[],
  },
  speakingOnBehalf: {
    title: "Speak on behalf of the School on social media",
    policy:
      "If your duties require you to speak on behalf of the School in a social media environment, you must follow the protocol outlined below. The Headteacher may require you to undergo training before you use social media on behalf of the School and impose certain requirements and restrictions with regard to your activities.",
    deciders: ["headteacher"] as readonly Role[],
  },
  commentForPublication: {
    title: "Respond to a request for comment about the School for publication",
    policy:
      "If you are contacted for comments about the School for publication anywhere, including in any social media outlet, you must direct the inquiry to the Headteacher and must not respond without advanced written approval.",
    deciders: ["headteacher"] as readonly Role[],
  },
} as const;

export type PermissionKind = keyof typeof PERMISSION_KINDS;
export const PERMISSION_KIND_NAMES = Object.keys(PERMISSION_KINDS) as PermissionKind[];

export const SUBJECT_TYPES = [
  "colleague",
  "pupil",
  "parent",
  "serviceProvider",
  "stakeholder",
] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];
export const SUBJECT_WORDS: Record<SubjectType, string> = {
  colleague: "a colleague",
  pupil: "a pupil",
  parent: "a parent",
  serviceProvider: "a service provider",
  stakeholder: "a stakeholder",
};

/** Whose permission it is, for `relatedPerson`: a colleague on the roster, or someone outside it. */
export type PermissionSubject =
  | { readonly type: "colleague"; readonly colleagueId: string }
  | {
      readonly type: Exclude<SubjectType, "colleague">;
      /** Who gave the written permission (for a pupil: the parent), as the requester records it. */
      readonly givenBy: string;
      /** How and when it was given ("signed consent form, 3 March"). */
      readonly evidence: string;
    };

export type PermissionStatus =
  | "pending"
  | "awaitingTraining"
  | "approved"
  | "refused"
  | "withdrawn"
  | "cancelled";

export interface PermissionRequest {
  readonly id: string;
  readonly kind: PermissionKind;
  readonly requesterId: string;
  readonly what: string;
  readonly where: string;
  /** First and last day it covers. */
  readonly from: string;
  readonly until: string;
  readonly subject: PermissionSubject | null;
  readonly status: PermissionStatus;
  readonly requestedAt: string;
  readonly decidedBy: string | null;
  /** The role they decided as ("headteacher"), or "colleague" for a colleague's own consent. */
  readonly decidedAs: string | null;
  readonly decidedAt: string | null;
  readonly reason: string;
  /** Speaking on behalf: the Headteacher asked for this training to be recorded first. */
  readonly trainingRequired: string | null;
  readonly withdrawnBy: string | null;
  readonly withdrawnAt: string | null;
  readonly withdrawalReason: string;
  /** Personal-device photos: the requester confirmed the photos were deleted from the device. */
  readonly deletionConfirmedAt: string | null;
  /** Bumped on every change: cards carry it, and a stale card is refused. */
  readonly revision: number;
}

/** What the requester sees. */
export type PermissionStanding =
  | "waiting for a decision"
  | "waiting for training to be recorded"
  | "in place"
  | "not yet in force"
  | "expired"
  | "refused"
  | "withdrawn"
  | "cancelled";

export function standing(p: PermissionRequest, today: string): PermissionStanding {
  switch (p.status) {
    case "pending":
      return "waiting for a decision";
    case "awaitingTraining":
      return "waiting for training to be recorded";
    case "refused":
      return "refused";
    case "withdrawn":
      return "withdrawn";
    case "cancelled":
      return "cancelled";
    case "approved":
      if (today > p.until) return "expired";
      if (today < p.from) return "not yet in force";
      return "in place";
  }
}

export function isInForce(p: PermissionRequest, day: string): boolean {
  return standing(p, day) === "in place";
}

/** Approved and the photos not yet confirmed deleted, from the first day photos may be taken. */
export function awaitsDeletionConfirmation(p: PermissionRequest, today: string): boolean {
  return (
    p.kind === "personalDevicePhotos" &&
    (p.status === "approved" || p.status === "withdrawn") &&
    p.deletionConfirmedAt === null &&
    today >= p.from
  );
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** The longest an approval may run: the policy is reviewed yearly. */
export const MAX_PERMISSION_DAYS = 366;

export interface NewPermission {
  readonly kind: PermissionKind;
  readonly what: string;
  readonly where: string;
  readonly from: string;
  readonly until: string;
  readonly subject: PermissionSubject | null;
}

type RequestRefusal =
  | "PERMISSION.ROLE"
  | "PERMISSION.EMPTY"
  | "PERMISSION.DATES"
  | "PERMISSION.TOO_LONG"
  | "PERMISSION.SUBJECT"
  | "PERMISSION.OWN_CONSENT";

function daysBetween(from: string, until: string): number {
  return (Date.parse(`${until}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}

export function checkRequest(
  requester: Person,
  request: NewPermission,
  today: string,
): Decision<NewPermission, RequestRefusal> {
  if (!hasRole(requester, "staff"))
    return refuse("PERMISSION.ROLE", "Only staff on the roster can ask for written permission.");
  if (!request.what.trim()) return refuse("PERMISSION.EMPTY", "Say what the permission is for.");
  if (!request.where.trim())
    return refuse("PERMISSION.EMPTY", "Say where it will be used (which account, site or outlet).");
  if (!DAY.test(request.from) || !DAY.test(request.until) || request.until < request.from)
    return refuse(
      "PERMISSION.DATES",
      "Give the first and last day it covers (YYYY-MM-DD), the last not before the first.",
    );
  if (request.until < today)
    return refuse("PERMISSION.DATES", "The period has already ended: give dates from today on.");
  if (daysBetween(request.from, request.until) > MAX_PERMISSION_DAYS)
    return refuse(
      "PERMISSION.TOO_LONG",
      "A permission can cover at most a year: ask again when it runs out.",
    );
  if (request.kind === "relatedPerson") {
    const s = request.subject;
    if (!s) return refuse("PERMISSION.SUBJECT", "Say whose permission this is.");
    if (s.type === "colleague" && s.colleagueId === requester.aadObjectId)
      return refuse("PERMISSION.OWN_CONSENT", "You do not need your own permission.");
    if (s.type !== "colleague" && (!s.givenBy.trim() || !s.evidence.trim()))
      return refuse(
        "PERMISSION.SUBJECT",
        s.type === "pupil"
          ? "Record which parent gave permission, and how (Staff Protocol step 1: permission from the child's parent)."
          : "Record who gave the written permission, and how.",
      );
  } else if (request.subject) {
    return refuse(
      "PERMISSION.SUBJECT",
      "Only a request about a person names whose permission it is.",
    );
  }
  return accept(request);
}

/**
 * Who decides this request: for a colleague, the colleague alone; for someone outside the
 * roster, nobody in Teams (the requester records the written permission they hold); otherwise
 * the roles the policy names.
 */
export function decidesAs(p: PermissionRequest, person: Person): string | undefined {
  if (person.aadObjectId === p.requesterId) return undefined;
  if (p.kind === "relatedPerson") {
    return p.subject?.type === "colleague" && p.subject.colleagueId === person.aadObjectId
      ? "colleague"
      : undefined;
  }
  return PERMISSION_KINDS[p.kind].deciders.find((role) => hasRole(person, role));
}

/** A request recorded with its written permission already held (pupil, parent …): in force at once. */
export function isRecordedElsewhere(request: NewPermission): boolean {
  return (
    request.kind === "relatedPerson" &&
    request.subject !== null &&
    request.subject.type !== "colleague"
  );
}

type DecideRefusal =
  | "PERMISSION.NOT_DECIDER"
  | "PERMISSION.NOT_PENDING"
  | "PERMISSION.STALE"
  | "PERMISSION.REASON_REQUIRED"
  | "PERMISSION.TRAINING_NOT_ASKED";

export interface PermissionDecision {
  readonly approve: boolean;
  readonly reason: string;
  /** Speaking on behalf only: the training the Headteacher requires first (empty: none). */
  readonly trainingRequired: string;
  readonly revision: number;
}

export function decidePermission(
  p: PermissionRequest,
  person: Person,
  decision: PermissionDecision,
  at: string,
  /** Speaking on behalf: whether the requester's required training is on record and current. */
  hasTraining: (topic: string) => boolean,
): Decision<PermissionRequest, DecideRefusal> {
  const as = decidesAs(p, person);
  if (!as) return refuse("PERMISSION.NOT_DECIDER", notDeciderReason(p));
  if (p.status !== "pending")
    return refuse("PERMISSION.NOT_PENDING", "This request has already been decided.");
  if (decision.revision !== p.revision)
    return refuse(
      "PERMISSION.STALE",
      "This request has changed since the card was sent; decide on the latest card.",
    );
  const reason = decision.reason.trim();
  if (!decision.approve && !reason)
    return refuse("PERMISSION.REASON_REQUIRED", "Give a reason for refusing it.");
  const training = decision.trainingRequired.trim();
  if (training && p.kind !== "speakingOnBehalf")
    return refuse(
      "PERMISSION.TRAINING_NOT_ASKED",
      "Training can be required only before speaking on behalf of the School.",
    );
  const base = {
    ...p,
    decidedBy: person.aadObjectId,
    decidedAs: as,
    decidedAt: at,
    reason,
    revision: p.revision + 1,
  };
  if (!decision.approve) return accept({ ...base, status: "refused" });
  if (training) {
    return accept({
      ...base,
      trainingRequired: training,
      status: hasTraining(training) ? "approved" : "awaitingTraining",
    });
  }
  return accept({ ...base, status: "approved" });
}

function notDeciderReason(p: PermissionRequest): string {
  if (p.kind === "relatedPerson") return "Only the colleague it is about can give this permission.";
  return p.kind === "personalDevicePhotos"
    ? "Only the Headteacher or the Assistant Headteacher (Parents, Publicity & Promotion) approves a device in advance."
    : "Only the Headteacher gives this permission.";
}

/** Training recorded after an approval that required it: the permission comes into force. */
export function trainingRecorded(
  p: PermissionRequest,
  hasTraining: (topic: string) => boolean,
): PermissionRequest | undefined {
  if (p.status !== "awaitingTraining" || !p.trainingRequired || !hasTraining(p.trainingRequired))
    return undefined;
  return { ...p, status: "approved", revision: p.revision + 1 };
}

type WithdrawRefusal =
  | "PERMISSION.NOT_WITHDRAWABLE"
  | "PERMISSION.NOT_YOURS"
  | "PERMISSION.REASON_REQUIRED";

/**
 * An approval is withdrawn by whoever could give it (the Headteacher, the colleague who
 * consented); the requester may cancel a request still waiting, or give up one in force.
 */
export function withdraw(
  p: PermissionRequest,
  person: Person,
  reason: string,
  at: string,
): Decision<PermissionRequest, WithdrawRefusal> {
  const isRequester = person.aadObjectId === p.requesterId;
  if (p.status === "pending" && isRequester) {
    return accept({
      ...p,
      status: "cancelled",
      withdrawnBy: person.aadObjectId,
      withdrawnAt: at,
      withdrawalReason: reason.trim(),
      revision: p.revision + 1,
    });
  }
  if (p.status !== "approved" && p.status !== "awaitingTraining")
    return refuse(
      "PERMISSION.NOT_WITHDRAWABLE",
      "Only a permission that was given can be withdrawn.",
    );
  const decider = decidesAs(p, person) !== undefined;
  if (!decider && !isRequester)
    return refuse(
      "PERMISSION.NOT_YOURS",
      p.kind === "relatedPerson"
        ? "Only the colleague who consented (or the requester) can withdraw it."
        : "Only the Headteacher (or the requester) can withdraw it.",
    );
  if (decider && !reason.trim())
    return refuse("PERMISSION.REASON_REQUIRED", "Give a reason for withdrawing it.");
  return accept({
    ...p,
    status: "withdrawn",
    withdrawnBy: person.aadObjectId,
    withdrawnAt: at,
    withdrawalReason: reason.trim(),
    revision: p.revision + 1,
  });
}

export function confirmDeletion(
  p: PermissionRequest,
  person: Person,
  at: string,
): Decision<
  PermissionRequest,
  "PERMISSION.NOT_YOURS" | "PERMISSION.NOT_DEVICE" | "PERMISSION.ALREADY_CONFIRMED"
> {
  if (person.aadObjectId !== p.requesterId)
    return refuse(
      "PERMISSION.NOT_YOURS",
      "Only the person who took the photos confirms they were deleted.",
    );
  if (p.kind !== "personalDevicePhotos" || (p.status !== "approved" && p.status !== "withdrawn"))
    return refuse(
      "PERMISSION.NOT_DEVICE",
      "Only an approved personal device needs its photos confirmed deleted.",
    );
  if (p.deletionConfirmedAt)
    return refuse(
      "PERMISSION.ALREADY_CONFIRMED",
      "You have already confirmed the photos were deleted.",
    );
  return accept({ ...p, deletionConfirmedAt: at, revision: p.revision + 1 });
}

export function newPermission(
  id: string,
  requester: Person,
  request: NewPermission,
  at: string,
): PermissionRequest {
  const recorded = isRecordedElsewhere(request);
  return {
    id,
    ...request,
    requesterId: requester.aadObjectId,
    status: recorded ? "approved" : "pending",
    requestedAt: at,
    decidedBy: recorded ? requester.aadObjectId : null,
    decidedAs: recorded ? "recorded by the requester" : null,
    decidedAt: recorded ? at : null,
    reason: "",
    trainingRequired: null,
    withdrawnBy: null,
    withdrawnAt: null,
    withdrawalReason: "",
    deletionConfirmedAt: null,
    revision: 1,
  };
}

/*
 * What a post needs: a colleague named in its text needs that colleague's written permission;
 * the School's logo, brand or slogan needs the Headteacher's. Names are matched as whole words.
 */
const BRAND_WORDS = /\b(logo|logos|crest|badge|brand|slogan|motto|trademark)\b/i;

export interface PostNeed {
  readonly kind: "relatedPerson" | "brandOrConfidential";
  readonly colleagueId?: string;
  readonly label: string;
}

export function permissionsAPostNeeds(
  text: string,
  authorId: string,
  roster: readonly Person[],
): PostNeed[] {
  const needs: PostNeed[] = [];
  const lower = ` ${text.toLowerCase().replace(/[^\p{L}\p{N}' -]+/gu, " ")} `;
  for (const p of roster) {
    if (p.aadObjectId === authorId || p.displayName.trim().split(/\s+/).length < 2) continue;
    if (lower.includes(` ${p.displayName.toLowerCase()} `))
      needs.push({ kind: "relatedPerson", colleagueId: p.aadObjectId, label: p.displayName });
  }
  if (BRAND_WORDS.test(text))
    needs.push({ kind: "brandOrConfidential", label: "the School's logo or brand" });
  return needs;
}

/** Whether a permission in force covers one need of a post on its intended day. */
export function covers(
  p: PermissionRequest,
  need: PostNeed,
  authorId: string,
  day: string,
): boolean {
  if (p.requesterId !== authorId || p.kind !== need.kind || !isInForce(p, day)) return false;
  return (
    need.kind !== "relatedPerson" ||
    (p.subject?.type === "colleague" && p.subject.colleagueId === need.colleagueId)
  );
}
