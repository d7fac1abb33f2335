import type { Person } from "../../domain/people/person";
import {
  awaitsDeletionConfirmation,
  decidesAs,
  standing,
  type PermissionRequest,
  type PermissionStanding,
} from "../../domain/permissions/writtenPermission";
import type { CardMessage } from "../../ports";

/*
 * What the written permissions register shows, in the policy's terms: a request, where it
 * stands and what this person may do with it. Use cases build these; the PermissionCards port
 * (./cards) turns them into Teams cards, so wording, template names, verbs and Teams' limits
 * stay out of the use cases.
 */

/** What one person sees of a request: the same request, a different set of things they may do. */
export interface PermissionView {
  readonly request: PermissionRequest;
  readonly standing: PermissionStanding;
  /** Display names by AAD object id (requester, colleague, decider, whoever withdrew it). */
  readonly names: ReadonlyMap<string, string>;
  /** Everyone who holds a copy of the request's card (each gets their own view). */
  readonly holders: readonly string[];
  /** The role (or "colleague") this viewer decides as, whether or not it is still to decide. */
  readonly decidesAs: string | undefined;
  /** Still waiting, and this viewer decides it. */
  readonly mayDecide: boolean;
  /** A decider on speaking for the School, who may ask for training first. */
  readonly mayRequireTraining: boolean;
  /** Running (or waiting) and the viewer is its requester or a decider; the requester alone while pending. */
  readonly mayWithdraw: boolean;
  /** The requester, with device photos still to confirm deleted. */
  readonly mayConfirmDeletion: boolean;
}

export interface PermissionContext {
  readonly names: ReadonlyMap<string, string>;
  /** The school's date today. */
  readonly today: string;
  readonly holders: readonly string[];
}

export function permissionView(
  p: PermissionRequest,
  viewer: Person,
  context: PermissionContext,
): PermissionView {
  const s = standing(p, context.today);
  const as = decidesAs(p, viewer);
  const isRequester = viewer.aadObjectId === p.requesterId;
  return {
    request: p,
    standing: s,
    names: context.names,
    holders: context.holders,
    decidesAs: as,
    mayDecide: p.status === "pending" && as !== undefined,
    mayRequireTraining: p.kind === "speakingOnBehalf" && as !== undefined,
    mayWithdraw:
      (p.status === "approved" || p.status === "awaitingTraining") && s !== "expired"
        ? as !== undefined || isRequester
        : p.status === "pending" && isRequester,
    mayConfirmDeletion: isRequester && awaitsDeletionConfirmation(p, context.today),
  };
}

/** The request form: the roster to choose a colleague from, and what is already filled in. */
export interface PermissionFormView {
  /** Everyone on the roster (the requester included: the card leaves them out). */
  readonly people: readonly Person[];
  readonly requester: Person;
  /** The school's date today: the first day the period may start. */
  readonly today: string;
  readonly preset: {
    readonly kind?: string;
    readonly colleagueId?: string;
    readonly what?: string;
  };
}

/** What happened to a request, told to its requester as a message of its own beside the card. */
export type PermissionNews =
  /** Someone decided it (refused, approved, approved once training is recorded, consented). */
  | {
      readonly kind: "decided";
      readonly request: PermissionRequest;
      readonly decider: Person;
      readonly standing: PermissionStanding;
    }
  /** A decider withdrew it. */
  | { readonly kind: "withdrawn"; readonly request: PermissionRequest; readonly by: Person }
  /** The training required first is recorded: the approval is in force. */
  | { readonly kind: "inForce"; readonly request: PermissionRequest }
  /** Its last day has passed. */
  | { readonly kind: "expired"; readonly request: PermissionRequest };

/** The cards port of the written permissions register: one method per template or message. */
export interface PermissionCards {
  permissionCard(view: PermissionView): CardMessage;
  permissionForm(view: PermissionFormView): CardMessage;
  permissionNews(news: PermissionNews): CardMessage;
}
