import { holdersOf } from "../../domain/people/person";
import { findAll } from "../../store/findAll";
import type { ScheduledJob } from "../../app/scheduler";
import type { AppServices } from "../../app/services";
import { qaKeys } from "./qaMessages";
import { askedQuestionKind, QUESTION_EFFECT_KINDS } from "../../app/qa/records";
import { reconcilerJobs } from "../../app/decisions";

/*
 * A question sent to the policy owner and still unanswered after the configured hours reminds
 * them, and again each time as many hours pass. The reminder's outbox key names the question,
 * the owner and the period, so a second instance or a second tick sends nothing twice.
 */
export interface QaSettings {
  /** Hours an escalated question may wait before the policy owner is reminded (QA_ESCALATION_REMINDER_HOURS). */
  readonly escalationReminderHours: number;
}

export async function remindOpenEscalations(
  services: AppServices,
  settings: QaSettings,
): Promise<number> {
  const now = services.clock.now().getTime();
  const periodMs = settings.escalationReminderHours * 3600_000;
  const cutoff = new Date(now - periodMs).toISOString();
  const waiting = await findAll(services.store.collection(askedQuestionKind), {
    where: { escalation: "open" },
    range: { field: "escalatedAt", lte: cutoff },
  });
  if (waiting.length === 0) return 0;
  const owners = holdersOf(await services.directory.all(), "aht-digital");
  let queued = 0;
  for (const { data: q } of waiting) {
    const elapsed = now - Date.parse(q.escalatedAt ?? q.askedAt);
    const period = Math.floor(elapsed / periodMs);
    if (period < 1) continue;
    const card = services.qaCards.qaNews({
      kind: "stillWaiting",
      question: q,
      hoursWaiting: Math.floor(elapsed / 3600_000),
      timeZone: services.schoolTimeZone,
    });
    queued += await services.outbox.enqueueAll(
      owners
        .filter((o) => o.aadObjectId !== q.askerId)
        .map((o) => ({
          key: qaKeys.reminder(q.id, o.aadObjectId, period),
          recipient: o.aadObjectId,
          purpose: "policyQuestionReminder",
          card,
        })),
    );
  }
  return queued;
}

export function qaJobs(services: AppServices, settings: QaSettings): ScheduledJob[] {
  return [
    {
      name: "remindOpenPolicyQuestions",
      run: async () => void (await remindOpenEscalations(services, settings)),
    },
    ...reconcilerJobs(
      services,
      "reconcilePolicyQuestionEffects",
      askedQuestionKind,
      QUESTION_EFFECT_KINDS,
    ),
  ];
}
