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
  /** When the last try was sent. */
  triedAt: string | undefined;
  /** Open (outcome unknown after an ambiguous try): when to look it up next; undefined otherwise. */
  checkAt: string | undefined;
  /** Lookups made since the last try. */
  checks: number;
  createdAt: string;
  updatedAt: string;
}

export type NewAttempt = Omit<
  Attempt,
  "state" | "uid" | "errorKind" | "tries" | "triedAt" | "checkAt" | "checks" | "createdAt" | "updatedAt"
>;

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
    triedAt: str(r.tried_at),
    checkAt: str(r.check_at),
    checks: Number(r.checks ?? 0),
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
      "UPDATE booking_attempts SET tries = tries + 1, state = 'sent', error_kind = NULL, tried_at = ?, check_at = NULL, checks = 0, updated_at = ? WHERE reference = ?",
    );
    const now = this.now();
    durably(this.db, () => update.run(now, now, reference));
  }

  /** Keeps a write open (outcome unknown): look it up at `checkAt`; `checks` made so far. */
  keepOpen(reference: string, checkAt: string, checks: number): void {
    this.db
      .prepare(
        "UPDATE booking_attempts SET check_at = ?, checks = ?, updated_at = ? WHERE reference = ? AND state = 'sent'",
      )
      .run(checkAt, checks, this.now(), reference);
  }

  /** Open writes whose next lookup is due. */
  due(now: string): Attempt[] {
    return (
      this.db
        .prepare("SELECT * FROM booking_attempts WHERE state = 'sent' AND check_at <= ? ORDER BY check_at")
        .all(now) as Raw[]
    ).map(toAttempt);
  }

  /** The member's open create other than `reference`, if any (one at a time per member). */
  /** Whether any write of this member (create, move or cancel) is still waiting for Cal.com's answer. */
  hasUnsettledOf(telegramId: number): boolean {
    return (
      this.db
        .prepare("SELECT 1 FROM booking_attempts WHERE telegram_id = ? AND state = 'sent' LIMIT 1")
        .get(telegramId) !== undefined
    );
  }

  openCreateOf(telegramId: number, reference: string): Attempt | undefined {
    const row = this.db
      .prepare(
        "SELECT * FROM booking_attempts WHERE telegram_id = ? AND kind = 'create' AND state = 'sent' AND check_at IS NOT NULL AND reference <> ? LIMIT 1",
      )
      .get(telegramId, reference) as Raw | undefined;
    return row && toAttempt(row);
  }

  succeed(reference: string, uid: string): void {
    this.db
      .prepare(
        "UPDATE booking_attempts SET state = 'succeeded', uid = ?, error_kind = NULL, check_at = NULL, updated_at = ? WHERE reference = ?",
      )
      .run(uid, this.now(), reference);
  }

  fail(reference: string, errorKind: NonNullable<Attempt["errorKind"]>): void {
    this.db
      .prepare(
        // Never over a success: a late "not found" must not undo what another path confirmed.
        "UPDATE booking_attempts SET state = 'failed', error_kind = ?, check_at = NULL, updated_at = ? WHERE reference = ? AND state <> 'succeeded'",
      )
      .run(errorKind, this.now(), reference);
  }

  /** Forgets every write made for this member (erase); returns how many. */
  deleteFor(telegramId: number): number {
    return this.db.prepare("DELETE FROM booking_attempts WHERE telegram_id = ?").run(telegramId).changes;
  }

  /**
   * Whether a move or cancel of this booking is unsettled — in flight, left by a crash, or open on
   * a lookup schedule (check_at set): Cal.com may already show its effect, which is the bot's own.
   */
  writingOn(uid: string): boolean {
    return (
      this.db
        .prepare("SELECT 1 FROM booking_attempts WHERE state = 'sent' AND target_uid = ? LIMIT 1")
        .get(uid) !== undefined
    );
  }

  /** Writes left 'sent' by a crash or a lost answer, not open on a lookup schedule (see due()). */
  unsettled(): Attempt[] {
    return (
      this.db
        .prepare(
          "SELECT * FROM booking_attempts WHERE state = 'sent' AND check_at IS NULL ORDER BY created_at",
        )
        .all() as Raw[]
    ).map(toAttempt);
  }
}
