import { IANAZone } from "luxon";
import type { CalcomApi } from "../calcom/api.js";
import type { AvailabilityCache } from "../calcom/availability-cache.js";
import { CalcomError, type CalcomErrorKind, isCalcomError } from "../calcom/errors.js";
import {
  type Booking,
  type EventTypeInfo,
  METADATA_REFERENCE_KEY,
  METADATA_SOURCE,
  METADATA_SOURCE_KEY,
} from "../calcom/types.js";
import type { Attempt, AttemptKind, NewAttempt } from "../db/booking-attempts.js";
import type { BookingRow, StoredBooking } from "../db/bookings.js";
import type { Store } from "../db/index.js";
import type { Logger } from "../log.js";
import type { FallbackEmails } from "./fallback-email.js";
import {
  type CancelInput,
  type CreateBookingInput,
  FINAL,
  isAlreadyCancelled,
  newReference,
  type RescheduleInput,
  utc,
} from "./inputs.js";
import { findCancelled, findCreated, findRescheduled } from "./lookup.js";
import { writeNotices } from "./notices.js";

export interface BookingWritesDeps {
  api: CalcomApi;
  store: Pick<Store, "attempts" | "bookings" | "outbox" | "transaction">;
  /** Who is told of every write besides the member. */
  adminIds: readonly number[];
  nowIso: () => string;
  emails: FallbackEmails;
  eventType: EventTypeInfo;
  availability: AvailabilityCache;
  log: Logger;
  /** Delay before the one re-send allowed once a write is known not to have been applied. */
  resendDelay: () => Promise<void>;
  /**
   * The sponsor's (the API key owner's) Cal.com email, sent as a move's `rescheduledBy` so a move
   * on an event type that requires confirmation need not be confirmed again; undefined if unknown.
   */
  hostEmail: () => Promise<string | undefined>;
}

/**
 * The write protocol: create, reschedule and cancel are journalled in `booking_attempts` before
 * they are sent, idempotent per reference, and after an ambiguous failure looked up before any
 * re-send.
 */
export class BookingWrites {
  private readonly inflight = new Map<string, Promise<Booking>>();

  constructor(private readonly d: BookingWritesDeps) {}

  /** References whose write is running in this process (reconciliation leaves them alone). */
  isInFlight(reference: string): boolean {
    return this.inflight.has(reference);
  }

  create(input: CreateBookingInput): Promise<Booking> {
    return this.singleFlight(input.reference, () => this.doCreate(input));
  }

  reschedule(input: RescheduleInput): Promise<Booking> {
    const reference = input.reference ?? newReference();
    return this.singleFlight(reference, () => this.doReschedule({ ...input, reference }));
  }

  cancel(input: CancelInput): Promise<Booking> {
    const reference = input.reference ?? newReference();
    return this.singleFlight(reference, () => this.doCancel({ ...input, reference }));
  }

  /** Finds out whether an attempt's write happened; records and returns the result if so. */
  async lookup(a: Attempt): Promise<Booking | undefined> {
    const length = a.lengthMinutes ?? this.d.eventType.lengthInMinutes;
    if (a.kind === "create") return findCreated(this.d.api, a, length);
    if (a.kind === "reschedule") return findRescheduled(this.d.api, a, length);
    return findCancelled(this.d.api, a);
  }

  /**
   * Records a write Cal.com applied — the attempt, the booking rows and who must learn of it (the
   * outbox) in one transaction — then updates the slot cache.
   */
  settle(a: Attempt, b: Booking): Booking {
    const { store } = this.d;
    const now = this.d.nowIso();
    store.transaction(() => {
      const old = a.targetUid === undefined ? undefined : store.bookings.get(a.targetUid);
      if (a.kind === "cancel") {
        store.bookings.setStatus(b.uid, b.status, now);
      } else {
        store.bookings.upsert(this.rowFor(a, b, old), now);
        if (a.targetUid !== undefined) store.bookings.setStatus(a.targetUid, "cancelled", now);
      }
      store.attempts.succeed(a.reference, b.uid);
      store.outbox.enqueue(writeNotices(a, b, old?.startUtc, this.d.adminIds), now);
    });
    // A new booking takes its time away at once (known here), and Cal.com is asked again in a
    // moment for what else changed (one request for a burst); a cancel or a move frees one: ask again.
    if (a.kind === "create") {
      this.d.availability.markBooked(b.startUtc, b.endUtc);
      this.d.availability.refreshSoon();
    } else {
      this.d.availability.invalidate();
    }
    this.d.log.info({ calcom: a.kind, uid: b.uid, reference: a.reference }, "Cal.com booking write settled");
    return b;
  }

  /** The bookings row for a created or moved booking: what the user gave wins over Cal.com's echo. */
  private rowFor(a: Attempt, b: Booking, old: StoredBooking | undefined): BookingRow {
    return {
      uid: b.uid,
      telegramId: a.telegramId,
      reference: b.reference ?? old?.reference ?? a.reference,
      startUtc: b.startUtc,
      endUtc: b.endUtc,
      status: b.status,
      attendeeName: b.attendee?.name ?? a.attendeeName ?? "",
      attendeeEmail: a.attendeeEmail ?? b.attendee?.email ?? "",
      timeZone: a.timeZone ?? b.attendee?.timeZone ?? "UTC",
      language: a.language ?? b.attendee?.language,
      location: b.location ?? undefined,
      rescheduledFromUid: b.rescheduledFromUid ?? a.targetUid,
    };
  }

  /** A stored row as a Booking, for replies to a reference that already succeeded. */
  fromRow(row: StoredBooking): Booking {
    return {
      uid: row.uid,
      title: this.d.eventType.title,
      status: row.status,
      startUtc: row.startUtc,
      endUtc: row.endUtc,
      durationMinutes: Math.round((Date.parse(row.endUtc) - Date.parse(row.startUtc)) / 60_000),
      location: row.location ?? null,
      attendee: {
        name: row.attendeeName,
        email: row.attendeeEmail,
        timeZone: row.timeZone,
        language: row.language,
      },
      reference: row.reference,
      rescheduledFromUid: row.rescheduledFromUid,
      rescheduledToUid: undefined,
    };
  }

  /** One running write per reference in this process: a second call joins the first. */
  private singleFlight(reference: string, run: () => Promise<Booking>): Promise<Booking> {
    const running = this.inflight.get(reference);
    if (running) return running;
    const p = run().finally(() => this.inflight.delete(reference));
    this.inflight.set(reference, p);
    return p;
  }

  private async doCreate(input: CreateBookingInput): Promise<Booking> {
    const op = "createBooking";
    const startUtc = utc(input.startUtc, op);
    const name = input.name.trim();
    if (name === "") throw new CalcomError({ kind: "invalid_input", operation: op, code: "name_required" });
    if (!IANAZone.isValidZone(input.timeZone)) {
      throw new CalcomError({ kind: "invalid_input", operation: op, code: "bad_time_zone" });
    }
    const email = input.email?.trim() || this.d.emails.forUser(input.telegramId);
    if (!email) throw new CalcomError({ kind: "invalid_email", operation: op, code: "email_required" });
    return this.run(
      {
        reference: input.reference,
        kind: "create",
        telegramId: input.telegramId,
        startUtc,
        targetUid: undefined,
        attendeeName: name,
        attendeeEmail: email,
        timeZone: input.timeZone,
        language: input.language,
        reason: undefined,
        messageId: input.replaceMessageId,
        lengthMinutes: this.lengthToAsk(input.lengthMinutes),
      },
      (a) =>
        this.d.api.createBooking({
          start: a.startUtc as string,
          eventTypeId: this.d.eventType.id,
          ...(a.lengthMinutes !== undefined ? { lengthInMinutes: a.lengthMinutes } : {}),
          attendee: {
            name: a.attendeeName as string,
            email: a.attendeeEmail as string,
            timeZone: a.timeZone as string,
            ...(a.language ? { language: a.language } : {}),
          },
          metadata: { [METADATA_REFERENCE_KEY]: a.reference, [METADATA_SOURCE_KEY]: METADATA_SOURCE },
        }),
    );
  }

  private async doReschedule(input: RescheduleInput & { reference: string }): Promise<Booking> {
    const row = this.owned(input.uid, input.telegramId, "rescheduleBooking");
    return this.run(
      {
        reference: input.reference,
        kind: "reschedule",
        telegramId: input.telegramId,
        startUtc: utc(input.newStartUtc, "rescheduleBooking"),
        targetUid: input.uid,
        attendeeName: row.attendeeName,
        attendeeEmail: row.attendeeEmail,
        timeZone: input.timeZone ?? row.timeZone,
        language: row.language,
        reason: input.reason,
        messageId: input.replaceMessageId,
      },
      async (a) =>
        this.d.api.rescheduleBooking(input.uid, a.startUtc as string, {
          reason: a.reason,
          rescheduledBy: await this.d.hostEmail(),
        }),
    );
  }

  private async doCancel(input: CancelInput & { reference: string }): Promise<Booking> {
    const row = this.owned(input.uid, input.telegramId, "cancelBooking");
    return this.run(
      {
        reference: input.reference,
        kind: "cancel",
        telegramId: input.telegramId,
        startUtc: row.startUtc,
        targetUid: input.uid,
        attendeeName: undefined,
        attendeeEmail: row.attendeeEmail,
        timeZone: undefined,
        language: undefined,
        reason: input.reason,
        messageId: input.replaceMessageId,
      },
      (a) => this.d.api.cancelBooking(input.uid, a.reason ?? ""),
    );
  }

  /**
   * The `lengthInMinutes` to send: only where the event type offers several lengths (Cal.com
   * refuses the field otherwise), and only one it offers (else the default length).
   */
  private lengthToAsk(wanted: number | undefined): number | undefined {
    const options = this.d.eventType.lengthOptions;
    if (options.length < 2) return undefined;
    return wanted !== undefined && options.includes(wanted) ? wanted : this.d.eventType.lengthInMinutes;
  }

  /** A user may only move or cancel bookings the bot made for them (callback data can be forged). */
  private owned(uid: string, telegramId: number, operation: string): StoredBooking {
    const row = this.d.store.bookings.get(uid);
    if (row === undefined || row.telegramId !== telegramId) {
      throw new CalcomError(
        { kind: "not_found", operation, code: "not_owner" },
        `booking ${uid} is not this user's`,
      );
    }
    return row;
  }

  /** The journal protocol shared by all writes: record, send, and on ambiguity look before re-sending. */
  private async run(wanted: NewAttempt, send: (a: Attempt) => Promise<Booking>): Promise<Booking> {
    const { attempts, bookings } = this.d.store;
    let attempt = attempts.get(wanted.reference);
    if (attempt === undefined) {
      attempt = attempts.record(wanted);
    } else {
      this.checkSameRequest(attempt, wanted);
      if (attempt.state === "succeeded" && attempt.uid !== undefined) {
        const row = bookings.get(attempt.uid);
        if (row) return this.fromRow(row);
      }
      if (attempt.state === "failed" && attempt.errorKind !== undefined && FINAL.has(attempt.errorKind)) {
        throw new CalcomError({
          kind: attempt.errorKind as CalcomErrorKind,
          operation: attempt.kind,
          code: "replayed",
        });
      }
      if (attempt.state === "sent" && attempt.tries > 0) {
        const found = await this.lookup(attempt);
        if (found) return this.settle(attempt, found);
      }
    }
    return this.send(attempt, send);
  }

  private async send(a: Attempt, send: (a: Attempt) => Promise<Booking>): Promise<Booking> {
    let ambiguousBefore = false;
    for (let round = 1; ; round++) {
      this.d.store.attempts.markTry(a.reference);
      try {
        return this.settle(a, await send(a));
      } catch (e) {
        if (!isCalcomError(e)) throw e;
        if (e.ambiguous || (ambiguousBefore && e.kind !== "auth" && e.kind !== "rate_limited")) {
          // Cal.com may have applied it (or an earlier ambiguous try may have): look before anything else.
          ambiguousBefore = true;
          let found: Booking | undefined;
          try {
            found = await this.lookup(a);
          } catch (lookupError) {
            this.d.log.warn(
              { calcom: a.kind, reference: a.reference, err: lookupError },
              "lookup after failure failed",
            );
            throw e; // outcome unknown: the attempt stays 'sent' for reconciliation
          }
          if (found) return this.settle(a, found);
          if (e.ambiguous && round < 2) {
            this.d.log.warn(
              { calcom: a.kind, reference: a.reference },
              "write not applied by Cal.com; sending once more",
            );
            await this.d.resendDelay();
            continue;
          }
          if (e.ambiguous) throw e; // still unknown (the last send may land later): stays 'sent'
        }
        if (a.kind === "cancel" && isAlreadyCancelled(e)) {
          const b = await this.lookup(a);
          if (b) return this.settle(a, b);
        }
        if (e.kind === "slot_unavailable") this.d.availability.invalidate();
        this.d.store.attempts.fail(a.reference, e.kind);
        throw e;
      }
    }
  }

  private checkSameRequest(a: Attempt, wanted: NewAttempt): void {
    const same =
      a.kind === (wanted.kind as AttemptKind) &&
      a.telegramId === wanted.telegramId &&
      a.startUtc === wanted.startUtc &&
      a.targetUid === wanted.targetUid &&
      (a.lengthMinutes ?? null) === (wanted.lengthMinutes ?? null);
    if (!same) {
      throw new CalcomError(
        { kind: "invalid_input", operation: wanted.kind, code: "reference_reused" },
        `reference ${wanted.reference} was already used for a different request`,
      );
    }
  }
}
