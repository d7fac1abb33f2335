import { holdersOf } from "../../domain/people/person";
import { approvalsNeeded, currentDecisions } from "../../domain/posts/postProposal";
import { findAll } from "../../store/findAll";
import type { ScheduledJob } from "../../app/scheduler";
import type { PostServices } from "./postServices";
import { reconcilerJobs } from "../../app/decisions";
import { activeDeputiesToday } from "./approverDeputies";
import { escalateToDeputies, POST_EFFECT_KINDS, type PostSettings } from "./postApprovals";
import { postProposalKind } from "./postRecords";

/**
 * Posts waiting longer than the configured hours remind the approvers who have not yet decided,
 * once per period; a post waiting on an approver who named a deputy goes to the deputy too.
 */
export async function remindPendingApprovals(
  services: PostServices,
  settings: PostSettings,
): Promise<number> {
  const now = services.clock.now().getTime();
  const people = await services.directory.all();
  const deputies = await activeDeputiesToday(services);
  let queued = 0;
  for (const { data: p } of await findAll(services.store.collection(postProposalKind), {
    where: { status: "awaitingApproval" },
  })) {
    const periods = Math.floor(
      (now - Date.parse(p.submittedAt)) / (settings.reminderHours * 3600_000),
    );
    if (periods < 1) continue;
    queued += await escalateToDeputies(services, p, deputies);
    const decided = new Set(currentDecisions(p).map((d) => d.by));
    const waiting = approvalsNeeded(p)
      .flatMap((key) => holdersOf(people, key))
      .filter((x) => x.aadObjectId !== p.authorId && !decided.has(x.aadObjectId));
    queued += await services.outbox.enqueueAll(
      [...new Map(waiting.map((x) => [x.aadObjectId, x])).values()].map((x) => ({
        key: `postReminder:${p.id}:r${p.revision}:${x.aadObjectId}:${periods}`,
        recipient: x.aadObjectId,
        purpose: "postReminder",
        card: services.postCards.postNews({
          kind: "stillWaiting",
          post: p,
          hoursWaiting: periods * settings.reminderHours,
        }),
      })),
    );
  }
  return queued;
}

export function postJobs(services: PostServices, settings: PostSettings): ScheduledJob[] {
  return [
    {
      name: "remindPendingPostApprovals",
      run: async () => void (await remindPendingApprovals(services, settings)),
    },
    ...reconcilerJobs(services, "reconcilePostEffects", postProposalKind, POST_EFFECT_KINDS),
  ];
}
