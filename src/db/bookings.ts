import { INACTIVE_SQL } from "../bookings/status.js";
import type { Db } from "./open.js";

/** A row of the bookings table: what the bot shows and reminds about. */
export interface StoredBooking {
  uid: string;
  telegramId: number;
  reference: string | undefined;
  startUtc: string;
  endUtc: string;
  status: string;
  attendeeName: string;
  attendeeEmail: string;
  timeZone: string;
  language: string | undefined;
  location: string | undefined;
  rescheduledFromUid: string | undefined;
  createdAt: string;
  updatedAt: string;
}

export type BookingRow = Omit<StoredBooking, "createdAt" | "updatedAt">;

type Raw = Record<string, unknown>;
const str = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : String(v));

function toStored(r: Raw): StoredBooking {
  return {
    uid: String(r.uid),
    telegramId: Number(r.telegram_id),
    reference: str(r.reference),
    startUtc: String(r.start_utc),
    endUtc: String(r.end_utc),
    status: String(r.status),
    attendeeName: String(r.attendee_name),
    attendeeEmail: String(r.attendee_email),
    timeZone: String(r.time_zone),
    language: str(r.language),
    location: str(r.location),
    rescheduledFromUid: str(r.rescheduled_from_uid),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
  };
}

/** The bookings the bot made: what it lists, reminds about and syncs. Cal.com is the source of truth. */
export class BookingsRepo {
  constructor(private readonly db: Db) {}

  get(uid: string): StoredBooking | undefined {
    const row = this.db.prepare("SELECT * FROM bookings WHERE uid = ?").get(uid) as Raw | undefined;
    return row && toStored(row);
  }

  /** The user's bookings that still hold their time and have not ended, soonest first. */
  upcomingFor(telegramId: number, nowUtc: string): StoredBooking[] {
    return (
      this.db
        .prepare(
          `SELECT * FROM bookings WHERE telegram_id = ? AND end_utc > ? AND status NOT IN ${INACTIVE_SQL}
           ORDER BY start_utc`,
        )
        .all(telegramId, nowUtc) as Raw[]
    ).map(toStored);
  }

  /** Every active booking not yet over, soonest first (the admins' overview). */
  upcomingAll(nowUtc: string, limit: number): StoredBooking[] {
    return (
      this.db
        .prepare(
          `SELECT * FROM bookings WHERE end_utc > ? AND status NOT IN ${INACTIVE_SQL}
           ORDER BY start_utc LIMIT ?`,
        )
        .all(nowUtc, limit) as Raw[]
    ).map(toStored);
  }

  /** Inserts or refreshes a booking; who it belongs to and its reference never change. */
  upsert(b: BookingRow, now: string): void {
    this.db
      .prepare(
        `INSERT INTO bookings (uid, telegram_id, reference, start_utc, end_utc, status, attendee_name, attendee_email,
           time_zone, language, location, rescheduled_from_uid, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (uid) DO UPDATE SET
           start_utc = excluded.start_utc, end_utc = excluded.end_utc, status = excluded.status,
           location = COALESCE(excluded.location, bookings.location),
           reference = COALESCE(bookings.reference, excluded.reference),
           rescheduled_from_uid = COALESCE(bookings.rescheduled_from_uid, excluded.rescheduled_from_uid),
           updated_at = excluded.updated_at`,
      )
      .run(
        b.uid,
        b.telegramId,
        b.reference ?? null,
        b.startUtc,
        b.endUtc,
        b.status,
        b.attendeeName,
        b.attendeeEmail,
        b.timeZone,
        b.language ?? null,
        b.location ?? null,
        b.rescheduledFromUid ?? null,
        now,
        now,
      );
  }

  /** How many of the member's bookings are over or no longer hold their time. */
  countPastFor(telegramId: number, nowUtc: string): number {
    const row = this.db
      .prepare(
        `SELECT COUNT(*) AS n FROM bookings WHERE telegram_id = ? AND (end_utc <= ? OR status IN ${INACTIVE_SQL})`,
      )
      .get(telegramId, nowUtc) as { n: number };
    return row.n;
  }

  /** Forgets every booking of this member (erase; their reminders go with them). Returns how many. */
  deleteFor(telegramId: number): number {
    return this.db.prepare("DELETE FROM bookings WHERE telegram_id = ?").run(telegramId).changes;
  }

  setStatus(uid: string, status: string, now: string): void {
    this.db.prepare("UPDATE bookings SET status = ?, updated_at = ? WHERE uid = ?").run(status, now, uid);
  }
}
