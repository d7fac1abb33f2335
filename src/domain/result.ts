/** Refusals are values: the domain says "no" with a reason a person can read. */
export interface Refusal<C extends string = string> {
  readonly ok: false;
  readonly code: C;
  readonly reason: string;
}

export interface Accepted<T> {
  readonly ok: true;
  readonly value: T;
}

export type Decision<T, C extends string = string> = Accepted<T> | Refusal<C>;

export function accept<T>(value: T): Accepted<T> {
  return { ok: true, value };
}

export function refuse<C extends string>(code: C, reason: string): Refusal<C> {
  return { ok: false, code, reason };
}
