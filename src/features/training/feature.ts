import { anyKind, type Feature } from "../feature";
import { trainingOf, trainingRecordKind } from "./trainingRecords";

/** Training records: who, what, when, valid until (the Headteacher's duty in the policy). */
export const trainingFeature: Feature = {
  name: "training",
  recordKinds: [anyKind(trainingRecordKind)],
  verbs: {},
  personalData: {
    exported: [anyKind(trainingRecordKind)],
    async collect(services, personId) {
      return {
        trainingRecords: (await trainingOf(services, personId)).map((r) => ({ topic: r.topic, detail: r.detail, completedOn: r.completedOn, validUntil: r.validUntil, recordedAt: r.recordedAt })),
      };
    },
  },
  retention: [{ kind: anyKind(trainingRecordKind), rule: "Kept while the person is on the roster; the latest record per topic shows whether training is current." }],
};
