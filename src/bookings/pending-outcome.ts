import type { Store } from "../db/index.js";

/**
 * MERGE POINT (issue 11 × the confirmations issue): a pending booking of the bot's was confirmed
 * (`accepted`) or declined (`rejected`) in Cal.com, found by the sync (src/bookings/sync.ts), which
 * calls this inside the transaction that records the change. Until the branches meet only the
 * bot's record follows; the merger replaces the body with src/bookings/confirmations.ts's function,
 * which records the outcome and queues the same notices as the Telegram Confirm/Decline.
 */
export function recordPendingOutcome(
  store: Pick<Store, "bookings">,
  uid: string,
  outcome: "accepted" | "rejected",
  now: string,
): void {
  store.bookings.setStatus(uid, outcome, now);
}
