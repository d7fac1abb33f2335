import {
  preparedDocument,
  publishVersion,
  type PublishRefusal,
} from "../acknowledgements/publishVersion";
import { mayPublishPolicyVersion } from "../../domain/people/permissions";
import { holdersOf, type Person } from "../../domain/people/person";
import {
  isUnchanged,
  summariseChanges,
  type ChangeSummary,
} from "../../domain/policy/changeSummary";
import { recordApproval } from "../../domain/policy/governorsApproval";
import { checkNotice, earliestEffectiveDate } from "../../domain/policy/noticeRule";
import type { PolicyDocument } from "../../domain/policy/policyDocument";
import { today } from "../../domain/policy/policyVersion";
import { accept, refuse, type Decision } from "../../domain/result";
import { markdownToDocument, PolicyImportError } from "../../policy/importPolicy";
import type { CardMessage } from "../../ports";
import { draftDocument, policyDraftKind, toDraftDocument, type PolicyDraft } from "./draftRecords";
import type { DraftServices } from "./draftServices";
import { draftView } from "./draftViews";

/*
 * Governors approve changes before they take effect. The policy owner prepares a draft (from
 * the card, a Word file in chat, or the CLI): checked like a publication (label, notice, not
 * unchanged) and sent to the Chair of Governors. The Chair records the governors' decision
 * (body, meeting, date); the version is then published with the month's notice, as the draft's
 * author asked, or, if that date is now too soon, the author chooses a new one.
 */
export interface DraftRequest {
  readonly label: string;
  readonly effectiveFrom: string;
  readonly summary: string;
  readonly document: PolicyDocument;
  readonly source: "card" | "word" | "markdown";
  readonly fileName?: string;
}

export interface DraftPreview {
  readonly draft: PolicyDraft;
  readonly changes: ChangeSummary;
  readonly earliest: string;
}

const ONLY_PUBLISHERS =
  "Only the policy owner (Assistant Headteacher, Digital Technology and Innovation) or the Headteacher prepares a new version.";

type DraftRefusal =
  | "DRAFT.ROLE"
  | "DRAFT.BAD_LABEL"
  | "DRAFT.LABEL_TAKEN"
  | "DRAFT.NOTICE"
  | "DRAFT.UNCHANGED"
  | "DRAFT.UPCOMING_EXISTS";

export async function changesOf(services: DraftServices, d: PolicyDraft): Promise<ChangeSummary> {
  const current = await services.policyVersions.inForce();
  return summariseChanges(current?.document, draftDocument(d));
}

/** Everyone holding a copy of the draft's card: its author and the Chair(s) of Governors. */
async function audience(services: DraftServices, d: PolicyDraft): Promise<Person[]> {
  const people = await services.directory.all();
  const author = people.filter((p) => p.aadObjectId === d.createdBy);
  return [
    ...new Map(
      [...author, ...holdersOf(people, "chair-of-governors")].map((p) => [p.aadObjectId, p]),
    ).values(),
  ];
}

/** The draft's card as this person should see it now. */
export async function draftViewFor(
  services: DraftServices,
  d: PolicyDraft,
  viewer: Person,
): Promise<CardMessage> {
  const people = await services.directory.all();
  const current = await services.policyVersions.inForce();
  const now = services.clock.now();
  return services.draftCards.draft(
    draftView(d, viewer, {
      previous: current?.document,
      names: new Map(people.map((p) => [p.aadObjectId, p.displayName])),
      earliest: earliestEffectiveDate(now, services.schoolTimeZone),
      today: today(now, services.schoolTimeZone),
      timeZone: services.schoolTimeZone,
    }),
  );
}

async function spread(services: DraftServices, d: PolicyDraft): Promise<void> {
  for (const person of await audience(services, d)) {
    const first = `policyDraft:${d.label}:${person.aadObjectId}`;
    const existing = await services.outbox.byKey(first);
    await services.outbox.enqueue({
      key: existing ? `${first}:r${d.revision}` : first,
      recipient: person.aadObjectId,
      purpose: person.aadObjectId === d.createdBy ? "draftStatus" : "governorsApproval",
      card: await draftViewFor(services, d, person),
      ...(existing ? { replaces: first } : {}),
    });
  }
}

/** Checks a draft as publishing would, without saving: the preview the owner sees first. */
export async function checkDraft(
  services: DraftServices,
  actor: Person,
  request: DraftRequest,
): Promise<
  Decision<{ document: PolicyDocument; changes: ChangeSummary; earliest: string }, DraftRefusal>
> {
  if (!mayPublishPolicyVersion(actor)) return refuse("DRAFT.ROLE", ONLY_PUBLISHERS);
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/.test(request.label))
    return refuse(
      "DRAFT.BAD_LABEL",
      "A version label is letters, digits, dots or dashes (for example 2025.09).",
    );
  services.policyVersions.forget();
  if (
    (await services.policyVersions.get(request.label)) ||
    (await services.store.collection(policyDraftKind).get(request.label))
  )
    return refuse(
      "DRAFT.LABEL_TAKEN",
      `There is already a version ${request.label}; choose another label.`,
    );
  const now = services.clock.now();
  const notice = checkNotice(request.effectiveFrom, now, services.schoolTimeZone);
  if (!notice.ok) return refuse("DRAFT.NOTICE", notice.reason);
  const upcoming = await services.policyVersions.upcoming(now);
  if (upcoming)
    return refuse(
      "DRAFT.UPCOMING_EXISTS",
      `Version ${upcoming.label} is already waiting to take effect on ${upcoming.effectiveFrom}. Only one change can be pending at a time.`,
    );
  const current = await services.policyVersions.inForce(now);
  const document = preparedDocument(request, current?.document);
  const changes = summariseChanges(current?.document, document);
  if (current && isUnchanged(changes))
    return refuse(
      "DRAFT.UNCHANGED",
      `The text is the same as version ${current.label}; there is nothing to approve.`,
    );
  return accept({ document, changes, earliest: notice.value.earliest });
}

export async function draftVersion(
  services: DraftServices,
  actor: Person,
  request: DraftRequest,
): Promise<Decision<DraftPreview, DraftRefusal>> {
  const checked = await checkDraft(services, actor, request);
  if (!checked.ok) return checked;
  const draft: PolicyDraft = {
    label: request.label,
    status: "awaitingGovernors",
    createdAt: services.clock.now().toISOString(),
    createdBy: actor.aadObjectId,
    effectiveFrom: request.effectiveFrom,
    summary: request.summary,
    document: toDraftDocument(checked.value.document),
    source: request.source,
    fileName: request.fileName ?? null,
    approval: null,
    publishedAt: null,
    revision: 1,
  };
  const created = await services.store.collection(policyDraftKind).create(draft.label, draft);
  if (!created.ok)
    return refuse(
      "DRAFT.LABEL_TAKEN",
      `There is already a version ${request.label}; choose another label.`,
    );
  await spread(services, draft);
  services.logger.info({ version: draft.label }, "policy draft sent for the governors' approval");
  return accept({ draft, changes: checked.value.changes, earliest: checked.value.earliest });
}

/**
 * A new version from its text (Markdown, or a Word document already converted), read against
 * the version in force and drafted as draftVersion does: the owner's card, the Word master sent
 * in chat and the CLI all prepare one this way. The card is the draft's, as the author sees it.
 */
export async function draftFromText(
  services: DraftServices,
  actor: Person,
  request: Omit<DraftRequest, "document"> & { readonly text: string },
): Promise<
  Decision<DraftPreview & { readonly card: CardMessage }, DraftRefusal | "DRAFT.UNREADABLE">
> {
  // Checked before the text is read: only those who publish have it read at all.
  if (!mayPublishPolicyVersion(actor)) return refuse("DRAFT.ROLE", ONLY_PUBLISHERS);
  const { text, ...details } = request;
  const current = await services.policyVersions.inForce();
  let document;
  try {
    document = markdownToDocument(
      text,
      { label: details.label, effectiveFrom: details.effectiveFrom, summary: details.summary },
      current?.document ?? services.bundledPolicy,
    );
  } catch (error) {
    if (error instanceof PolicyImportError) return refuse("DRAFT.UNREADABLE", error.message);
    throw error;
  }
  const drafted = await draftVersion(services, actor, { ...details, document });
  if (!drafted.ok) return drafted;
  return accept({
    ...drafted.value,
    card: await draftViewFor(services, drafted.value.draft, actor),
  });
}

async function change(
  services: DraftServices,
  label: string,
  next: (d: PolicyDraft) => Decision<PolicyDraft>,
): Promise<Decision<PolicyDraft>> {
  const drafts = services.store.collection(policyDraftKind);
  for (let attempt = 0; attempt < 8; attempt++) {
    const record = await drafts.get(label);
    if (!record) return refuse("DRAFT.NOT_FOUND", `There is no draft ${label}.`);
    const decided = next(record.data);
    if (!decided.ok) return decided;
    const saved = await drafts.update(label, decided.value, record.version);
    if (saved.ok) return accept(saved.record.data);
  }
  return refuse("DRAFT.BUSY", "The draft changed meanwhile; please try again.");
}

export interface ApprovalInput {
  readonly body: string;
  readonly meeting: string;
  readonly date: string;
  readonly revision: number;
}

export type ApprovalOutcome = {
  readonly draft: PolicyDraft;
  readonly published: boolean;
  readonly notified: number;
  readonly publishRefusal?: string;
};

/** The revision a draft stands at now: what approving "the draft as it is" (the CLI) refers to. */
export async function currentDraftRevision(
  services: Pick<DraftServices, "store">,
  label: string,
): Promise<number | undefined> {
  return (await services.store.collection(policyDraftKind).get(label))?.data.revision;
}

/** The Chair records the governors' approval; the version is then published if its date still gives a month's notice. */
export async function recordGovernorsApproval(
  services: DraftServices,
  chair: Person,
  label: string,
  input: ApprovalInput,
): Promise<Decision<ApprovalOutcome>> {
  const now = services.clock.now();
  const approved = await change(services, label, (d) =>
    recordApproval(d, chair, input, now, today(now, services.schoolTimeZone)),
  );
  if (!approved.ok) return approved;
  services.logger.info({ version: label }, "governors' approval recorded");
  const author = await services.directory.find(approved.value.createdBy);
  const published =
    author && mayPublishPolicyVersion(author)
      ? await publishApprovedDraft(services, author, label, approved.value.effectiveFrom)
      : undefined;
  if (published?.ok)
    return accept({
      draft: published.value.draft,
      published: true,
      notified: published.value.notified,
    });
  // Not published yet (the date no longer gives a month's notice, or the author has left): the
  // author (or another publisher) picks the date on their card.
  await spread(services, approved.value);
  return accept({
    draft: approved.value,
    published: false,
    notified: 0,
    publishRefusal:
      published && !published.ok
        ? published.reason
        : "The person who prepared it can no longer publish; the policy owner or the Headteacher publishes it.",
  });
}

/** Publishes an approved draft on `effectiveFrom` (the month's notice is checked again now). */
export async function publishApprovedDraft(
  services: DraftServices,
  actor: Person,
  label: string,
  effectiveFrom: string,
): Promise<
  Decision<{ draft: PolicyDraft; notified: number; campaign: string }, PublishRefusal | string>
> {
  const result = await publishVersion(services, actor, { label, effectiveFrom });
  if (!result.ok) {
    // Published already (a crash between the two writes): record it on the draft too.
    if (result.code !== "PUBLISH.LABEL_TAKEN" || !(await services.policyVersions.get(label)))
      return result;
  }
  const version = await services.policyVersions.get(label);
  const marked = await change(services, label, (d) =>
    d.status === "published"
      ? refuse("DRAFT.DONE", "")
      : accept({
          ...d,
          status: "published",
          effectiveFrom: version?.effectiveFrom ?? effectiveFrom,
          publishedAt: version?.publishedAt ?? services.clock.now().toISOString(),
          revision: d.revision + 1,
        }),
  );
  const draft = marked.ok
    ? marked.value
    : (await services.store.collection(policyDraftKind).get(label))!.data;
  if (marked.ok) await spread(services, draft);
  return accept({
    draft,
    notified: result.ok ? result.value.notified : 0,
    campaign: result.ok ? result.value.campaign : "",
  });
}

export async function draftCardFor(
  services: DraftServices,
  person: Person,
  label: string,
): Promise<Decision<CardMessage>> {
  const record = await services.store.collection(policyDraftKind).get(label);
  if (!record) return refuse("DRAFT.NOT_FOUND", `There is no draft ${label}.`);
  return accept(await draftViewFor(services, record.data, person));
}
