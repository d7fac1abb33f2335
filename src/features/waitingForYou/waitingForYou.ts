import { acknowledgementKind } from "../acknowledgements/acknowledgementRecords";
import { acknowledgementSummary } from "../acknowledgements/acknowledgementQueries";
import { acknowledgementId } from "../../domain/acknowledgements/acknowledgement";
import { displayNames } from "../../app/displayNames";
import { activeDeputiesToday, today } from "../posts/approverDeputies";
import { excerptOf } from "../posts/pendingPosts";
import { postProposalKind } from "../posts/postRecords";
import { unansweredQuestions } from "../../app/qa/unansweredQuestions";
import { misuseCaseKind } from "../reports/caseRecords";
import { mediaEnquiryKind } from "../reports/mediaEnquiries";
import type { AppServices } from "../../app/services";
import {
  mayPublishPolicyVersion,
  mayPublishPost,
  mayRemindOutstanding,
  mayViewAcknowledgementFigures,
  mayViewUnansweredQuestions,
} from "../../domain/people/permissions";
import { hasRole, type Person } from "../../domain/people/person";
import { keysFor } from "../../domain/posts/approverDeputies";
import {
  approvalsNeeded,
  currentDecisions,
  type PostProposal,
} from "../../domain/posts/postProposal";
import { findAll } from "../../store/findAll";
import { policyDraftKind } from "../governorsApproval/draftRecords";
import type { WaitingAcknowledgements, WaitingForYou, WaitingList } from "./waitingViews";

/*
 * "What is waiting for me?": the things the policy gives a person to do, in one reply, read
 * from the same records the cards and the dashboard use. Each part is there only for those
 * whose role the policy gives it to; a part with nothing in it says so, so silence never
 * reads as "nothing to do" when the query was never made. It returns the view
 * (./waitingViews); the WaitingCards port (services.waitingCards) renders it.
 */

/** At most this many posts are named in chat; the rest are counted (the dashboard lists all). */
export const NAMED_POSTS_MAX = 5;

const OPEN_CASE_STATUSES = ["received", "acknowledged", "investigating"] as const;

function listOf(posts: readonly PostProposal[], names: ReadonlyMap<string, string>): WaitingList {
  return {
    total: posts.length,
    named: posts.slice(0, NAMED_POSTS_MAX).map((p) => ({
      excerpt: excerptOf(p.text, 120).text,
      authorName: names.get(p.authorId) ?? "A former member of staff",
      intendedDate: p.intendedDate,
    })),
  };
}

async function posts(services: AppServices, person: Person) {
  const keys = keysFor(person, await activeDeputiesToday(services), today(services)).map(
    (k) => k.key,
  );
  const publishes = mayPublishPost(person);
  if (keys.length === 0 && !publishes) return {};
  const names = await displayNames(services);
  const found = (
    await findAll(services.store.collection(postProposalKind), {
      where: { status: ["awaitingApproval", "readyToPost"] },
      orderBy: { field: "submittedAt", direction: "asc" },
    })
  ).map((r) => r.data);
  const toDecide = found.filter(
    (p) =>
      p.status === "awaitingApproval" &&
      p.authorId !== person.aadObjectId &&
      !currentDecisions(p).some((d) => d.by === person.aadObjectId) &&
      approvalsNeeded(p).some((k) => keys.includes(k)),
  );
  return {
    ...(keys.length > 0 ? { postsToDecide: listOf(toDecide, names) } : {}),
    ...(publishes
      ? {
          postsToPublish: listOf(
            found.filter((p) => p.status === "readyToPost"),
            names,
          ),
        }
      : {}),
  };
}

async function openCases(services: AppServices, person: Person): Promise<number | undefined> {
  const handles = hasRole(person, "headteacher") || hasRole(person, "chair-of-governors");
  const mine = (c: { handlerIds: readonly string[]; sharedWith?: readonly string[] }) =>
    c.handlerIds.includes(person.aadObjectId) || (c.sharedWith ?? []).includes(person.aadObjectId);
  const cases = (
    await findAll(services.store.collection(misuseCaseKind), {
      where: { status: [...OPEN_CASE_STATUSES] },
    })
  ).filter((r) => mine(r.data));
  const enquiries = hasRole(person, "headteacher")
    ? (
        await findAll(services.store.collection(mediaEnquiryKind), {
          where: { status: "received" },
        })
      ).filter((r) => mine(r.data))
    : [];
  // Someone a case was shared with sees the count too; others who handle nothing see no part.
  const count = cases.length + enquiries.length;
  return handles || count > 0 ? count : undefined;
}

async function acknowledgements(
  services: AppServices,
  person: Person,
): Promise<readonly WaitingAcknowledgements[] | undefined> {
  if (!mayViewAcknowledgementFigures(person)) return undefined;
  const [current, upcoming] = [
    await services.policyVersions.inForce(),
    await services.policyVersions.upcoming(),
  ];
  const out: WaitingAcknowledgements[] = [];
  for (const v of [current, upcoming]) {
    if (!v) continue;
    const s = await acknowledgementSummary(services, v.label);
    if (!s) continue;
    out.push({
      version: v.label,
      inForce: v === current,
      effectiveFrom: v.effectiveFrom,
      total: s.total,
      acknowledged: s.acknowledged,
      notYet: s.outstanding + s.overdue,
      overdue: s.overdue,
      unreachable: s.undeliverable,
      mayRemind: mayRemindOutstanding(person),
    });
  }
  return out;
}

async function draftsForGovernors(services: AppServices, person: Person) {
  if (!hasRole(person, "chair-of-governors") && !mayPublishPolicyVersion(person)) return undefined;
  return (
    await findAll(services.store.collection(policyDraftKind), {
      where: { status: "awaitingGovernors" },
    })
  ).map((r) => ({ label: r.data.label, effectiveFrom: r.data.effectiveFrom }));
}

async function ownAcknowledgementMissing(
  services: AppServices,
  person: Person,
): Promise<string | undefined> {
  const acks = services.store.collection(acknowledgementKind);
  for (const v of [
    await services.policyVersions.inForce(),
    await services.policyVersions.upcoming(),
  ]) {
    if (v && !(await acks.get(acknowledgementId(v.label, person.aadObjectId)))) return v.label;
  }
  return undefined;
}

/** True when the policy gives this person anything to look after besides their own acknowledgement. */
export function hasWaitingWork(person: Person): boolean {
  return (
    mayViewUnansweredQuestions(person) ||
    mayViewAcknowledgementFigures(person) ||
    mayPublishPost(person) ||
    hasRole(person, "aht-publicity") ||
    hasRole(person, "headteacher") ||
    hasRole(person, "chair-of-governors")
  );
}

export async function waitingFor(services: AppServices, person: Person): Promise<WaitingForYou> {
  const questions = mayViewUnansweredQuestions(person)
    ? await unansweredQuestions(services, person, { limit: 1 })
    : undefined;
  const [postParts, cases, acks, drafts, own] = await Promise.all([
    posts(services, person),
    openCases(services, person),
    acknowledgements(services, person),
    draftsForGovernors(services, person),
    ownAcknowledgementMissing(services, person),
  ]);
  return {
    ...postParts,
    ...(cases !== undefined ? { openCases: cases } : {}),
    ...(questions?.ok ? { questionsWaiting: questions.value.total } : {}),
    ...(acks ? { acknowledgements: acks } : {}),
    ...(drafts ? { draftsForGovernors: drafts } : {}),
    ...(own ? { ownAcknowledgementMissing: own } : {}),
  };
}
