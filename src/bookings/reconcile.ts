import type { Booking } from "../calcom/types.js";
import type { Attempt, BookingAttemptsRepo } from "../db/booking-attempts.js";
import type { Logger } from "../log.js";
import { firstCheckAt, lastTried, OPEN_WINDOW_MS } from "./open-writes.js";
import type { BookingWrites } from "./write-protocol.js";

export interface ReconcileReport {
  /** Writes Cal.com did apply although the bot never heard back; now recorded. The bot may tell the user. */
  applied: Array<{ attempt: Attempt; booking: Booking }>;
  /** Writes Cal.com never applied; marked failed, so the same reference may be sent again. */
  notApplied: Attempt[];
  /** Cal.com could not be asked (down, key refused); left pending for the next run. */
  unknown: Attempt[];
  /** Not found, but tried so recently that it may still commit: open, on the lookup schedule. */
  stillOpen: Attempt[];
}

/**
 * Settles every attempt a crash (or a lost answer) left in state 'sent' by asking Cal.com what
 * happened. Run it at start-up, before taking updates; running it again is harmless.
 */
export async function reconcilePendingAttempts(
  attempts: BookingAttemptsRepo,
  writes: BookingWrites,
  log: Logger,
  now: number,
): Promise<ReconcileReport> {
  const report: ReconcileReport = { applied: [], notApplied: [], unknown: [], stillOpen: [] };
  for (const attempt of attempts.unsettled()) {
    if (writes.isInFlight(attempt.reference)) continue;
    try {
      const booking = await writes.lookup(attempt);
      if (booking) {
        writes.settle(attempt, booking);
        report.applied.push({ attempt, booking });
      } else if (now - Date.parse(lastTried(attempt)) < OPEN_WINDOW_MS) {
        // A crash right after the POST: Cal.com may still commit it, so it is not re-sent yet.
        attempts.keepOpen(attempt.reference, firstCheckAt(lastTried(attempt)), 0);
        report.stillOpen.push(attempt);
      } else {
        attempts.fail(attempt.reference, "not_applied");
        report.notApplied.push(attempt);
      }
    } catch (e) {
      log.warn(
        { err: e, reference: attempt.reference, kind: attempt.kind },
        "could not reconcile a booking attempt",
      );
      report.unknown.push(attempt);
    }
  }
  if (
    report.applied.length + report.notApplied.length + report.unknown.length + report.stillOpen.length >
    0
  ) {
    log.info(
      {
        applied: report.applied.length,
        notApplied: report.notApplied.length,
        unknown: report.unknown.length,
        stillOpen: report.stillOpen.length,
      },
      "reconciled pending Cal.com writes",
    );
  }
  return report;
}
