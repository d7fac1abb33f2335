import { checkNotice, earliestEffectiveDate } from "../../domain/policy/noticeRule";
import {
  isUnchanged,
  summariseChanges,
  type ChangeSummary,
} from "../../domain/policy/changeSummary";
import type { PolicyDocument } from "../../domain/policy/policyDocument";
import { carryOverIds } from "../../domain/policy/stableIds";
import { reviewDateFor } from "../../domain/policy/annualReview";
import type { PolicyVersion } from "../../domain/policy/policyVersion";
import { Leases } from "../../store/leases";
import { mayPublishPolicyVersion } from "../../domain/people/permissions";
import type { Person } from "../../domain/people/person";
import { accept, refuse, type Decision } from "../../domain/result";
import type { CardMessage } from "../../ports";
import { noticeCampaign, noticeKey } from "./acknowledgementRecords";
import type { AcknowledgementServices } from "./acknowledgementServices";
import { approvalToPublish, type GovernorsApproval } from "../../domain/policy/governorsApproval";
import { draftDocument, policyDraftKind } from "../governorsApproval/draftRecords";

/*
 * The policy owner (or the Headteacher) publishes a new version: checked for the month's
 * notice, compared with the version in force, saved, and every member of staff is notified
 * through the outbox. If anything is wrong, nothing is saved and the current version stays.
 */
export interface PublishRequest {
  readonly label: string;
  readonly effectiveFrom: string;
  readonly summary: string;
  /** Parsed text of the new version (Markdown or Word, already converted). */
  readonly document: PolicyDocument;
  /** Set by publishing from the recorded approval of the draft; callers cannot supply it. */
  readonly approval?: GovernorsApproval;
}

export type PublishRefusal =
  | "PUBLISH.ROLE"
  | "PUBLISH.LABEL_TAKEN"
  | "PUBLISH.NOTICE"
  | "PUBLISH.UPCOMING_EXISTS"
  | "PUBLISH.UNCHANGED"
  | "PUBLISH.BAD_LABEL"
  | "PUBLISH.BUSY"
  | "PUBLISH.NOT_APPROVED"
  | "PUBLISH.ALREADY_PUBLISHED";

const PUBLISH_LEASE = "policy:publish";

/** The text as it will be published: the new label and dates, section ids carried over from the version in force. */
export function preparedDocument(
  request: PublishRequest,
  current: PolicyDocument | undefined,
): PolicyDocument {
  const {
    nextReviewLabel: _inherited,
    approvedBy: _by,
    approvedOn: _on,
    ...meta
  } = request.document.meta;
  const nextReview = reviewDateFor(request.effectiveFrom, meta.nextReview);
  return carryOverIds(
    {
      ...request.document,
      meta: {
        ...meta,
        version: request.label,
        effectiveFrom: request.effectiveFrom,
        summary: request.summary,
        nextReview,
        // A label like "Summer 2026" only holds for the date it was written with.
        ...(nextReview === meta.nextReview && request.document.meta.nextReviewLabel
          ? { nextReviewLabel: request.document.meta.nextReviewLabel }
          : {}),
        // The front page says who approved it: only ever the recorded approval, never the file's own claim.
        ...(request.approval
          ? {
              approvedBy: `${request.approval.body} (${request.approval.meeting})`,
              approvedOn: request.approval.date,
            }
          : {}),
      },
    },
    current,
  );
}

async function saveVersion(
  services: AcknowledgementServices,
  actor: Person,
  request: PublishRequest,
  now: Date,
): Promise<
  Decision<
    { version: PolicyVersion; current?: PolicyVersion; changes: ChangeSummary },
    PublishRefusal
  >
> {
  const versions = services.policyVersions;
  versions.forget();
  if (await versions.get(request.label))
    return refuse("PUBLISH.LABEL_TAKEN", `Version ${request.label} has already been published.`);
  const upcoming = await versions.upcoming(now);
  if (upcoming) {
    return refuse(
      "PUBLISH.UPCOMING_EXISTS",
      `Version ${upcoming.label} is already waiting to take effect on ${upcoming.effectiveFrom}. Only one change can be pending at a time.`,
    );
  }
  const current = await versions.inForce(now);
  const document = preparedDocument(request, current?.document);
  const changes = summariseChanges(current?.document, document);
  if (current && isUnchanged(changes))
    return refuse(
      "PUBLISH.UNCHANGED",
      `The text is the same as version ${current.label}; there is nothing to notify.`,
    );

  const record = {
    label: request.label,
    effectiveFrom: request.effectiveFrom,
    publishedAt: now.toISOString(),
    publishedBy: actor.aadObjectId,
    summary: request.summary,
    document: {
      meta: { ...document.meta },
      sections: document.sections.map((s) => ({ ...s, paragraphs: [...s.paragraphs] })),
    },
  };
  if (!(await versions.add(record)))
    return refuse("PUBLISH.LABEL_TAKEN", `Version ${request.label} has already been published.`);
  return accept({
    version: (await versions.get(request.label))!,
    ...(current ? { current } : {}),
    changes,
  });
}

/** The owner's form for a new version: the version in force and the earliest date with a month's notice. */
export async function newVersionForm(services: AcknowledgementServices): Promise<CardMessage> {
  return services.acknowledgementCards.publishForm({
    earliest: earliestEffectiveDate(services.clock.now(), services.schoolTimeZone),
    current: await services.policyVersions.inForce(),
  });
}

export async function publishVersion(
  services: AcknowledgementServices,
  actor: Person,
  request: Pick<PublishRequest, "label" | "effectiveFrom">,
): Promise<
  Decision<{ campaign: string; notified: number; changes: ChangeSummary }, PublishRefusal>
> {
  if (!mayPublishPolicyVersion(actor)) {
    return refuse(
      "PUBLISH.ROLE",
      "Only the policy owner, the Assistant Headteacher (Digital Technology and Innovation), or the Headteacher can publish a new version.",
    );
  }
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/.test(request.label)) {
    return refuse(
      "PUBLISH.BAD_LABEL",
      "A version label is letters, digits, dots or dashes (for example 2025.09).",
    );
  }
  // "The Board of Governors has responsibility for approving any amendments prior to
  // implementation": only a draft whose approval the Chair recorded is published.
  const draft = await services.store.collection(policyDraftKind).get(request.label);
  const approval = approvalToPublish(draft?.data);
  if (!approval.ok) return approval;
  // The text, summary and approval are the draft's: what the governors approved is what is published.
  const approved: PublishRequest = {
    label: request.label,
    effectiveFrom: request.effectiveFrom,
    summary: draft!.data.summary,
    document: draftDocument(draft!.data),
    approval: approval.value,
  };
  const now = services.clock.now();
  const notice = checkNotice(request.effectiveFrom, now, services.schoolTimeZone);
  if (!notice.ok) return refuse("PUBLISH.NOTICE", notice.reason);
  // Two publishers at once (two instances, or the card and the CLI) must not both pass the
  // "only one pending change" check: the check and the save hold a store lease between them.
  const leases = new Leases(services.store, services.clock);
  const holder = `publish:${services.ids.newId()}`;
  const saved = await leases.runExclusive(PUBLISH_LEASE, holder, 60_000, () =>
    saveVersion(services, actor, approved, now),
  );
  if (!saved)
    return refuse(
      "PUBLISH.BUSY",
      "Another version is being published at this moment. Try again in a minute.",
    );
  if (!saved.ok) return saved;
  const { version, current, changes } = saved.value;
  const staff = await services.directory.all();
  const campaign = noticeCampaign(version.label);
  const card = services.acknowledgementCards.notice({
    version,
    previous: current,
    publicUrl: services.publicUrl,
    timeZone: services.schoolTimeZone,
  });
  const notified = await services.outbox.enqueueAll(
    staff.map((p) => ({
      key: noticeKey(version.label, p.aadObjectId),
      recipient: p.aadObjectId,
      purpose: "notice",
      campaign,
      card,
    })),
  );
  services.logger.info({ version: version.label, notified }, "policy version published");
  return accept({ campaign, notified, changes });
}
