import { INACTIVE_SQL } from "../bookings/status.js";
import type { Db } from "./open.js";
import { UNREACHABLE } from "./reminders.js";

/** Members by where they stand. */
export interface MemberCounts {
  approved: number;
  pending: number;
  revoked: number;
}

/** Booking events since a moment. */
export interface BookingCounts {
  made: number;
  cancelledByMembers: number;
  cancelledBySponsor: number;
  movedByMembers: number;
  movedBySponsor: number;
  remindersSent: number;
  /** Distinct members a reminder could not reach (they blocked the bot). */
  blockedUsers: number;
}

/** A write of ours (a succeeded attempt of `kind`) that targeted booking `uid`. */
const OURS = (kind: "cancel" | "reschedule", uid: string) =>
  `EXISTS (SELECT 1 FROM booking_attempts a WHERE a.kind = '${kind}' AND a.state = 'succeeded' AND a.target_uid = ${uid})`;

/**
 * Read-only counts across the members, bookings, attempts and reminders tables, for the admins'
 * /stats: numbers only, never who. The sponsor's own changes are those the bot did not make: a
 * booking cancelled without a cancel attempt of ours (and not moved), or moved (a row recorded
 * with rescheduled_from_uid) without our reschedule attempt.
 */
export class StatsQueries {
  constructor(private readonly db: Db) {}

  members(): MemberCounts {
    return this.db
      .prepare(
        `SELECT
           (SELECT COUNT(*) FROM users WHERE approved_at IS NOT NULL AND revoked_at IS NULL) AS approved,
           (SELECT COUNT(*) FROM access_requests WHERE status = 'pending') AS pending,
           (SELECT COUNT(*) FROM users WHERE revoked_at IS NOT NULL) AS revoked`,
      )
      .get() as MemberCounts;
  }

  upcoming(nowUtc: string): number {
    return this.count(
      `SELECT COUNT(*) AS n FROM bookings WHERE end_utc > ? AND status NOT IN ${INACTIVE_SQL}`,
      [nowUtc],
    );
  }

  since(sinceUtc: string): BookingCounts {
    const moved = "EXISTS (SELECT 1 FROM bookings m WHERE m.rescheduled_from_uid = b.uid)";
    return {
      made: this.count(
        "SELECT COUNT(*) AS n FROM bookings WHERE rescheduled_from_uid IS NULL AND created_at >= ?",
        [sinceUtc],
      ),
      cancelledByMembers: this.count(
        `SELECT COUNT(*) AS n FROM bookings b WHERE b.status = 'cancelled' AND b.updated_at >= ? AND ${OURS("cancel", "b.uid")}`,
        [sinceUtc],
      ),
      cancelledBySponsor: this.count(
        `SELECT COUNT(*) AS n FROM bookings b WHERE b.status = 'cancelled' AND b.updated_at >= ?
           AND NOT ${OURS("cancel", "b.uid")} AND NOT ${OURS("reschedule", "b.uid")} AND NOT ${moved}`,
        [sinceUtc],
      ),
      movedByMembers: this.count(
        `SELECT COUNT(*) AS n FROM bookings b WHERE b.rescheduled_from_uid IS NOT NULL AND b.created_at >= ?
           AND ${OURS("reschedule", "b.rescheduled_from_uid")}`,
        [sinceUtc],
      ),
      movedBySponsor: this.count(
        `SELECT COUNT(*) AS n FROM bookings b WHERE b.rescheduled_from_uid IS NOT NULL AND b.created_at >= ?
           AND NOT ${OURS("reschedule", "b.rescheduled_from_uid")}`,
        [sinceUtc],
      ),
      remindersSent: this.count("SELECT COUNT(*) AS n FROM reminders WHERE sent_at >= ?", [sinceUtc]),
      blockedUsers: this.count(
        `SELECT COUNT(DISTINCT b.telegram_id) AS n FROM reminders r JOIN bookings b ON b.uid = r.booking_uid
         WHERE r.skip_reason = ? AND r.skipped_at >= ?`,
        [UNREACHABLE, sinceUtc],
      ),
    };
  }

  private count(sql: string, params: readonly string[]): number {
    return (this.db.prepare(sql).get(...params) as { n: number }).n;
  }
}
