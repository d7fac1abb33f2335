import { z } from "zod";
import type { Collection, RecordKind } from "../../ports";
import { accept, refuse, type Decision } from "../../domain/result";
import type { AppServices } from "../services";

/*
 * Per-person limits on what fills the store or someone else's chat: questions, reports and
 * posts. The count lives in the store (one record per person and kind, compare-and-set), so a
 * restart or a second instance keeps counting where the first left off.
 */
export type LimitedAction = "question" | "report" | "post";

export interface RateLimit {
  /** How many in one window. */
  readonly max: number;
  readonly windowMinutes: number;
}

export type RateLimits = Readonly<Record<LimitedAction, RateLimit>>;

/** Far above what a person does in a school day, far below what floods a handler's chat. */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  question: { max: 60, windowMinutes: 60 },
  report: { max: 5, windowMinutes: 60 },
  post: { max: 10, windowMinutes: 60 },
};

const schema = z.object({
  personId: z.string(),
  action: z.enum(["question", "report", "post"]),
  windowStart: z.string(),
  count: z.number().int().min(0),
});
export type RateCount = z.infer<typeof schema>;

export const rateLimitKind: RecordKind<RateCount> = {
  name: "rateLimits",
  schema,
  indexes: { personId: "text" },
};

const WHAT: Record<LimitedAction, [string, string]> = {
  question: ["questions", "asking more"],
  report: [
    "reports",
    "making another (if it is urgent, speak to the Headteacher or the DSL in person)",
  ],
  post: ["post proposals", "proposing another"],
};

/** Counts one more of `action` for the person, or refuses once the window's allowance is used. */
export async function takeAllowance(
  services: Pick<AppServices, "store" | "clock" | "rateLimits">,
  personId: string,
  action: LimitedAction,
): Promise<Decision<true, "LIMIT.REACHED">> {
  const limit = (services.rateLimits ?? DEFAULT_RATE_LIMITS)[action];
  const counts: Collection<RateCount> = services.store.collection(rateLimitKind);
  const windowMs = limit.windowMinutes * 60_000;
  const windowStart = new Date(
    Math.floor(services.clock.now().getTime() / windowMs) * windowMs,
  ).toISOString();
  const id = `${action}:${personId}`;
  for (let attempt = 0; attempt < 10; attempt++) {
    const current = await counts.get(id);
    if (!current) {
      if ((await counts.create(id, { personId, action, windowStart, count: 1 })).ok)
        return accept(true);
      continue;
    }
    const used = current.data.windowStart === windowStart ? current.data.count : 0;
    if (used >= limit.max) break;
    const saved = await counts.update(
      id,
      { personId, action, windowStart, count: used + 1 },
      current.version,
    );
    if (saved.ok) return accept(true);
  }
  const [plural, next] = WHAT[action];
  const window = limit.windowMinutes === 60 ? "this hour" : `in ${limit.windowMinutes} minutes`;
  return refuse(
    "LIMIT.REACHED",
    `You have sent ${limit.max} ${plural} ${window}, as many as I take: please wait a while before ${next}.`,
  );
}
