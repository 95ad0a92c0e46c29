import { type Clock, nowIso } from "../clock.js";
import type { Store } from "../db/index.js";
import { type DueReminder, UNREACHABLE } from "../db/reminders.js";
import type { Logger } from "../log.js";
import type { BookingService } from "./service.js";
import { isActive, isAwaitingConfirmation, isConfirmed } from "./status.js";

export type { DueReminder };

/** Why a reminder could not be delivered, as far as the sender can tell. */
export type DeliveryFailure = "unreachable" | "refused" | "transient";

const MAX_TRIES = 5;
const NOT_CONFIRMED = "not confirmed by the sponsor";

/**
 * When reminders go out: rows planned from the bookings table (`REMINDER_OFFSETS_MINUTES`),
 * claimed before they are sent so none goes twice, re-checked with Cal.com first (the host may
 * have cancelled or moved the meeting), and after downtime only the nearest of a meeting.
 */
export class ReminderPlanner {
  constructor(
    private readonly d: {
      store: Pick<Store, "reminders">;
      bookings: BookingService;
      offsetsMinutes: readonly number[];
      clock: Clock;
      log: Logger;
    },
  ) {}

  /** Plans what is missing and yields each reminder to send now, already claimed. */
  async *claimDue(): AsyncGenerator<DueReminder> {
    const repo = this.d.store.reminders;
    const now = nowIso(this.d.clock);
    repo.plan(this.d.offsetsMinutes, now);
    repo.skipPast(now);
    const due = repo.due(now);
    for (const r of due) {
      // After downtime several offsets of one meeting may be due at once: only the nearest goes.
      if (due.some((o) => o.bookingUid === r.bookingUid && o.offsetMinutes < r.offsetMinutes)) {
        repo.skip(r.id, "superseded by a nearer reminder", now);
        continue;
      }
      // The member's move or cancel of it is unsettled: it stays due until that is known.
      if (this.d.bookings.isBeingChanged(r.bookingUid)) continue;
      if (!(await this.stillAsBooked(r, now))) continue;
      if (repo.claim(r.id, now)) yield r;
    }
  }

  /** A claimed reminder did not go out: never again for a blocked chat, a few more tries otherwise. */
  failed(r: DueReminder, why: DeliveryFailure): void {
    const repo = this.d.store.reminders;
    const now = nowIso(this.d.clock);
    if (why === "unreachable") repo.skip(r.id, UNREACHABLE, now);
    else repo.release(r.id, why === "refused" ? 0 : MAX_TRIES, now);
  }

  /**
   * Asks Cal.com whether the meeting still stands as booked (the same comparison as the sync
   * pass, so a change found here — a cancel, a move, a confirmation given in Cal.com — is told to
   * the member once). Cancelled: the reminder is dropped. Moved: its reminders are planned anew.
   * Still waiting for the sponsor's confirmation: this reminder is dropped (a later one goes if the
   * sponsor confirms). Cal.com unreachable: the stored booking is trusted (a reminder is better
   * late than lost), unless it is an unconfirmed request.
   */
  private async stillAsBooked(r: DueReminder, now: string): Promise<boolean> {
    const repo = this.d.store.reminders;
    try {
      const fresh = await this.d.bookings.refreshBooking(r.bookingUid);
      if (!fresh || !isActive(fresh)) {
        repo.skip(r.id, "cancelled on the calendar", now);
        return false;
      }
      if (Date.parse(fresh.startUtc) !== Date.parse(r.startUtc)) {
        repo.forgetUnsent(r.bookingUid);
        return false;
      }
      if (isAwaitingConfirmation(fresh)) {
        repo.skip(r.id, NOT_CONFIRMED, now);
        return false;
      }
    } catch (err) {
      this.d.log.warn({ err, bookingUid: r.bookingUid }, "could not re-check a booking before its reminder");
      const stored = this.d.bookings.storedBooking(r.bookingUid);
      if (stored && !isConfirmed(stored)) {
        repo.skip(r.id, NOT_CONFIRMED, now);
        return false;
      }
    }
    return true;
  }
}

/**
 * What to say: the reminder's own offset when it goes out on time, else the real time left
 * (a reminder sent late after downtime must not say "tomorrow" two hours before).
 */
export function minutesLeft(offsetMinutes: number, msLeft: number): number {
  const left = Math.max(1, Math.round(msLeft / 60_000));
  if (Math.abs(left - offsetMinutes) <= 5) return offsetMinutes;
  return left >= 120 ? Math.round(left / 60) * 60 : left;
}
