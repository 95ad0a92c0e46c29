/** Time source, injected so time-dependent logic is testable without sleeping. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** An instant as the project stores and sends it: UTC ISO-8601 with milliseconds. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** The clock's "now" as UTC ISO-8601 (the one definition of now-as-ISO). */
export function nowIso(clock: Clock): string {
  return iso(clock.now());
}
