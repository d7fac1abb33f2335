import { z } from "zod";
import { mayReportMisuse } from "../../domain/people/permissions";
import { holdersOf, type Person } from "../../domain/people/person";
import {
  decideMediaReply,
  mediaEnquirySubmissionSchema,
  type MediaEnquiry,
  type MediaEnquirySubmission,
} from "../../domain/reports/mediaEnquiry";
import { accept, refuse, type Decision } from "../../domain/result";
import {
  createWithEffects,
  decideWithEffects,
  effect,
  effectJournalFields,
  effectJournalIndex,
  messageEffect,
  type Effect,
} from "../../app/decisions";
import { outboxKind } from "../../outbox/outboxMessage";
import type { CardMessage, RecordKind } from "../../ports";
import type { ReportServices } from "./reportServices";
import { caseAuditKind, counterKind, nextInSequence } from "./caseRecords";

/*
 * Media enquiries: passed on to the Headteacher on a short form, decided on their own card,
 * and an approved reply recorded as a written approval (its own record, so a register of
 * permissions can list and link it). Passing one on and deciding it are each one step with
 * their audit entry, written approval and messages (app/decisions.ts).
 */
const enquirySchema = z.object({
  reference: z.string(),
  staffId: z.string(),
  submission: mediaEnquirySubmissionSchema,
  receivedAt: z.string(),
  handlerIds: z.array(z.string()),
  status: z.enum(["received", "replyApproved", "replyDeclined"]),
  decision: z
    .object({
      by: z.string(),
      at: z.string(),
      approved: z.boolean(),
      words: z.string(),
      writtenApprovalId: z.string().nullable(),
    })
    .nullable(),
  // A decision's effects, on stores without transactions (app/decisions.ts).
  ...effectJournalFields,
}) satisfies z.ZodType<MediaEnquiry>;
export const mediaEnquiryKind: RecordKind<MediaEnquiry> = {
  name: "mediaEnquiries",
  schema: enquirySchema as z.ZodType<MediaEnquiry>,
  indexes: { staffId: "text", status: "text", receivedAt: "text", ...effectJournalIndex },
};

/** The Headteacher's advance written approval for a member of staff to respond, in these words. */
export interface WrittenApproval {
  readonly id: string;
  /** What it approves: a reply to a media enquiry (the only kind so far). */
  readonly kind: "mediaReply";
  readonly reference: string;
  readonly grantedTo: string;
  readonly grantedBy: string;
  readonly grantedAt: string;
  readonly wording: string;
}
const writtenApprovalSchema = z.object({
  id: z.string(),
  kind: z.literal("mediaReply"),
  reference: z.string(),
  grantedTo: z.string(),
  grantedBy: z.string(),
  grantedAt: z.string(),
  wording: z.string(),
}) satisfies z.ZodType<WrittenApproval>;
export const writtenApprovalKind: RecordKind<WrittenApproval> = {
  name: "writtenApprovals",
  schema: writtenApprovalSchema,
  indexes: { kind: "text", reference: "text", grantedTo: "text", grantedAt: "text" },
};

/** What passing on or deciding an enquiry writes besides it: audit, written approval, messages. */
export const MEDIA_EFFECT_KINDS = [
  caseAuditKind,
  writtenApprovalKind,
  outboxKind,
] as unknown as readonly RecordKind<unknown>[];

export async function passOnMediaEnquiry(
  services: ReportServices,
  staff: Person,
  submission: MediaEnquirySubmission,
  scope: string,
): Promise<Decision<CardMessage>> {
  if (scope !== "personal")
    return refuse(
      "MEDIA.NOT_PRIVATE",
      "Please pass media enquiries on in your private chat with me.",
    );
  if (!mayReportMisuse(staff))
    return refuse("MEDIA.ROLE", "Only people on the roster can pass on a media enquiry.");
  const people = await services.directory.all();
  const heads = holdersOf(people, "headteacher");
  if (heads.length === 0)
    return refuse(
      "MEDIA.NO_HANDLER",
      "Nobody on the roster is the Headteacher, so the enquiry cannot be passed on. Please tell the school office.",
    );
  const now = services.clock.now().toISOString();
  const year = now.slice(0, 4);
  const reference = `M-${year}-${String(await nextInSequence(services.store.collection(counterKind), `media-reference:${year}`)).padStart(4, "0")}`;
  const e: MediaEnquiry = {
    reference,
    staffId: staff.aadObjectId,
    submission,
    receivedAt: now,
    handlerIds: heads.map((h) => h.aadObjectId),
    status: "received",
    decision: null,
  };
  const names = new Map(people.map((p) => [p.aadObjectId, p.displayName]));
  await createWithEffects(
    services,
    mediaEnquiryKind,
    reference,
    e,
    [
      effect(caseAuditKind, services.ids.newId(), {
        caseReference: reference,
        at: now,
        by: staff.aadObjectId,
        action: "media enquiry passed on",
      }),
      ...heads.map((h) =>
        messageEffect(services.outbox, {
          key: mediaCardKey(reference, h.aadObjectId),
          recipient: h.aadObjectId,
          purpose: "mediaEnquiry",
          card: services.reportCards.mediaEnquiryCard({
            enquiry: e,
            names,
            timeZone: services.schoolTimeZone,
          }),
        }),
      ),
    ],
    MEDIA_EFFECT_KINDS,
  );
  return accept(services.reportCards.mediaNews({ kind: "passedOn", reference }));
}

function mediaCardKey(reference: string, id: string): string {
  return `media:${reference}:${id}`;
}

const NO_SUCH_ENQUIRY = "There is no media enquiry with that reference that you can see.";

/**
 * The Headteacher decides on a reply. An approval creates the written approval record (the
 * policy's "advanced written approval") with the words approved; both outcomes reach the member
 * of staff in a message of their own and update every Headteacher's card.
 */
export async function decideMediaEnquiry(
  services: ReportServices,
  head: Person,
  reference: string,
  approved: boolean,
  words: string,
): Promise<Decision<CardMessage>> {
  const record = await services.store.collection(mediaEnquiryKind).get(reference);
  // Someone the enquiry was not passed to gets the answer a missing one gets (a reference
  // proves nothing), and the attempt is in the case audit either way.
  if (!record || !record.data.handlerIds.includes(head.aadObjectId)) {
    await services.store.collection(caseAuditKind).create(services.ids.newId(), {
      caseReference: reference.slice(0, 40),
      at: services.clock.now().toISOString(),
      by: head.aadObjectId,
      action: "read refused",
    });
    return refuse("MEDIA.NOT_FOUND", NO_SUCH_ENQUIRY);
  }
  const names = new Map(
    (await services.directory.all()).map((p) => [p.aadObjectId, p.displayName]),
  );
  const cardOf = (e: MediaEnquiry) =>
    services.reportCards.mediaEnquiryCard({ enquiry: e, names, timeZone: services.schoolTimeZone });
  const done = await decideWithEffects(
    services,
    mediaEnquiryKind,
    reference,
    async (current) => {
      const at = services.clock.now().toISOString();
      const approvalId = approved ? services.ids.newId() : null;
      const decided = decideMediaReply(current.data, head, approved, words, at, approvalId);
      if (!decided.ok) return decided;
      const e = decided.value;
      const card = cardOf(e);
      const effects: Effect[] = [
        ...(approvalId
          ? [
              effect(writtenApprovalKind, approvalId, {
                id: approvalId,
                kind: "mediaReply" as const,
                reference,
                grantedTo: e.staffId,
                grantedBy: head.aadObjectId,
                grantedAt: at,
                wording: e.decision!.words,
              }),
            ]
          : []),
        effect(caseAuditKind, services.ids.newId(), {
          caseReference: reference,
          at,
          by: head.aadObjectId,
          action: approved ? `reply approved in writing (${approvalId})` : "reply declined",
        }),
        ...e.handlerIds
          .filter((id) => id !== head.aadObjectId)
          .map((id) =>
            messageEffect(services.outbox, {
              key: `${mediaCardKey(reference, id)}:decided`,
              recipient: id,
              purpose: "mediaEnquiry",
              card,
              replaces: mediaCardKey(reference, id),
            }),
          ),
        messageEffect(services.outbox, {
          key: `mediaDecision:${reference}`,
          recipient: e.staffId,
          purpose: "mediaDecision",
          card: services.reportCards.mediaNews({
            kind: "decided",
            enquiry: e,
            headName: head.displayName,
            timeZone: services.schoolTimeZone,
          }),
        }),
      ];
      return accept({ next: e, effects, result: card });
    },
    {
      notFound: refuse("MEDIA.NOT_FOUND", NO_SUCH_ENQUIRY),
      busy: refuse("MEDIA.BUSY", "The enquiry changed while you were deciding; please try again."),
    },
    MEDIA_EFFECT_KINDS,
  );
  if (!done.ok) return done;
  return accept(done.value.result);
}

/** One written approval, kept as its own record: what was approved, for whom, by whom, when. */
export async function recordWrittenApproval(
  services: ReportServices,
  approval: WrittenApproval,
): Promise<void> {
  await services.store.collection(writtenApprovalKind).create(approval.id, approval);
}
