import type { BookingStatus } from "../calcom/types.js";

/**
 * Booking statuses and the one definition of an "active" booking: one that still holds its time
 * on the sponsor's calendar. Cal.com says `accepted`, `pending` (awaiting the host's
 * confirmation), `cancelled` or `rejected`; a status newer than this bot is kept as Cal.com says
 * it and counts as active — showing a meeting that may be off is safer than hiding one that is on.
 */
export type { BookingStatus };

/** Statuses that no longer hold a time. SQL in src/db builds its `NOT IN` from this list. */
export const INACTIVE_STATUSES: readonly BookingStatus[] = ["cancelled", "rejected"];

export function isActive(b: { status: string }): boolean {
  return !(INACTIVE_STATUSES as readonly string[]).includes(b.status);
}

/** `('cancelled', 'rejected')` for SQL: the statuses are constants, never user input. */
export const INACTIVE_SQL = `(${INACTIVE_STATUSES.map((s) => `'${s}'`).join(", ")})`;
