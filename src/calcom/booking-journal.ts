import type { Db } from "../db/open.js";
import type { CalcomErrorKind } from "./errors.js";

export type AttemptKind = "create" | "reschedule" | "cancel";
export type AttemptState = "sent" | "succeeded" | "failed";

/** One write to Cal.com, recorded before it is sent. */
export interface Attempt {
  reference: string;
  kind: AttemptKind;
  telegramId: number;
  startUtc: string | undefined;
  targetUid: string | undefined;
  attendeeName: string | undefined;
  attendeeEmail: string | undefined;
  timeZone: string | undefined;
  language: string | undefined;
  reason: string | undefined;
  state: AttemptState;
  uid: string | undefined;
  errorKind: CalcomErrorKind | "not_applied" | undefined;
  tries: number;
  createdAt: string;
  updatedAt: string;
}

export type NewAttempt = Omit<Attempt, "state" | "uid" | "errorKind" | "tries" | "createdAt" | "updatedAt">;

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

export interface Settlement {
  upsert?: BookingRow[];
  statuses?: Array<{ uid: string; status: string }>;
}

type Raw = Record<string, unknown>;
const str = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : String(v));

function toAttempt(r: Raw): Attempt {
  return {
    reference: String(r.reference),
    kind: r.kind as AttemptKind,
    telegramId: Number(r.telegram_id),
    startUtc: str(r.start_utc),
    targetUid: str(r.target_uid),
    attendeeName: str(r.attendee_name),
    attendeeEmail: str(r.attendee_email),
    timeZone: str(r.time_zone),
    language: str(r.language),
    reason: str(r.reason),
    state: r.state as AttemptState,
    uid: str(r.uid),
    errorKind: str(r.error_kind) as Attempt["errorKind"],
    tries: Number(r.tries),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
  };
}

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

/** SQLite side of booking writes: the attempt journal and the bookings table, settled together. */
export class BookingJournal {
  constructor(
    private readonly db: Db,
    private readonly now: () => string,
  ) {}

  getAttempt(reference: string): Attempt | undefined {
    const row = this.db.prepare("SELECT * FROM booking_attempts WHERE reference = ?").get(reference) as
      | Raw
      | undefined;
    return row && toAttempt(row);
  }

  /** Records the attempt as 'sent' before any byte leaves the process. */
  record(a: NewAttempt): Attempt {
    const now = this.now();
    this.db
      .prepare(
        `INSERT INTO booking_attempts (reference, kind, telegram_id, start_utc, target_uid, attendee_name,
           attendee_email, time_zone, language, reason, state, tries, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'sent', 0, ?, ?)`,
      )
      .run(
        a.reference,
        a.kind,
        a.telegramId,
        a.startUtc ?? null,
        a.targetUid ?? null,
        a.attendeeName ?? null,
        a.attendeeEmail ?? null,
        a.timeZone ?? null,
        a.language ?? null,
        a.reason ?? null,
        now,
        now,
      );
    return this.getAttempt(a.reference) as Attempt;
  }

  /** Counts one request about to be sent; the attempt is 'sent' (outcome unknown) until settled. */
  markTry(reference: string): void {
    this.db
      .prepare(
        "UPDATE booking_attempts SET tries = tries + 1, state = 'sent', error_kind = NULL, updated_at = ? WHERE reference = ?",
      )
      .run(this.now(), reference);
  }

  succeed(reference: string, uid: string, settlement: Settlement = {}): void {
    const now = this.now();
    this.db.transaction(() => {
      for (const b of settlement.upsert ?? []) this.upsertBooking(b, now);
      for (const s of settlement.statuses ?? []) this.setStatusAt(s.uid, s.status, now);
      this.db
        .prepare(
          "UPDATE booking_attempts SET state = 'succeeded', uid = ?, error_kind = NULL, updated_at = ? WHERE reference = ?",
        )
        .run(uid, now, reference);
    })();
  }

  fail(reference: string, errorKind: NonNullable<Attempt["errorKind"]>): void {
    this.db
      .prepare(
        // Never over a success: a late "not found" must not undo what another path confirmed.
        "UPDATE booking_attempts SET state = 'failed', error_kind = ?, updated_at = ? WHERE reference = ? AND state <> 'succeeded'",
      )
      .run(errorKind, this.now(), reference);
  }

  unsettled(): Attempt[] {
    return (
      this.db
        .prepare("SELECT * FROM booking_attempts WHERE state = 'sent' ORDER BY created_at")
        .all() as Raw[]
    ).map(toAttempt);
  }

  getBooking(uid: string): StoredBooking | undefined {
    const row = this.db.prepare("SELECT * FROM bookings WHERE uid = ?").get(uid) as Raw | undefined;
    return row && toStored(row);
  }

  /** The user's bookings that still hold their time and have not ended, soonest first. */
  upcomingFor(telegramId: number, nowUtc: string): StoredBooking[] {
    return (
      this.db
        .prepare(
          `SELECT * FROM bookings WHERE telegram_id = ? AND end_utc > ? AND status NOT IN ('cancelled', 'rejected')
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
          `SELECT * FROM bookings WHERE end_utc > ? AND status NOT IN ('cancelled', 'rejected')
           ORDER BY start_utc LIMIT ?`,
        )
        .all(nowUtc, limit) as Raw[]
    ).map(toStored);
  }

  upsert(b: BookingRow): void {
    this.upsertBooking(b, this.now());
  }

  setStatus(uid: string, status: string): void {
    this.setStatusAt(uid, status, this.now());
  }

  private upsertBooking(b: BookingRow, now: string): void {
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

  private setStatusAt(uid: string, status: string, now: string): void {
    this.db.prepare("UPDATE bookings SET status = ?, updated_at = ? WHERE uid = ?").run(status, now, uid);
  }
}
