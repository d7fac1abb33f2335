import { z } from "zod";
import type { AppServices } from "../../app/services";
import { defineAction, type ActionOutcome } from "../../bot/actions";
import type { CommandHandler } from "../../bot/commands";
import {
  PERMISSION_KIND_NAMES,
  PERMISSION_KINDS,
  SUBJECT_TYPES,
  type NewPermission,
  type PermissionKind,
  type PermissionSubject,
} from "../../domain/permissions/writtenPermission";
import { hasRole } from "../../domain/people/person";
import type { Decision } from "../../domain/result";
import type { CardMessage } from "../../ports";
import type { FeatureBot } from "../feature";
import { PERMISSION_VERBS } from "./cards/permissionVerbs";
import {
  confirmPhotosDeleted,
  decideOnPermission,
  myPermissions,
  permissionCardFor,
  permissionForm,
  requestPermission,
  withdrawPermission,
} from "./writtenPermissions";

/*
 * The register in chat: `ask permission` opens the request card; `my permissions` lists each
 * request with its status; deciders (and a colleague asked for consent) decide on their card.
 * Card data carries the request id and revision only: everything else is re-read and checked.
 */
const requestId = z.string().regex(/^WP-[A-Za-z0-9-]{1,12}$/, "is not a permission request id");
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date");
const text = (max: number) => z.string().max(max).optional().default("");

const requestSchema = z.object({
  kind: z.enum(PERMISSION_KIND_NAMES as [PermissionKind, ...PermissionKind[]]),
  what: z.string().trim().min(1, "say what it is for").max(1000),
  where: z.string().trim().min(1, "say where").max(300),
  from: day,
  until: day,
  subjectType: z.enum(SUBJECT_TYPES).optional(),
  colleagueId: text(100),
  givenBy: text(200),
  evidence: text(500),
});
const decideSchema = z.object({
  requestId,
  revision: z.coerce.number().int().min(1),
  approveReason: text(1000),
  refuseReason: text(1000),
  trainingRequired: text(60),
});
const withdrawSchema = z.object({ requestId, withdrawReason: text(1000) });
const confirmSchema = z.object({ requestId });

function toRequest(d: z.infer<typeof requestSchema>): NewPermission {
  let subject: PermissionSubject | null = null;
  if (d.kind === "relatedPerson") {
    const type = d.subjectType ?? "colleague";
    subject =
      type === "colleague"
        ? { type, colleagueId: d.colleagueId.trim() }
        : { type, givenBy: d.givenBy, evidence: d.evidence };
  }
  return { kind: d.kind, what: d.what, where: d.where, from: d.from, until: d.until, subject };
}

function outcome(result: Decision<CardMessage>): ActionOutcome {
  return result.ok
    ? { kind: "card", card: result.value }
    : { kind: "message", text: result.reason };
}

export function permissionBot(services: AppServices): FeatureBot {
  const commands: CommandHandler[] = [
    {
      name: "Ask for written permission",
      example: "ask permission",
      description:
        "Ask for the written permission the policy needs (a colleague's consent, the logo, your own device, speaking for the School, a comment to the press).",
      triggers: [/^(?:ask(?: for)?|request) (?:written )?permission$/i, /^permission request$/i],
      intent: "askPermission",
      startTitle: "Ask for permission",
      visibleTo: (p) => hasRole(p, "staff"),
      handle: async ({ person }) => [{ card: await permissionForm(services, person) }],
    },
    {
      name: "My written permissions",
      example: "my permissions",
      description: "See each written permission you asked for and where it stands.",
      triggers: [/^(?:my )?(?:written )?permissions$/i],
      intent: "myPermissions",
      visibleTo: (p) => hasRole(p, "staff"),
      async handle({ person }) {
        const mine = await myPermissions(services, person);
        if (mine.length === 0)
          return [
            {
              text: "You have not asked for any written permission. Type ask permission to ask for one.",
            },
          ];
        const shown = mine.slice(0, 5);
        const cards = [];
        for (const m of shown) {
          const card = await permissionCardFor(services, person, m.request.id);
          if (card.ok) cards.push({ card: card.value });
        }
        const lines = mine.map(
          (m) =>
            `- ${PERMISSION_KINDS[m.request.kind].title}: "${m.request.what.slice(0, 80)}" (${m.request.from} to ${m.request.until}): ${m.standing}`,
        );
        return [{ text: `Your written permissions:\n\n${lines.join("\n")}` }, ...cards];
      },
    },
  ];
  const actions = [
    defineAction({
      verb: PERMISSION_VERBS.request,
      schema: requestSchema,
      async handle({ person, data }) {
        const result = await requestPermission(services, person, toRequest(data));
        return result.ok
          ? { kind: "card", card: result.value.card }
          : { kind: "message", text: result.reason };
      },
    }),
    defineAction({
      verb: PERMISSION_VERBS.approve,
      schema: decideSchema,
      handle: async ({ person, data }) =>
        outcome(
          await decideOnPermission(services, person, data.requestId, {
            approve: true,
            reason: data.approveReason,
            trainingRequired: data.trainingRequired,
            revision: data.revision,
          }),
        ),
    }),
    defineAction({
      verb: PERMISSION_VERBS.refuse,
      schema: decideSchema,
      handle: async ({ person, data }) =>
        outcome(
          await decideOnPermission(services, person, data.requestId, {
            approve: false,
            reason: data.refuseReason,
            trainingRequired: "",
            revision: data.revision,
          }),
        ),
    }),
    defineAction({
      verb: PERMISSION_VERBS.withdraw,
      schema: withdrawSchema,
      handle: async ({ person, data }) =>
        outcome(await withdrawPermission(services, person, data.requestId, data.withdrawReason)),
    }),
    defineAction({
      verb: PERMISSION_VERBS.confirmDeletion,
      schema: confirmSchema,
      handle: async ({ person, data }) =>
        outcome(await confirmPhotosDeleted(services, person, data.requestId)),
    }),
  ];
  return { commands, actions };
}
