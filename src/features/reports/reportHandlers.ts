import { DateTime } from "luxon";
import { z } from "zod";
import { CASE_VERBS, MEDIA_VERBS } from "./cards/reportVerbs";
import { actOnCase, answerQuestion, confirmPostingRemoved, shareCaseWith } from "./handleCase";
import { decideMediaEnquiry, passOnMediaEnquiry } from "./mediaEnquiries";
import { reportMisuse } from "./reportMisuse";
import { mediaEnquirySubmissionSchema } from "../../domain/reports/mediaEnquiry";
import type { ReportServices } from "./reportServices";
import { mayReportMisuse } from "../../domain/people/permissions";
import { personWithEmail } from "../../domain/people/person";
import { OUTCOMES, reportSubmissionSchema } from "../../domain/reports/misuseReport";
import { cardOrRefusal, commaList, defineAction, type ActionOutcome } from "../../bot/actions";
import type { CommandHandler } from "../../bot/commands";
import type { FeatureBot } from "../feature";

/*
 * Misuse reports in chat: `report` (or `media enquiry`) opens the confidential form; the
 * handler works the case on its card; the reporter answers questions; a member confirms a
 * removal. Every verb's data is validated and every action re-checked against the case.
 */
const caseId = z.string().regex(/^R-\d{4}-\d{4,6}$/, "is not a case reference");

/** Card inputs arrive as strings: "a,b" for multi-selects, "true"/"false" for toggles. */
const list = commaList(z.string());
const submitSchema = z
  .object({
    kind: z.string(),
    // Transport bounds only: the domain refuses over its limits with a sentence that says them.
    whatWasSeen: z.string().max(20_000),
    where: z.string().max(20_000),
    when: z.string().max(20_000),
    concerns: list,
    subjectId: z.string().max(100).optional(),
    rules: list.optional(),
    urgent: z.preprocess((v) => v === true || v === "true", z.boolean()).optional(),
    evidence: z.string().max(20_000).optional(),
  })
  .transform((d, ctx) => {
    const parsed = reportSubmissionSchema.safeParse({ ...d, subjectId: d.subjectId || undefined });
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
      return z.NEVER;
    }
    return parsed.data;
  });

const message = (text: string): ActionOutcome => ({ kind: "message", text });

/** A card result or a refusal, as every case verb answers. */
const toOutcome = cardOrRefusal;

export function reportFeature(services: ReportServices): FeatureBot {
  const form =
    (kind: "misuse" | "mediaEnquiry"): CommandHandler["handle"] =>
    async ({ scope, told }) => {
      if (scope !== "personal")
        return [
          {
            text: "Reports are confidential: please open a private chat with me and type report there.",
          },
        ];
      return [{ card: services.reportCards.reportForm({ kind, ...(told ? { told } : {}) }) }];
    };
  const commands: CommandHandler[] = [
    {
      name: "Report misuse",
      example: "report",
      description:
        "Report social media misuse, or content that disparages the school, in confidence to the Headteacher.",
      triggers: [/^report(?: misuse| a concern| something)?$/i],
      intent: "report",
      private: true,
      startTitle: "Start a report",
      visibleTo: mayReportMisuse,
      handle: form("misuse"),
    },
    {
      name: "Media enquiry",
      example: "media enquiry",
      description: "Pass on a journalist's or other media enquiry to the Headteacher.",
      triggers: [/^(?:media|press|journalist) (?:enquiry|inquiry|call)$/i],
      intent: "mediaEnquiry",
      private: true,
      startTitle: "Pass on a media enquiry",
      visibleTo: mayReportMisuse,
      handle: async ({ scope, told }) =>
        scope === "personal"
          ? [{ card: services.reportCards.mediaEnquiryForm(told ? { told } : {}) }]
          : [
              {
                text: "Media enquiries go to the Headteacher in confidence: please open a private chat with me and type media enquiry there.",
              },
            ],
    },
  ];

  const mediaId = z.object({
    enquiryId: z.string().regex(/^M-\d{4}-\d{4,6}$/, "is not a media enquiry reference"),
  });
  const actions = [
    defineAction({
      verb: MEDIA_VERBS.submit,
      schema: z
        .object({
          caller: z.string().max(20_000),
          outlet: z.string().max(20_000),
          question: z.string().max(20_000),
          deadline: z.string().max(20).optional(),
        })
        .pipe(mediaEnquirySubmissionSchema),
      handle: async ({ person, data }) =>
        toOutcome(await passOnMediaEnquiry(services, person, data, "personal")),
    }),
    defineAction({
      verb: MEDIA_VERBS.approve,
      schema: mediaId.extend({
        approvedWords: z.string().max(2000, "must be at most 2,000 characters").default(""),
      }),
      handle: async ({ person, data }) =>
        toOutcome(
          await decideMediaEnquiry(services, person, data.enquiryId, true, data.approvedWords),
        ),
    }),
    defineAction({
      verb: MEDIA_VERBS.decline,
      schema: mediaId.extend({
        declineReason: z.string().max(2000, "must be at most 2,000 characters").default(""),
      }),
      handle: async ({ person, data }) =>
        toOutcome(
          await decideMediaEnquiry(services, person, data.enquiryId, false, data.declineReason),
        ),
    }),
    defineAction({
      verb: CASE_VERBS.submit,
      schema: submitSchema,
      async handle({ person, data, scope }) {
        // The bot refuses it outside a private chat; the use case checks again.
        const result = await reportMisuse(services, person, data, scope);
        return result.ok ? { kind: "card", card: result.value.receipt } : message(result.reason);
      },
    }),
    defineAction({
      verb: CASE_VERBS.acknowledge,
      schema: z.object({ caseId }),
      async handle({ person, data }) {
        return toOutcome(await actOnCase(services, person, data.caseId, { kind: "acknowledge" }));
      },
    }),
    defineAction({
      verb: CASE_VERBS.investigate,
      schema: z.object({ caseId }),
      async handle({ person, data }) {
        return toOutcome(await actOnCase(services, person, data.caseId, { kind: "investigate" }));
      },
    }),
    defineAction({
      verb: CASE_VERBS.ask,
      schema: z.object({
        caseId,
        question: z.string().trim().min(3, "write the question").max(1000),
      }),
      async handle({ person, data }) {
        return toOutcome(
          await actOnCase(services, person, data.caseId, { kind: "ask", question: data.question }),
        );
      },
    }),
    defineAction({
      verb: CASE_VERBS.removal,
      // The colleague is chosen from the case's own people (memberId) or, where it names nobody, by email.
      schema: z
        .object({
          caseId,
          memberId: z.string().max(100).optional(),
          memberEmail: z.email("is not an email address").max(200).optional(),
          what: z
            .string()
            .trim()
            .min(3, "say what should be removed")
            .max(500, "must be at most 500 characters"),
          deadline: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "choose a date"),
        })
        .refine((d) => d.memberId || d.memberEmail, {
          message: "Choose the colleague to ask.",
          path: ["memberId"],
        }),
      async handle({ person, data }) {
        const roster = await services.directory.all();
        const member = data.memberId
          ? roster.find((p) => p.aadObjectId === data.memberId)
          : personWithEmail(roster, data.memberEmail ?? "");
        if (!member)
          return message(`${data.memberEmail ?? "That colleague"} is not on the staff roster.`);
        const deadline = DateTime.fromISO(data.deadline, { zone: services.schoolTimeZone })
          .endOf("day")
          .toUTC()
          .toISO()!;
        return toOutcome(
          await actOnCase(services, person, data.caseId, {
            kind: "removal",
            memberId: member.aadObjectId,
            what: data.what,
            deadline,
          }),
        );
      },
    }),
    defineAction({
      verb: CASE_VERBS.close,
      schema: z.object({
        caseId,
        outcome: z.enum(Object.keys(OUTCOMES) as [keyof typeof OUTCOMES]),
        note: z.string().max(2000).optional(),
      }),
      async handle({ person, data }) {
        return toOutcome(
          await actOnCase(services, person, data.caseId, {
            kind: "close",
            outcome: data.outcome,
            note: data.note ?? "",
          }),
        );
      },
    }),
    defineAction({
      verb: CASE_VERBS.share,
      // The card's people picker sends `personId`; an email address is still taken (API clients).
      schema: z
        .object({
          caseId,
          personId: z.string().trim().min(1).max(100).optional(),
          email: z.email("is not an email address").max(200).optional(),
          reason: z.string().trim().min(3, "say why they need to see it").max(300),
        })
        .refine((d) => d.personId !== undefined || d.email !== undefined, {
          message: "Choose the person to share it with.",
          path: ["personId"],
        }),
      async handle({ person, data }) {
        const withWhom = data.personId ? { id: data.personId } : { email: data.email! };
        return toOutcome(await shareCaseWith(services, person, data.caseId, withWhom, data.reason));
      },
    }),
    defineAction({
      verb: CASE_VERBS.reply,
      schema: z.object({
        caseId,
        questionId: z.string().min(1).max(100),
        reply: z.string().trim().min(1, "write your answer").max(4000),
      }),
      async handle({ person, data }) {
        return toOutcome(
          await answerQuestion(services, person, data.caseId, data.questionId, data.reply),
        );
      },
    }),
    defineAction({
      verb: CASE_VERBS.confirmRemoval,
      schema: z.object({ caseId, removalId: z.string().min(1).max(100) }),
      async handle({ person, data }) {
        return toOutcome(
          await confirmPostingRemoved(services, person, data.caseId, data.removalId),
        );
      },
    }),
  ];
  return { commands, actions };
}
