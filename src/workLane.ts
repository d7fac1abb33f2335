import { AsyncLocalStorage } from "node:async_hooks";

/*
 * Which lane a piece of work runs in. Background work (fan-out, outbox polls and deliveries,
 * scheduled jobs) is marked where it starts; everything else (a card click, a dashboard read) is
 * interactive. Adapters that share a budget (Graph's resource units) serve interactive work
 * first, so background work can never starve a person waiting for an answer.
 */
export type WorkLane = "interactive" | "background";

const lane = new AsyncLocalStorage<WorkLane>();

export function inBackground<T>(work: () => Promise<T>): Promise<T> {
  return lane.run("background", work);
}

export function currentLane(): WorkLane {
  return lane.getStore() ?? "interactive";
}
