import type { CalcomErrorKind } from "../calcom/errors.js";
import { type Db, durably } from "./open.js";

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
  /** The meeting length asked for (creates on an event type with several lengths); else the default. */
  lengthMinutes?: number | undefined;
  /** The dialog message the result replaces (the summary the member confirmed), if any. */
  messageId: number | undefined;
  state: AttemptState;
  uid: string | undefined;
  errorKind: CalcomErrorKind | "not_applied" | undefined;
  tries: number;
  createdAt: string;
  updatedAt: string;
}

export type NewAttempt = Omit<Attempt, "state" | "uid" | "errorKind" | "tries" | "createdAt" | "updatedAt">;

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
    lengthMinutes:
      r.length_minutes === null || r.length_minutes === undefined ? undefined : Number(r.length_minutes),
    messageId: r.message_id === null || r.message_id === undefined ? undefined : Number(r.message_id),
    state: r.state as AttemptState,
    uid: str(r.uid),
    errorKind: str(r.error_kind) as Attempt["errorKind"],
    tries: Number(r.tries),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
  };
}

/** The journal of writes to Cal.com: each is recorded before it is sent and settled after. */
export class BookingAttemptsRepo {
  constructor(
    private readonly db: Db,
    private readonly now: () => string,
  ) {}

  get(reference: string): Attempt | undefined {
    const row = this.db.prepare("SELECT * FROM booking_attempts WHERE reference = ?").get(reference) as
      | Raw
      | undefined;
    return row && toAttempt(row);
  }

  /** Records the attempt as 'sent' before any byte leaves the process (durable against a power loss). */
  record(a: NewAttempt): Attempt {
    const now = this.now();
    const insert = this.db.prepare(
      `INSERT INTO booking_attempts (reference, kind, telegram_id, start_utc, target_uid, attendee_name,
           attendee_email, time_zone, language, reason, message_id, length_minutes, state, tries, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'sent', 0, ?, ?)`,
    );
    durably(this.db, () =>
      insert.run(
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
        a.messageId ?? null,
        a.lengthMinutes ?? null,
        now,
        now,
      ),
    );
    return this.get(a.reference) as Attempt;
  }

  /**
   * Counts one request about to be sent; the attempt is 'sent' (outcome unknown) until settled.
   * Durable against a power loss: a try Cal.com may have applied is looked up before any re-send.
   */
  markTry(reference: string): void {
    const update = this.db.prepare(
      "UPDATE booking_attempts SET tries = tries + 1, state = 'sent', error_kind = NULL, updated_at = ? WHERE reference = ?",
    );
    durably(this.db, () => update.run(this.now(), reference));
  }

  succeed(reference: string, uid: string): void {
    this.db
      .prepare(
        "UPDATE booking_attempts SET state = 'succeeded', uid = ?, error_kind = NULL, updated_at = ? WHERE reference = ?",
      )
      .run(uid, this.now(), reference);
  }

  fail(reference: string, errorKind: NonNullable<Attempt["errorKind"]>): void {
    this.db
      .prepare(
        // Never over a success: a late "not found" must not undo what another path confirmed.
        "UPDATE booking_attempts SET state = 'failed', error_kind = ?, updated_at = ? WHERE reference = ? AND state <> 'succeeded'",
      )
      .run(errorKind, this.now(), reference);
  }

  /** Forgets every write made for this member (erase); returns how many. */
  deleteFor(telegramId: number): number {
    return this.db.prepare("DELETE FROM booking_attempts WHERE telegram_id = ?").run(telegramId).changes;
  }

  unsettled(): Attempt[] {
    return (
      this.db
        .prepare("SELECT * FROM booking_attempts WHERE state = 'sent' ORDER BY created_at")
        .all() as Raw[]
    ).map(toAttempt);
  }
}
