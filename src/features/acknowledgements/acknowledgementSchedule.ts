import { DateTime } from "luxon";
import { acknowledgeBy, type PolicyVersion } from "../../domain/policy/policyVersion";
import { holdersOf } from "../../domain/people/person";
import { findAll } from "../../store/findAll";
import { outboxKind } from "../../outbox/outboxMessage";
import type { ScheduledJob } from "../../app/scheduler";
import type { AcknowledgementServices } from "./acknowledgementServices";
import { countUnreachable } from "../../domain/acknowledgements/unreachable";
import { everyoneFor } from "./acknowledgementQueries";
import { noticeCampaign, noticeKey } from "./acknowledgementRecords";
import { sendReminders } from "./sendReminders";
import { nextReviewFor } from "./recordReview";

/*
 * What happens over time: everyone on the roster (including people added later) is notified
 * of the version in force and any upcoming one; those who have not acknowledged are reminded
 * every few days until it is due; after that the Headteacher gets a weekly overdue summary;
 * and when the annual review date arrives the policy owner and Headteacher are reminded.
 */
function daysBetween(fromIso: string, to: Date, timeZone: string): number {
  return Math.floor(
    to.getTime() / 86_400_000 -
      DateTime.fromISO(fromIso, { zone: timeZone }).toMillis() / 86_400_000,
  );
}

async function currentVersions(
  services: AcknowledgementServices,
): Promise<{ version: PolicyVersion; previous?: PolicyVersion }[]> {
  const all = await services.policyVersions.all();
  const chosen = [
    await services.policyVersions.inForce(),
    await services.policyVersions.upcoming(),
  ].filter((v): v is PolicyVersion => Boolean(v));
  return chosen.map((version) => ({
    version,
    previous: all.filter((v) => v.effectiveFrom < version.effectiveFrom)[0],
  }));
}

/** Notices for everyone on the roster who has none yet: new starters, and the installed version. */
export async function notifyEveryone(services: AcknowledgementServices): Promise<number> {
  let queued = 0;
  const people = await services.directory.all();
  for (const { version, previous } of await currentVersions(services)) {
    const campaign = noticeCampaign(version.label);
    const have = new Set(
      (await findAll(services.store.collection(outboxKind), { where: { campaign } })).map(
        (m) => m.data.recipient,
      ),
    );
    const missing = people.filter((p) => !have.has(p.aadObjectId));
    if (missing.length === 0) continue;
    const card = services.acknowledgementCards.notice({
      version,
      previous,
      publicUrl: services.publicUrl,
      timeZone: services.schoolTimeZone,
    });
    queued += await services.outbox.enqueueAll(
      missing.map((p) => ({
        key: noticeKey(version.label, p.aadObjectId),
        recipient: p.aadObjectId,
        purpose: "notice",
        campaign,
        card,
      })),
    );
  }
  return queued;
}

/** Every `reminderDays` after notification, until the due date, to those not yet acknowledged. */
export async function remindUntilDue(services: AcknowledgementServices): Promise<number> {
  const now = services.clock.now();
  const day = services.policyVersions.today();
  let queued = 0;
  for (const { version, previous } of await currentVersions(services)) {
    const due = acknowledgeBy(
      version,
      services.acknowledgements.graceDays,
      services.schoolTimeZone,
    );
    if (day > due) continue;
    const round = Math.floor(
      daysBetween(version.publishedAt, now, services.schoolTimeZone) /
        services.acknowledgements.reminderDays,
    );
    if (round < 1) continue;
    queued += await sendReminders(
      services,
      version,
      previous,
      ["outstanding"],
      `autoremind:${version.label}:${round}`,
    );
  }
  return queued;
}

/** Once a week after the due date, the Headteacher hears who is overdue. */
export async function summariseOverdue(services: AcknowledgementServices): Promise<number> {
  const version = await services.policyVersions.inForce();
  if (!version) return 0;
  const due = acknowledgeBy(version, services.acknowledgements.graceDays, services.schoolTimeZone);
  const day = services.policyVersions.today();
  if (day <= due) return 0;
  const rows = await everyoneFor(services, version);
  const overdue = rows.filter((r) => r.status === "overdue").length;
  const undeliverable = rows.filter((r) => r.status === "undeliverable").length;
  if (overdue + undeliverable === 0) return 0;
  const week = Math.floor(daysBetween(due, services.clock.now(), services.schoolTimeZone) / 7);
  const heads = holdersOf(await services.directory.all(), "headteacher");
  const summary = {
    version,
    due,
    acknowledged: rows.filter((r) => r.status === "acknowledged").length,
    overdue,
    undeliverable,
    unreachable: countUnreachable(
      rows.flatMap((r) => (r.unreachableWhy ? [r.unreachableWhy] : [])),
    ),
    timeZone: services.schoolTimeZone,
  };
  return services.outbox.enqueueAll(
    heads.map((h) => ({
      key: `overdue:${version.label}:${week}:${h.aadObjectId}`,
      recipient: h.aadObjectId,
      purpose: "overdueSummary",
      campaign: `overdue:${version.label}`,
      card: services.acknowledgementCards.overdueSummary({
        ...summary,
        dashboardUrl: services.dashboardUrlFor(h),
      }),
    })),
  );
}

/** From the next-review date until a new version is published or the review is recorded. */
export async function remindAnnualReview(services: AcknowledgementServices): Promise<number> {
  const version = await services.policyVersions.inForce();
  if (!version || (await services.policyVersions.upcoming())) return 0;
  const day = services.policyVersions.today();
  const nextReview = await nextReviewFor(services, version);
  if (day < nextReview) return 0;
  const week = Math.floor(
    daysBetween(nextReview, services.clock.now(), services.schoolTimeZone) / 7,
  );
  const people = await services.directory.all();
  const recipients = [
    ...holdersOf(people, version.document.meta.owner),
    ...holdersOf(people, "headteacher"),
  ];
  const unique = [...new Map(recipients.map((p) => [p.aadObjectId, p])).values()];
  return services.outbox.enqueueAll(
    unique.map((p) => ({
      key: `review:${version.label}:${nextReview}:${week}:${p.aadObjectId}`,
      recipient: p.aadObjectId,
      purpose: "reviewReminder",
      card: services.acknowledgementCards.reviewReminder({ version, nextReview }),
    })),
  );
}

export function acknowledgementJobs(services: AcknowledgementServices): ScheduledJob[] {
  return [
    { name: "notifyEveryone", run: async () => void (await notifyEveryone(services)) },
    { name: "remindUntilDue", run: async () => void (await remindUntilDue(services)) },
    { name: "summariseOverdue", run: async () => void (await summariseOverdue(services)) },
    { name: "remindAnnualReview", run: async () => void (await remindAnnualReview(services)) },
  ];
}
