import { isCalcomError } from "../calcom/errors.js";
import { type Clock, iso } from "../clock.js";
import type { Attempt, BookingAttemptsRepo } from "../db/booking-attempts.js";
import type { Logger } from "../log.js";
import { WriteStillOpen } from "./outcomes.js";
import type { BookingWrites } from "./write-protocol.js";

/**
 * When an open write is looked up after its last try: cumulative, backing off, about two minutes
 * in all. Cal.com has no idempotency key and its create can outlast the client's timeout and
 * commit later; a re-send while the first may still commit could make a second booking. Only once
 * every lookup of this window found nothing is the write sent once more.
 */
export const OPEN_CHECKS_AFTER_MS = [15_000, 30_000, 60_000, 120_000] as const;

/** How long after a try Cal.com may still commit it, as far as the bot waits. */
export const OPEN_WINDOW_MS = OPEN_CHECKS_AFTER_MS[OPEN_CHECKS_AFTER_MS.length - 1] as number;

/** Tries of one write at most (the first and one re-send); after that, a window of lookups decides. */
const MAX_TRIES = 2;

/** When an attempt was last sent (its last update, for rows written before `tried_at` existed). */
export const lastTried = (a: Attempt): string => a.triedAt ?? a.updatedAt;

/** When the first lookup of an open write is due (ISO), given when it was tried. */
export function firstCheckAt(triedAt: string): string {
  return iso(Date.parse(triedAt) + OPEN_CHECKS_AFTER_MS[0]);
}

export interface OpenWritesDeps {
  attempts: Pick<BookingAttemptsRepo, "due" | "keepOpen" | "get">;
  writes: BookingWrites;
  clock: Clock;
  log: Logger;
}

/**
 * Settles writes left open after an ambiguous try, on a short period while any is open, so the
 * member hears the truth within minutes: booked (the result replaces the summary), or not. Each
 * due write is looked up; found → settled; not found → looked up again later until the window is
 * over; then re-sent once, or given up when it was re-sent already.
 */
export class OpenWrites {
  private running = false;

  constructor(private readonly d: OpenWritesDeps) {}

  /** One pass over the due writes; returns how many settled (their notices are queued). Never throws. */
  async pass(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    let settled = 0;
    try {
      for (const a of this.d.attempts.due(iso(this.d.clock.now()))) {
        if (this.d.writes.isInFlight(a.reference)) continue;
        if (await this.check(a)) settled++;
      }
    } catch (err) {
      this.d.log.error({ err }, "open Cal.com writes: pass failed");
    } finally {
      this.running = false;
    }
    return settled;
  }

  /** Looks one open write up; true when it is settled now (booked, or given up). */
  private async check(a: Attempt): Promise<boolean> {
    let found: Awaited<ReturnType<BookingWrites["lookup"]>>;
    try {
      found = await this.d.writes.lookup(a);
    } catch (err) {
      this.d.log.warn({ err, reference: a.reference }, "open Cal.com write: lookup failed; will look again");
      this.later(a, a.checks);
      return false;
    }
    if (found) {
      this.d.writes.settle(a, found);
      return true;
    }
    const checks = a.checks + 1;
    if (checks < OPEN_CHECKS_AFTER_MS.length) {
      this.later(a, checks);
      return false;
    }
    if (a.tries >= MAX_TRIES) {
      this.d.writes.giveUp(a, "not_applied");
      return true;
    }
    return this.resend(a);
  }

  private async resend(a: Attempt): Promise<boolean> {
    this.d.log.info(
      { calcom: a.kind, reference: a.reference },
      "open Cal.com write not applied; sending once more",
    );
    try {
      await this.d.writes.resend(a);
      return true;
    } catch (err) {
      if (err instanceof WriteStillOpen) return false;
      const now = this.d.attempts.get(a.reference);
      if (now?.state === "failed") {
        this.d.writes.giveUp(now, isCalcomError(err) ? err.kind : "not_applied");
        return true;
      }
      this.d.log.warn({ err, reference: a.reference }, "open Cal.com write: re-send failed; will look again");
      this.later(a, a.checks);
      return false;
    }
  }

  /** The next lookup, `checks` made since the last try (a failed lookup keeps the count). */
  private later(a: Attempt, checks: number): void {
    const triedAt = Date.parse(lastTried(a));
    const step = OPEN_CHECKS_AFTER_MS[Math.min(checks, OPEN_CHECKS_AFTER_MS.length - 1)] as number;
    // Never in the past: a lookup that failed after the window waits a step from now.
    const at = Math.max(
      triedAt + step,
      this.d.clock.now() + (checks === a.checks ? OPEN_CHECKS_AFTER_MS[0] : 0),
    );
    this.d.attempts.keepOpen(a.reference, iso(at), checks);
  }
}
