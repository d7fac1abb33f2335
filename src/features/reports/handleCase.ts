import {
  acknowledgeCase,
  askReporter,
  closeCase,
  confirmRemoval,
  mayHandle,
  replyToQuestion,
  requestRemoval,
  shareCase,
  startInvestigating,
  type MisuseCase,
} from "../../domain/reports/misuseCase";
import type { Outcome } from "../../domain/reports/misuseReport";
import { personWithEmail, type Person } from "../../domain/people/person";
import { accept, refuse, type Decision } from "../../domain/result";
import type { CardMessage, RecordKind } from "../../ports";
import { outboxKind } from "../../outbox/outboxMessage";
import { decideWithEffects, effect, type Effect, messageEffect } from "../../app/decisions";
import { displayNames } from "../../app/displayNames";
import type { ReportServices } from "./reportServices";
import { hasCurrentTrainingOn } from "../training/trainingRecords";
import { CASE_HANDLING_TOPIC } from "../../domain/training/trainingRecord";
import { caseAuditKind, misuseCaseKind } from "./caseRecords";
import { caseView, type CaseContext, type CaseView } from "./reportViews";
import { caseCardKey } from "./reportMisuse";

/*
 * Every change to a case: re-read it, let the domain decide (who may, in which state), and save it
 * by compare-and-set (a conflict re-reads and decides again) in one step with its audit entry and
 * the outbox messages that tell the people concerned (app/decisions.ts). The card that was
 * clicked is never trusted.
 */
export type CaseAction =
  | { readonly kind: "acknowledge" }
  | { readonly kind: "investigate" }
  | { readonly kind: "close"; readonly outcome: Outcome; readonly note: string }
  | { readonly kind: "ask"; readonly question: string }
  | {
      readonly kind: "removal";
      readonly memberId: string;
      readonly what: string;
      readonly deadline: string;
    };

async function caseContext(services: ReportServices, c: MisuseCase): Promise<CaseContext> {
  const names = await displayNames(services);
  const subject = c.submission.subjectId ? names.get(c.submission.subjectId) : undefined;
  return {
    reporter: names.get(c.reporterId) ?? "A former member of staff",
    subject: subject ?? "",
    names,
    timeZone: services.schoolTimeZone,
  };
}

/** Everyone who may read the case: its handlers and those they shared it with, never the excluded. */
function readersOf(c: MisuseCase): string[] {
  return [...new Set([...c.handlerIds, ...c.sharedWith])].filter(
    (id) => !c.excludedIds.includes(id),
  );
}

export const CASE_EFFECT_KINDS = [
  caseAuditKind,
  outboxKind,
] as unknown as readonly RecordKind<unknown>[];

async function audit(
  services: ReportServices,
  reference: string,
  by: string,
  action: string,
): Promise<void> {
  await services.store.collection(caseAuditKind).create(services.ids.newId(), {
    caseReference: reference,
    at: services.clock.now().toISOString(),
    by,
    action,
  });
}

const NO_SUCH_CASE = "There is no case with that reference that you can see.";

/**
 * Someone with no part in a case gets the answer a missing case gets (so a reference proves
 * nothing), and the attempt is audited either way.
 */
async function refusedRead(
  services: ReportServices,
  person: Person,
  reference: string,
): Promise<Decision<never, "CASE.NOT_FOUND">> {
  await audit(services, reference.slice(0, 40), person.aadObjectId, "read refused");
  return refuse("CASE.NOT_FOUND", NO_SUCH_CASE);
}

/** Reading a case is itself audited; anyone else is refused the same way as a missing case. */
export async function readCase(
  services: ReportServices,
  person: Person,
  reference: string,
): Promise<Decision<MisuseCase, "CASE.NOT_FOUND">> {
  const record = await services.store.collection(misuseCaseKind).get(reference);
  if (!record || !mayHandle(person, record.data)) return refusedRead(services, person, reference);
  await audit(services, reference, person.aadObjectId, "read");
  return accept(record.data);
}

async function change(
  services: ReportServices,
  person: Person,
  reference: string,
  decide: (c: MisuseCase, at: string) => Decision<MisuseCase>,
  effectsOf: (before: MisuseCase, after: MisuseCase) => Promise<Effect[]>,
): Promise<Decision<{ before: MisuseCase; after: MisuseCase }>> {
  const notFound = refuse("CASE.NOT_FOUND", NO_SUCH_CASE);
  const done = await decideWithEffects(
    services,
    misuseCaseKind,
    reference,
    async (record) => {
      const decided = decide(record.data, services.clock.now().toISOString());
      // "Not yours" is the domain's word for no part in the case: answered as if it did not exist.
      if (!decided.ok)
        return decided.code === "CASE.NOT_YOURS"
          ? refusedRead(services, person, reference)
          : decided;
      const at = services.clock.now().toISOString();
      const audited = effect(caseAuditKind, services.ids.newId(), {
        caseReference: reference,
        at,
        by: person.aadObjectId,
        action: decided.value.history.at(-1)?.what ?? "changed",
      });
      return accept({
        next: decided.value,
        effects: [audited, ...(await effectsOf(record.data, decided.value))],
        result: undefined,
      });
    },
    {
      notFound,
      busy: refuse("CASE.BUSY", "The case changed while you were updating it; please try again."),
    },
    CASE_EFFECT_KINDS,
  );
  if (done === notFound) return refusedRead(services, person, reference);
  if (!done.ok) return done;
  return accept({ before: done.value.before, after: done.value.saved.data });
}

/**
 * Brings every reader's copy of the case card up to date. The clicker is left out: the card they
 * clicked is replaced by the one returned to them, and a second update moments later would
 * collapse a form they had just opened on it. A new reader gets their first card.
 */
async function handlerCardUpdates(
  services: ReportServices,
  c: MisuseCase,
  viewerId: string,
  newReader?: string,
): Promise<Effect[]> {
  const context = await caseContext(services, c);
  const revision = c.history.length;
  return readersOf(c)
    .filter((id) => id !== viewerId)
    .map((id) => {
      const card = services.reportCards.caseCard(caseView(c, id, context));
      return messageEffect(
        services.outbox,
        id === newReader
          ? { key: caseCardKey(c.reference, id), recipient: id, purpose: "caseShared", card }
          : {
              key: `${caseCardKey(c.reference, id)}:r${revision}`,
              recipient: id,
              purpose: "caseUpdate",
              card,
              replaces: caseCardKey(c.reference, id),
            },
      );
    });
}

async function viewerView(
  services: ReportServices,
  c: MisuseCase,
  viewerId: string,
): Promise<CaseView> {
  return caseView(c, viewerId, await caseContext(services, c));
}

export async function actOnCase(
  services: ReportServices,
  person: Person,
  reference: string,
  action: CaseAction,
): Promise<Decision<CardMessage>> {
  const result = await change(
    services,
    person,
    reference,
    (c, at) => {
      switch (action.kind) {
        case "acknowledge":
          return acknowledgeCase(c, person, at);
        case "investigate":
          return startInvestigating(c, person, at);
        case "close":
          return closeCase(c, person, at, action.outcome, action.note);
        case "ask":
          return askReporter(c, person, at, services.ids.newId(), action.question);
        case "removal":
          return requestRemoval(c, person, at, {
            id: services.ids.newId(),
            memberId: action.memberId,
            what: action.what,
            deadline: action.deadline,
          });
      }
    },
    async (before, after) => {
      const effects: Effect[] = [];
      if (before.status !== after.status) {
        // The reporter hears that the status changed, never the outcome's details.
        effects.push(
          messageEffect(services.outbox, {
            key: `caseStatus:${after.reference}:${after.status}`,
            recipient: after.reporterId,
            purpose: "caseStatus",
            card: services.reportCards.caseNews({ kind: "statusChanged", case: after }),
          }),
        );
      }
      if (action.kind === "ask") {
        const q = after.questions.at(-1)!;
        effects.push(
          messageEffect(services.outbox, {
            key: `caseQuestion:${after.reference}:${q.id}`,
            recipient: after.reporterId,
            purpose: "caseQuestion",
            card: services.reportCards.reporterQuestion({
              reference: after.reference,
              questionId: q.id,
              question: q.question,
            }),
          }),
        );
      }
      if (action.kind === "removal") {
        const r = after.removals.at(-1)!;
        effects.push(
          messageEffect(services.outbox, {
            key: removalKey(after.reference, r.id),
            recipient: r.memberId,
            purpose: "removalRequest",
            card: services.reportCards.removalRequest({
              reference: after.reference,
              removal: r,
              timeZone: services.schoolTimeZone,
            }),
          }),
        );
      }
      return [...effects, ...(await handlerCardUpdates(services, after, person.aadObjectId))];
    },
  );
  if (!result.ok) return result;
  return accept(
    services.reportCards.caseCard(
      await viewerView(services, result.value.after, person.aadObjectId),
    ),
  );
}

/**
 * A handler shares the case with one named colleague (found by email on the roster): they get
 * the case card, and so can read and act on it; every reader's card shows who it is shared with.
 */
export async function shareCaseWith(
  services: ReportServices,
  person: Person,
  reference: string,
  withWhom: { readonly id: string } | { readonly email: string },
  reason: string,
): Promise<Decision<CardMessage>> {
  const withPerson =
    "id" in withWhom
      ? await services.directory.find(withWhom.id)
      : personWithEmail(await services.directory.all(), withWhom.email);
  if (!withPerson)
    return refuse(
      "CASE.UNKNOWN_PERSON",
      `${"id" in withWhom ? "That person" : withWhom.email} is not on the staff roster, so the case was not shared.`,
    );
  const result = await change(
    services,
    person,
    reference,
    (c, at) => shareCase(c, person, at, withPerson, reason),
    (_before, after) =>
      handlerCardUpdates(services, after, person.aadObjectId, withPerson.aadObjectId),
  );
  if (!result.ok) return result;
  const view = await viewerView(services, result.value.after, person.aadObjectId);
  // "…receives regular and appropriate training": the sharer is told when the colleague has none.
  const trained = await hasCurrentTrainingOn(services, withPerson.aadObjectId, CASE_HANDLING_TOPIC);
  return accept(
    services.reportCards.caseCard(
      trained ? view : { ...view, untrainedColleague: withPerson.displayName },
    ),
  );
}

export function removalKey(reference: string, removalId: string): string {
  return `removal:${reference}:${removalId}`;
}

export async function answerQuestion(
  services: ReportServices,
  reporter: Person,
  reference: string,
  questionId: string,
  reply: string,
): Promise<Decision<CardMessage>> {
  const result = await change(
    services,
    reporter,
    reference,
    (c, at) => replyToQuestion(c, reporter, at, questionId, reply),
    (_before, after) => handlerCardUpdates(services, after, reporter.aadObjectId),
  );
  if (!result.ok)
    return result.code === "CASE.NOT_FOUND"
      ? refuse("CASE.NOT_FOUND", "Only the person who made the report can answer this.")
      : result;
  return accept(services.reportCards.caseNews({ kind: "answerAdded", reference }));
}

export async function confirmPostingRemoved(
  services: ReportServices,
  member: Person,
  reference: string,
  removalId: string,
): Promise<Decision<CardMessage>> {
  const result = await change(
    services,
    member,
    reference,
    (c, at) => confirmRemoval(c, member, at, removalId),
    async (_before, after) => {
      const r = after.removals.find((x) => x.id === removalId)!;
      // News, not only an edited card: every reader of the case hears it in a message of its own.
      const news = readersOf(after).map((id) =>
        messageEffect(services.outbox, {
          key: `removalConfirmed:${after.reference}:${r.id}:${id}`,
          recipient: id,
          purpose: "removalConfirmed",
          card: services.reportCards.caseNews({
            kind: "removalConfirmed",
            reference: after.reference,
            memberName: member.displayName,
            removal: r,
            timeZone: services.schoolTimeZone,
          }),
        }),
      );
      return [...(await handlerCardUpdates(services, after, member.aadObjectId)), ...news];
    },
  );
  if (!result.ok)
    return result.code === "CASE.NOT_FOUND"
      ? refuse("CASE.NOT_YOURS", "This removal request is not addressed to you.")
      : result;
  const after = result.value.after;
  const r = after.removals.find((x) => x.id === removalId)!;
  return accept(
    services.reportCards.removalRequest({
      reference: after.reference,
      removal: r,
      timeZone: services.schoolTimeZone,
      answered: true,
    }),
  );
}
