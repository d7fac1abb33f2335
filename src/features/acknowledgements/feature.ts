import { policyReviewKind, policyVersionKind } from "../../app/policy/policyRecords";
import { findAll } from "../../store/findAll";
import { anyKind, type Feature } from "../feature";
import { acknowledgementKind } from "./acknowledgementRecords";
import { acknowledgementJobs } from "./acknowledgementSchedule";
import { acknowledgementsDashboard } from "./dashboardRoutes";
import { POLICY_VERBS } from "./cards/policyVerbs";
import { policyFeature } from "./policyHandlers";

/**
 * Policy versions and their acknowledgement: a version is published with its notice period,
 * every member of staff is told and reminded until they acknowledge it, the owner reviews it
 * every year. (The versions themselves are read by every capability through
 * `services.policyVersions`.) The dashboard's figures, staff list, export and reminders are its
 * tab routes.
 */
export const acknowledgementsFeature: Feature = {
  name: "acknowledgements",
  recordKinds: [
    anyKind(policyVersionKind),
    anyKind(policyReviewKind),
    anyKind(acknowledgementKind),
  ],
  verbs: POLICY_VERBS,
  bot: policyFeature,
  jobs: (services) => acknowledgementJobs(services),
  tabRoutes: acknowledgementsDashboard,
  personalData: {
    exported: [anyKind(acknowledgementKind), anyKind(policyVersionKind), anyKind(policyReviewKind)],
    async collect(services, personId) {
      const { store } = services;
      const acknowledgements = (
        await findAll(store.collection(acknowledgementKind), { where: { aadObjectId: personId } })
      ).map(({ data: a }) => ({
        version: a.version,
        acknowledgedAt: a.acknowledgedAt,
        channel: a.channel,
      }));
      const policyVersionsPublished = (await findAll(store.collection(policyVersionKind)))
        .filter(({ data: v }) => v.publishedBy === personId)
        .map(({ data: v }) => ({
          label: v.label,
          publishedAt: v.publishedAt,
          effectiveFrom: v.effectiveFrom,
        }));
      const policyReviewsRecorded = (await findAll(store.collection(policyReviewKind)))
        .filter(({ data: r }) => r.reviewedBy === personId)
        .map(({ data: r }) => ({
          version: r.version,
          reviewedAt: r.reviewedAt,
          nextReview: r.nextReview,
        }));
      return { acknowledgements, policyVersionsPublished, policyReviewsRecorded };
    },
  },
  retention: [
    {
      kind: anyKind(policyVersionKind),
      rule: "Every published version is kept: it is the record of what staff were asked to follow.",
    },
    { kind: anyKind(policyReviewKind), rule: "Kept with the versions." },
    {
      kind: anyKind(acknowledgementKind),
      rule: "Kept like the versions and the roster: the evidence that a person acknowledged a version.",
    },
  ],
};
