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

/**
 * Waiting for the sponsor: Cal.com answered `pending` (the event type requires confirmation).
 * It holds its place in the member's list (with Cancel) but gets no calendar file or reminder.
 */
export function isAwaitingConfirmation(b: { status: string }): boolean {
  return b.status === "pending";
}

/**
 * A meeting that is on: active and not waiting for the sponsor. Only these get the calendar file
 * and reminders (a status newer than this bot counts as on, like `isActive`).
 */
export function isConfirmed(b: { status: string }): boolean {
  return isActive(b) && !isAwaitingConfirmation(b);
}

/** What a pending booking became once the sponsor decided (Cal.com's statuses). */
export type ConfirmationOutcome = "accepted" | "rejected";

/** The outcome a fresh Cal.com status means for a booking that was pending, if it means one. */
export function confirmationOutcome(before: { status: string }, after: { status: string }) {
  if (!isAwaitingConfirmation(before)) return undefined;
  if (after.status === "accepted" || after.status === "rejected") return after.status as ConfirmationOutcome;
  return undefined;
}
