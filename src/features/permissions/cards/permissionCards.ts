import { LISTED_PEOPLE_MAX, personChoice } from "../../../app/people/findColleagues";
import { ROLE_TITLES, type Role } from "../../../domain/people/person";
import {
  PERMISSION_KINDS,
  PERMISSION_KIND_NAMES,
  SUBJECT_TYPES,
  SUBJECT_WORDS,
  type PermissionStanding,
} from "../../../domain/permissions/writtenPermission";
import { TRAINING_TOPICS, TRAINING_TOPIC_NAMES } from "../../../domain/training/trainingRecord";
import type { CardMessage } from "../../../ports";
import { REFRESH_USER_IDS_LIMIT } from "../../posts/cards/postCards";
import type {
  PermissionCards,
  PermissionFormView,
  PermissionNews,
  PermissionView,
} from "../permissionViews";
import { PERMISSION_VERBS } from "./permissionVerbs";

/*
 * The Teams side of the PermissionCards port (templates permissionForm.json, permissionCard.json):
 * the request form, and one live card per request that each person sees in their own way: the
 * decider gets the buttons (a colleague "I consent"), the requester the status and what they
 * may still do.
 */
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

function permissionForm({ people, requester, today, preset }: PermissionFormView): CardMessage {
  const data: PermissionFormData = {
    kinds: PERMISSION_KIND_NAMES.map((k) => ({ title: PERMISSION_KINDS[k].title, value: k })),
    subjectTypes: SUBJECT_TYPES.map((t) => ({ title: SUBJECT_WORDS[t], value: t })),
    // A small school's colleagues are listed; in a larger one only the colleague already chosen
    // is, and the staff picker's search (Data.Query) finds the rest, so the card stays small.
    colleagues: people
      .filter(
        (c) =>
          c.aadObjectId !== requester.aadObjectId &&
          (people.length <= LISTED_PEOPLE_MAX || c.aadObjectId === preset.colleagueId),
      )
      .map(personChoice),
    listed: people.length <= LISTED_PEOPLE_MAX,
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
const STANDING_TONE: Record<PermissionStanding, string> = {
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

function facts({ request: p, names }: PermissionView): { title: string; value: string }[] {
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
  return facts;
}

function permissionCard(view: PermissionView): CardMessage {
  const p = view.request;
  const s = view.standing;
  const data: PermissionCardData = {
    requestId: p.id,
    revision: p.revision,
    title: PERMISSION_KINDS[p.kind].title,
    policy: PERMISSION_KINDS[p.kind].policy,
    status: s.charAt(0).toUpperCase() + s.slice(1),
    statusColour: STANDING_TONE[s],
    facts: facts(view),
    canDecide: view.mayDecide,
    consentWords: view.decidesAs === "colleague",
    mayRequireTraining: view.mayRequireTraining,
    trainingTopics: TRAINING_TOPIC_NAMES.map((t) => ({ title: TRAINING_TOPICS[t], value: t })),
    canWithdraw: view.mayWithdraw,
    canConfirmDeletion: view.mayConfirmDeletion,
    verbs: PERMISSION_VERBS,
    // Whoever opens a copy gets their own view, within Teams' limit of ids.
    refreshUserIds: view.holders.slice(0, REFRESH_USER_IDS_LIMIT),
  };
  return { template: "permissionCard", data: { ...data } };
}

const notice = (title: string, message: string, tone: "good" | "attention"): CardMessage => ({
  template: "notice",
  data: { title, message, tone },
});

function permissionNews(news: PermissionNews): CardMessage {
  const p = news.request;
  const kind = PERMISSION_KINDS[p.kind].title;
  switch (news.kind) {
    case "decided": {
      const name = news.decider.displayName;
      const by =
        p.decidedAs === "colleague"
          ? name
          : `${name} (${PERMISSION_KINDS[p.kind].deciders.length ? "for the School" : ""})`.replace(
              " ()",
              "",
            );
      const title =
        p.status === "refused"
          ? `${name} refused your request`
          : p.status === "awaitingTraining"
            ? `${name} approved your request once training is recorded`
            : p.decidedAs === "colleague"
              ? `${name} consented`
              : `${by} approved your request`;
      return notice(
        title,
        `${kind}: "${p.what}". Status now: ${news.standing}.${p.reason ? ` Reason: ${p.reason}` : ""}`,
        p.status === "approved" ? "good" : "attention",
      );
    }
    case "withdrawn":
      return notice(
        `${news.by.displayName} withdrew the permission`,
        `${kind}: "${p.what}". It no longer covers anything from today.${p.withdrawalReason ? ` Reason: ${p.withdrawalReason}` : ""}`,
        "attention",
      );
    case "inForce":
      return notice(
        "Your permission is now in force",
        `The training the Headteacher required is recorded. ${kind}: "${p.what}".`,
        "good",
      );
    case "expired":
      return notice(
        "A written permission has expired",
        `${kind}: "${p.what}" ran until ${p.until}. Ask again if you still need it.`,
        "attention",
      );
  }
}

/** The written permissions cards as Teams shows them: Adaptive Card templates with typed data. */
export const teamsPermissionCards: PermissionCards = {
  permissionCard,
  permissionForm,
  permissionNews,
};
