import { INACTIVE_SQL } from "../bookings/status.js";
import { iso } from "../clock.js";
import type { Db } from "./open.js";

/** The skip reason of a reminder that could not reach its member (they blocked the bot). */
export const UNREACHABLE = "user unreachable";

export interface DueReminder {
  id: number;
  bookingUid: string;
  offsetMinutes: number;
  telegramId: number;
  startUtc: string;
  endUtc: string;
  timeZone: string;
  language: string | null;
  location: string | null;
}

/** Reminder rows derived from the bookings table; claimed before sending so none goes twice. */
export class RemindersRepo {
  constructor(private readonly db: Db) {}

  /**
   * Creates the missing reminders of every upcoming active booking. A reminder whose moment came
   * before the booking was made (booked 3 h ahead: no 24 h reminder) is recorded as skipped.
   */
  plan(offsetsMinutes: readonly number[], now: string): number {
    const insert = this.db.prepare(
      `INSERT OR IGNORE INTO reminders (booking_uid, offset_minutes, due_at, skipped_at, skip_reason)
       SELECT b.uid, @offset, @due, CASE WHEN @due < b.created_at THEN @now END,
              CASE WHEN @due < b.created_at THEN 'booked after this reminder' END
       FROM bookings b WHERE b.uid = @uid`,
    );
    const upcoming = this.db
      .prepare(`SELECT uid, start_utc FROM bookings WHERE status NOT IN ${INACTIVE_SQL} AND start_utc > ?`)
      .all(now) as { uid: string; start_utc: string }[];
    let created = 0;
    this.db.transaction(() => {
      for (const b of upcoming) {
        for (const offset of offsetsMinutes) {
          const due = iso(Date.parse(b.start_utc) - offset * 60_000);
          created += insert.run({ uid: b.uid, offset, due, now }).changes;
        }
      }
    })();
    return created;
  }

  /** Reminders due now whose booking is still active and has not begun. */
  due(now: string, limit = 50): DueReminder[] {
    return this.db
      .prepare(
        `SELECT r.id, r.booking_uid AS bookingUid, r.offset_minutes AS offsetMinutes, b.telegram_id AS telegramId,
                b.start_utc AS startUtc, b.end_utc AS endUtc, b.time_zone AS timeZone, b.language, b.location
         FROM reminders r JOIN bookings b ON b.uid = r.booking_uid
         WHERE r.sent_at IS NULL AND r.skipped_at IS NULL AND r.due_at <= @now
           AND b.status NOT IN ${INACTIVE_SQL} AND b.start_utc > @now
         ORDER BY r.due_at LIMIT @limit`,
      )
      .all({ now, limit }) as DueReminder[];
  }

  /** Marks a reminder as going out; false if someone else already claimed it. */
  claim(id: number, now: string): boolean {
    return (
      this.db
        .prepare("UPDATE reminders SET sent_at = ?, tries = tries + 1 WHERE id = ? AND sent_at IS NULL")
        .run(now, id).changes > 0
    );
  }

  /** The send failed for a passing reason: try again later (at most a few times). */
  release(id: number, maxTries: number, now: string): void {
    this.db
      .prepare(
        `UPDATE reminders SET sent_at = NULL,
           skipped_at = CASE WHEN tries >= @max THEN @now END,
           skip_reason = CASE WHEN tries >= @max THEN 'gave up after retries' END
         WHERE id = @id`,
      )
      .run({ id, max: maxTries, now });
  }

  skip(id: number, reason: string, now: string): void {
    this.db
      .prepare("UPDATE reminders SET sent_at = NULL, skipped_at = ?, skip_reason = ? WHERE id = ?")
      .run(now, reason, id);
  }

  /** The booking's time changed: drop its unsent reminders so the next pass plans them anew. */
  forgetUnsent(bookingUid: string): void {
    this.db
      .prepare("DELETE FROM reminders WHERE booking_uid = ? AND sent_at IS NULL AND skipped_at IS NULL")
      .run(bookingUid);
  }

  /** Reminders whose meeting has begun without them going out (e.g. the bot was down). */
  skipPast(now: string): number {
    return this.db
      .prepare(
        `UPDATE reminders SET skipped_at = @now, skip_reason = 'meeting already begun'
         WHERE sent_at IS NULL AND skipped_at IS NULL
           AND booking_uid IN (SELECT uid FROM bookings WHERE start_utc <= @now OR status IN ${INACTIVE_SQL})`,
      )
      .run({ now }).changes;
  }

  /** Whether a reminder of this member's could not be delivered because they blocked the bot. */
  blockedFor(telegramId: number): boolean {
    return (
      this.db
        .prepare(
          `SELECT 1 FROM reminders r JOIN bookings b ON b.uid = r.booking_uid
           WHERE b.telegram_id = ? AND r.skip_reason = ?`,
        )
        .get(telegramId, UNREACHABLE) !== undefined
    );
  }

  /** Forgets the reminders of this member's bookings (erase). */
  deleteFor(telegramId: number): number {
    return this.db
      .prepare("DELETE FROM reminders WHERE booking_uid IN (SELECT uid FROM bookings WHERE telegram_id = ?)")
      .run(telegramId).changes;
  }

  listFor(
    bookingUid: string,
  ): { offsetMinutes: number; dueAt: string; sentAt: string | null; skippedAt: string | null }[] {
    return this.db
      .prepare(
        `SELECT offset_minutes AS offsetMinutes, due_at AS dueAt, sent_at AS sentAt, skipped_at AS skippedAt
         FROM reminders WHERE booking_uid = ? ORDER BY offset_minutes DESC`,
      )
      .all(bookingUid) as {
      offsetMinutes: number;
      dueAt: string;
      sentAt: string | null;
      skippedAt: string | null;
    }[];
  }
}
