import { reconcilerJobs } from "../../app/decisions";
import { z } from "zod";
import { commaList, defineAction } from "../../bot/actions";
import { mayRecordTraining } from "../../domain/training/trainingRecord";
import { today } from "../../domain/policy/policyVersion";
import { pagedPanel } from "../../http/pagedPanel";
import type { TableRow } from "../../http/tabApiContract";
import { findAll } from "../../store/findAll";
import { anyKind, type Feature } from "../feature";
import { TRAINING_VERBS } from "./cards/trainingVerbs";
import {
  MAX_TRAINEES_AT_ONCE,
  recordTraining,
  TRAINING_EFFECT_KINDS,
  trainingDueList,
} from "./training";
import { trainingOf, trainingRecordKind } from "./trainingRecords";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date");

/** Training records: who, what, when, valid until (the Headteacher's duty in the policy). */
export const trainingFeature: Feature = {
  name: "training",
  recordKinds: [anyKind(trainingRecordKind)],
  verbs: TRAINING_VERBS,
  jobs: (services) =>
    reconcilerJobs(services, "reconcileTrainingEffects", trainingRecordKind, TRAINING_EFFECT_KINDS),
  bot: (services) => ({
    commands: [
      {
        name: "Record training",
        example: "record training",
        description: "Record training someone completed (who, what, when, until when it counts).",
        triggers: [/^record training$/i],
        intent: "recordTraining",
        visibleTo: mayRecordTraining,
        handle: async () => [
          {
            card: services.trainingCards.trainingForm({
              people: await services.directory.all(),
              today: today(services.clock.now(), services.schoolTimeZone),
            }),
          },
        ],
      },
    ],
    actions: [
      defineAction({
        verb: TRAINING_VERBS.record,
        schema: z.object({
          // One person, or several: a multi-select choice sends its values comma-separated;
          // either list may be left empty when the other is not (the use case says if both are).
          personId: z.preprocess(
            (v) => v ?? "",
            commaList(z.string().min(1).max(100), MAX_TRAINEES_AT_ONCE),
          ),
          groups: z.preprocess(
            (v) => v ?? "",
            commaList(z.string().regex(/^[a-z0-9:-]{1,80}$/, "must be a group"), 50),
          ),
          topic: z.string().max(60),
          detail: z.string().max(500).optional().default(""),
          completedOn: day,
          validUntil: day,
        }),
        async handle({ person, data }) {
          const { personId: personIds, groups: groupIds, ...training } = data;
          const result = await recordTraining(services, person, {
            ...training,
            personIds,
            groupIds,
          });
          if (!result.ok) return { kind: "message", text: result.reason };
          return {
            kind: "card",
            card: services.trainingCards.trainingRecorded({
              to: "recorder",
              record: result.value.records[0]!,
              traineeNames: result.value.names,
              inForce: result.value.inForce,
            }),
          };
        },
      }),
    ],
  }),
  panels: [
    pagedPanel({
      info: {
        id: "trainingDue",
        title: "Training due",
        path: "/training/due",
        table: {
          rowKey: "rowId",
          noun: "people due",
          emptyText: "Nobody is due for training.",
          columns: [
            { key: "person", title: "Who" },
            { key: "topic", title: "Training" },
            { key: "why", title: "Why" },
            { key: "validUntil", title: "Counted until", format: "date" },
            { key: "standing", title: "Status" },
          ],
        },
      },
      visibleTo: mayRecordTraining,
      read: trainingDueList,
      row: (r): TableRow => ({ ...r }),
    }),
  ],
  personalData: {
    exported: [anyKind(trainingRecordKind)],
    async collect(services, personId) {
      const recordedByThem = (await findAll(services.store.collection(trainingRecordKind))).filter(
        (r) => r.data.recordedBy === personId && r.data.personId !== personId,
      );
      return {
        trainingRecords: (await trainingOf(services, personId)).map((r) => ({
          topic: r.topic,
          detail: r.detail,
          completedOn: r.completedOn,
          validUntil: r.validUntil,
          recordedAt: r.recordedAt,
        })),
        trainingRecordedForOthers: recordedByThem.map(({ data: r }) => ({
          id: r.id,
          topic: r.topic,
          recordedAt: r.recordedAt,
        })),
      };
    },
  },
  retention: [
    {
      kind: anyKind(trainingRecordKind),
      rule: "Kept while the person is on the roster (the latest record per topic shows whether training is current); the subject access export lists them.",
    },
  ],
};
