import { accept, refuse, type Decision } from "../result";
import type { Person } from "../people/person";
import type { Outcome, ReportSubmission } from "./misuseReport";
import type { Routing } from "./routing";

/*
 * A case's life: received → acknowledged → investigating → closed (with an outcome). Only its
 * handlers, and people they explicitly share it with, may read or act on it; the reporter sees
 * their own receipt and the status, never the outcome's details.
 */
export type CaseStatus = "received" | "acknowledged" | "investigating" | "closed";

export interface CaseEvent {
  readonly at: string;
  readonly by: string;
  readonly what: string;
  /** The handler's words (e.g. why a case was shared): kept with the case, never in the audit. */
  readonly note?: string;
}

export interface RemovalRequest {
  readonly id: string;
  readonly memberId: string;
  readonly what: string;
  readonly deadline: string; // ISO instant
  readonly requestedAt: string;
  readonly confirmedAt: string | null;
  readonly escalatedAt: string | null;
}

export interface QuestionToReporter {
  readonly id: string;
  readonly question: string;
  readonly askedAt: string;
  readonly reply: string | null;
  readonly repliedAt: string | null;
}

export interface MisuseCase {
  readonly reference: string;
  readonly reporterId: string;
  readonly submission: ReportSubmission;
  readonly receivedAt: string;
  readonly handlerRole: string;
  readonly handlerIds: readonly string[];
  readonly excludedIds: readonly string[];
  readonly sharedWith: readonly string[];
  readonly status: CaseStatus;
  readonly acknowledgedAt: string | null;
  readonly closedAt: string | null;
  readonly outcome: Outcome | null;
  readonly outcomeNote: string | null;
  readonly questions: readonly QuestionToReporter[];
  readonly removals: readonly RemovalRequest[];
  readonly history: readonly CaseEvent[];
}

/** A case as it is received: routed, with nothing yet done on it. */
export function openCase(fields: {
  readonly reference: string;
  readonly reporterId: string;
  readonly submission: ReportSubmission;
  readonly receivedAt: string;
  readonly routing: Routing;
}): MisuseCase {
  return {
    reference: fields.reference,
    reporterId: fields.reporterId,
    submission: fields.submission,
    receivedAt: fields.receivedAt,
    handlerRole: fields.routing.handlerRole,
    handlerIds: fields.routing.handlers.map((h) => h.aadObjectId),
    excludedIds: fields.routing.excluded,
    sharedWith: [],
    status: "received",
    acknowledgedAt: null,
    closedAt: null,
    outcome: null,
    outcomeNote: null,
    questions: [],
    removals: [],
    history: [{ at: fields.receivedAt, by: fields.reporterId, what: "reported" }],
  };
}

export function mayHandle(person: Person, c: MisuseCase): boolean {
  if (c.excludedIds.includes(person.aadObjectId)) return false;
  return c.handlerIds.includes(person.aadObjectId) || c.sharedWith.includes(person.aadObjectId);
}

type Refusal = "CASE.NOT_YOURS" | "CASE.CLOSED" | "CASE.ALREADY";

function guard(person: Person, c: MisuseCase): Decision<true, Refusal> {
  if (!mayHandle(person, c)) return refuse("CASE.NOT_YOURS", "This case is not one you can see.");
  if (c.status === "closed") return refuse("CASE.CLOSED", `Case ${c.reference} is closed.`);
  return accept(true);
}

const event = (by: Person, at: string, what: string): CaseEvent => ({
  at,
  by: by.aadObjectId,
  what,
});

export function acknowledgeCase(
  c: MisuseCase,
  by: Person,
  at: string,
): Decision<MisuseCase, Refusal> {
  const g = guard(by, c);
  if (!g.ok) return g;
  if (c.status !== "received")
    return refuse("CASE.ALREADY", `Case ${c.reference} was already acknowledged.`);
  return accept({
    ...c,
    status: "acknowledged",
    acknowledgedAt: at,
    history: [...c.history, event(by, at, "acknowledged")],
  });
}

export function startInvestigating(
  c: MisuseCase,
  by: Person,
  at: string,
): Decision<MisuseCase, Refusal> {
  const g = guard(by, c);
  if (!g.ok) return g;
  if (c.status === "investigating")
    return refuse("CASE.ALREADY", `Case ${c.reference} is already being investigated.`);
  return accept({
    ...c,
    status: "investigating",
    acknowledgedAt: c.acknowledgedAt ?? at,
    history: [...c.history, event(by, at, "investigating")],
  });
}

export function closeCase(
  c: MisuseCase,
  by: Person,
  at: string,
  outcome: Outcome,
  note: string,
): Decision<MisuseCase, Refusal> {
  const g = guard(by, c);
  if (!g.ok) return g;
  return accept({
    ...c,
    status: "closed",
    closedAt: at,
    outcome,
    outcomeNote: note,
    acknowledgedAt: c.acknowledgedAt ?? at,
    history: [...c.history, event(by, at, `closed: ${outcome}`)],
  });
}

export function askReporter(
  c: MisuseCase,
  by: Person,
  at: string,
  id: string,
  question: string,
): Decision<MisuseCase, Refusal> {
  const g = guard(by, c);
  if (!g.ok) return g;
  return accept({
    ...c,
    questions: [...c.questions, { id, question, askedAt: at, reply: null, repliedAt: null }],
    history: [...c.history, event(by, at, "asked the reporter a question")],
  });
}

export function replyToQuestion(
  c: MisuseCase,
  reporter: Person,
  at: string,
  questionId: string,
  reply: string,
): Decision<MisuseCase, Refusal | "CASE.NO_QUESTION"> {
  if (reporter.aadObjectId !== c.reporterId)
    return refuse("CASE.NOT_YOURS", "Only the person who made the report can answer this.");
  if (c.status === "closed") return refuse("CASE.CLOSED", `Case ${c.reference} is closed.`);
  const q = c.questions.find((x) => x.id === questionId);
  if (!q) return refuse("CASE.NO_QUESTION", "That question is not part of this case.");
  if (q.reply !== null) return refuse("CASE.ALREADY", "You have already answered this question.");
  return accept({
    ...c,
    questions: c.questions.map((x) => (x.id === questionId ? { ...x, reply, repliedAt: at } : x)),
    history: [...c.history, event(reporter, at, "reporter replied")],
  });
}

export function requestRemoval(
  c: MisuseCase,
  by: Person,
  at: string,
  removal: Omit<RemovalRequest, "requestedAt" | "confirmedAt" | "escalatedAt">,
): Decision<MisuseCase, Refusal | "CASE.BAD_DEADLINE"> {
  const g = guard(by, c);
  if (!g.ok) return g;
  if (removal.deadline <= at)
    return refuse("CASE.BAD_DEADLINE", "The deadline must be in the future.");
  return accept({
    ...c,
    removals: [
      ...c.removals,
      { ...removal, requestedAt: at, confirmedAt: null, escalatedAt: null },
    ],
    history: [...c.history, event(by, at, "asked for a posting to be removed")],
  });
}

export function confirmRemoval(
  c: MisuseCase,
  member: Person,
  at: string,
  removalId: string,
): Decision<MisuseCase, "CASE.NOT_YOURS" | "CASE.ALREADY"> {
  const r = c.removals.find((x) => x.id === removalId);
  if (!r || r.memberId !== member.aadObjectId)
    return refuse("CASE.NOT_YOURS", "This removal request is not addressed to you.");
  if (r.confirmedAt) return refuse("CASE.ALREADY", "You have already confirmed this removal.");
  return accept({
    ...c,
    removals: c.removals.map((x) => (x.id === removalId ? { ...x, confirmedAt: at } : x)),
    history: [...c.history, event(member, at, "confirmed the posting was removed")],
  });
}

type ShareRefusal = Refusal | "CASE.NOT_HANDLER" | "CASE.NOT_ALLOWED";

/**
 * The policy lets only the case's recipient, and those they share it with, read it: so only a
 * handler may share (a reader may not pass it on), and never with someone the case concerns or
 * is kept from, nor with the reporter, who sees their receipt and the status only.
 */
export function shareCase(
  c: MisuseCase,
  by: Person,
  at: string,
  withPerson: Person,
  reason: string,
): Decision<MisuseCase, ShareRefusal> {
  const g = guard(by, c);
  if (!g.ok) return g;
  if (!c.handlerIds.includes(by.aadObjectId))
    return refuse("CASE.NOT_HANDLER", "Only the person the case was sent to can share it.");
  const id = withPerson.aadObjectId;
  if (id === c.reporterId)
    return refuse(
      "CASE.NOT_ALLOWED",
      `${withPerson.displayName} made the report: they are told its status, not given the case.`,
    );
  if (id === c.submission.subjectId)
    return refuse(
      "CASE.NOT_ALLOWED",
      `Case ${c.reference} concerns ${withPerson.displayName}: it cannot be shared with them.`,
    );
  if (c.excludedIds.includes(id))
    return refuse(
      "CASE.NOT_ALLOWED",
      `Case ${c.reference} cannot be shared with ${withPerson.displayName}: they are kept from it.`,
    );
  if (c.handlerIds.includes(id) || c.sharedWith.includes(id))
    return refuse(
      "CASE.ALREADY",
      `${withPerson.displayName} can already read case ${c.reference}.`,
    );
  return accept({
    ...c,
    sharedWith: [...c.sharedWith, id],
    history: [...c.history, { ...event(by, at, `shared with ${id}`), note: reason }],
  });
}

/** Closed cases are kept for the retention period, then only an anonymised count remains. */
export function isDueForPurge(c: MisuseCase, now: Date, retentionDays: number): boolean {
  return (
    c.status === "closed" &&
    c.closedAt !== null &&
    Date.parse(c.closedAt) + retentionDays * 86_400_000 < now.getTime()
  );
}

/**
 * A subject access request: what a case holds about the person, by their part in it. The
 * reporter gets their report and the questions put to them; the person it concerns gets what
 * was reported, never who reported it or the handler's questions; someone only asked to remove
 * a posting gets their removal request and nothing of the report.
 */
export type CaseForSubjectAccess =
  | {
      readonly reference: string;
      readonly role: "reporter" | "subject";
      readonly receivedAt: string;
      readonly status: MisuseCase["status"];
      readonly closedAt: string | null;
      /** Without `subjectId`: an export carries no one else's id (the reporter gets the name instead). */
      readonly submission: Omit<MisuseCase["submission"], "subjectId">;
      /** The reporter's own: whom they named as the subject, to be shown by name. */
      readonly namedSubjectId?: string;
      readonly questions: MisuseCase["questions"];
      readonly removalRequests: readonly OwnRemovalRequest[];
    }
  | {
      readonly reference: string;
      readonly role: "asked to remove a posting";
      readonly removalRequests: readonly OwnRemovalRequest[];
    };

type OwnRemovalRequest = Pick<
  RemovalRequest,
  "what" | "deadline" | "requestedAt" | "confirmedAt" | "escalatedAt"
>;

export function subjectAccessExport(
  personId: string,
  cases: readonly MisuseCase[],
): CaseForSubjectAccess[] {
  return cases.flatMap((c): CaseForSubjectAccess[] => {
    const removalRequests = c.removals
      .filter((r) => r.memberId === personId)
      .map((r) => ({
        what: r.what,
        deadline: r.deadline,
        requestedAt: r.requestedAt,
        confirmedAt: r.confirmedAt,
        escalatedAt: r.escalatedAt,
      }));
    const base = {
      reference: c.reference,
      receivedAt: c.receivedAt,
      status: c.status,
      closedAt: c.closedAt,
    };
    const { subjectId, ...submission } = c.submission;
    if (c.reporterId === personId) {
      return [
        {
          ...base,
          role: "reporter",
          submission,
          ...(subjectId ? { namedSubjectId: subjectId } : {}),
          questions: c.questions,
          removalRequests,
        },
      ];
    }
    if (subjectId === personId)
      return [{ ...base, role: "subject", submission, questions: [], removalRequests }];
    if (removalRequests.length)
      return [{ reference: c.reference, role: "asked to remove a posting", removalRequests }];
    return [];
  });
}
