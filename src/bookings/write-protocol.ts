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
import { notAppliedNotice, writeNotices } from "./notices.js";
import { WriteStillOpen } from "./outcomes.js";
import { isActive } from "./status.js";

/**
 * "Already cancelled", yet the lookup found no cancel (findCancelled): the sponsor moved the
 * booking in Cal.com first. To the member it is no longer among their meetings at that time (the
 * sync tells them where it went), not a fault in the calendar's setup.
 */
function movedAway(e: CalcomError): CalcomError {
  return new CalcomError({ kind: "not_found", operation: e.operation, status: e.status, code: "moved_away" });
}

/**
 * A booking as this create or move made it. One a lookup finds already off — the sponsor declined,
 * cancelled or moved it in Cal.com before the lost answer was looked up — is recorded as made
 * (`pending` if declined, else `accepted`): the member hears of their booking, and the sync then
 * tells the sponsor's change as the sponsor's, instead of "booked" for a meeting that is off.
 */
function asMade(a: Attempt, b: Booking): Booking {
  if (a.kind === "cancel" || isActive(b)) return b;
  return { ...b, status: b.status === "rejected" ? "pending" : "accepted", rescheduledToUid: undefined };
}

export interface BookingWritesDeps {
  api: CalcomApi;
  store: Pick<Store, "attempts" | "bookings" | "outbox" | "transaction">;
  /** Who is told of every write besides the member. */
  adminIds: readonly number[];
  nowIso: () => string;
  emails: FallbackEmails;
  /** The booked event type; `get` throws CalcomError "unavailable" while none is known. */
  eventTypes: { get(): EventTypeInfo; current(): EventTypeInfo | undefined };
  availability: AvailabilityCache;
  log: Logger;
  /**
   * The sponsor's (the API key owner's) Cal.com email, sent as a move's `rescheduledBy` so a move
   * on an event type that requires confirmation need not be confirmed again; undefined if unknown.
   */
  hostEmail: () => Promise<string | undefined>;
  /** When an open write is looked up first after an ambiguous try (ISO). */
  firstCheckAt: (triedAt: string) => string;
}

/**
 * The write protocol: create, reschedule and cancel are journalled in `booking_attempts` before
 * they are sent, idempotent per reference. After an ambiguous failure the write is looked up at
 * once; if Cal.com does not show it, it stays open (WriteStillOpen) and OpenWrites looks again on
 * a schedule before the one re-send — never while the first try may still commit.
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
    const length = a.lengthMinutes ?? this.d.eventTypes.get().lengthInMinutes;
    if (a.kind === "create") return findCreated(this.d.api, a, length);
    if (a.kind === "reschedule") return findRescheduled(this.d.api, a, length);
    return findCancelled(this.d.api, a);
  }

  /**
   * Records a write Cal.com applied — the attempt, the booking rows and who must learn of it (the
   * outbox) in one transaction — then updates the slot cache.
   */
  settle(a: Attempt, found: Booking): Booking {
    const b = asMade(a, found);
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
      title: this.d.eventTypes.current()?.title ?? "",
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
    // Cal.com down at a first start (no event type known yet): nothing is recorded or sent.
    this.d.eventTypes.get();
    // One open create per member: a second one waits for the first's answer.
    if (this.d.store.attempts.openCreateOf(input.telegramId, input.reference)) throw new WriteStillOpen(true);
    return this.run({
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
    });
  }

  private async doReschedule(input: RescheduleInput & { reference: string }): Promise<Booking> {
    const row = this.owned(input.uid, input.telegramId, "rescheduleBooking");
    return this.run({
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
    });
  }

  private async doCancel(input: CancelInput & { reference: string }): Promise<Booking> {
    const row = this.owned(input.uid, input.telegramId, "cancelBooking");
    return this.run({
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
    });
  }

  /** The request an attempt stands for, built from the journal alone (a re-send needs no dialog). */
  private async post(a: Attempt): Promise<Booking> {
    const { api } = this.d;
    if (a.kind === "reschedule") {
      return api.rescheduleBooking(a.targetUid as string, a.startUtc as string, {
        reason: a.reason,
        rescheduledBy: await this.d.hostEmail(),
      });
    }
    if (a.kind === "cancel") return api.cancelBooking(a.targetUid as string, a.reason ?? "");
    return api.createBooking({
      start: a.startUtc as string,
      eventTypeId: this.d.eventTypes.get().id,
      ...(a.lengthMinutes !== undefined ? { lengthInMinutes: a.lengthMinutes } : {}),
      attendee: {
        name: a.attendeeName as string,
        email: a.attendeeEmail as string,
        timeZone: a.timeZone as string,
        ...(a.language ? { language: a.language } : {}),
      },
      metadata: { [METADATA_REFERENCE_KEY]: a.reference, [METADATA_SOURCE_KEY]: METADATA_SOURCE },
    });
  }

  /**
   * The `lengthInMinutes` to send: only where the event type offers several lengths (Cal.com
   * refuses the field otherwise), and only one it offers (else the default length).
   */
  private lengthToAsk(wanted: number | undefined): number | undefined {
    const eventType = this.d.eventTypes.get();
    const options = eventType.lengthOptions;
    if (options.length < 2) return undefined;
    return wanted !== undefined && options.includes(wanted) ? wanted : eventType.lengthInMinutes;
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

  /** The journal protocol shared by all writes: record, send, and on ambiguity look before anything else. */
  private async run(wanted: NewAttempt): Promise<Booking> {
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
        // Open: the earlier try may still commit; OpenWrites decides when a re-send is safe.
        if (attempt.checkAt !== undefined) throw new WriteStillOpen(false);
      }
    }
    return this.sendOnce(attempt);
  }

  /** The one re-send of an open write, once its lookups show the earlier try did not commit. */
  resend(a: Attempt): Promise<Booking> {
    return this.singleFlight(a.reference, () => this.sendOnce(a));
  }

  /**
   * One POST. Ambiguous → looked up at once, else left open (WriteStillOpen). A refusal after an
   * earlier ambiguous try is looked up too: that try may be what now stands in the way.
   */
  private async sendOnce(a: Attempt): Promise<Booking> {
    const triedBefore = a.tries > 0;
    this.d.store.attempts.markTry(a.reference);
    try {
      return this.settle(a, await this.post(a));
    } catch (e) {
      if (!isCalcomError(e)) throw e;
      const refusal = !e.ambiguous && e.kind !== "auth" && e.kind !== "rate_limited";
      if (e.ambiguous || (triedBefore && refusal) || (a.kind === "cancel" && isAlreadyCancelled(e))) {
        const found = await this.lookupQuietly(a);
        if (found) return this.settle(a, found);
        // Still unknown (an ambiguous try, or Cal.com could not be asked): open, never re-sent now.
        if (e.ambiguous || found === null) return this.keepOpen(a);
        // Otherwise Cal.com shows the write was not applied: the refusal stands.
      }
      if (e.kind === "slot_unavailable") this.d.availability.invalidate();
      const stands = a.kind === "cancel" && isAlreadyCancelled(e) ? movedAway(e) : e;
      this.d.store.attempts.fail(a.reference, stands.kind);
      throw stands;
    }
  }

  /** The write's result, undefined when Cal.com shows it was not applied, null when it could not be asked. */
  private async lookupQuietly(a: Attempt): Promise<Booking | undefined | null> {
    try {
      return await this.lookup(a);
    } catch (err) {
      this.d.log.warn({ calcom: a.kind, reference: a.reference, err }, "lookup after failure failed");
      return null;
    }
  }

  private keepOpen(a: Attempt): never {
    const triedAt = this.d.store.attempts.get(a.reference)?.triedAt ?? this.d.nowIso();
    this.d.store.attempts.keepOpen(a.reference, this.d.firstCheckAt(triedAt), 0);
    this.d.log.warn({ calcom: a.kind, reference: a.reference }, "Cal.com write outcome unknown; kept open");
    throw new WriteStillOpen(false);
  }

  /** An open write that was not applied in the end: failed, and the member told (one transaction). */
  giveUp(a: Attempt, errorKind: NonNullable<Attempt["errorKind"]>): void {
    const { store } = this.d;
    const row = a.targetUid === undefined ? undefined : store.bookings.get(a.targetUid);
    const zone = a.timeZone ?? row?.timeZone ?? "UTC";
    store.transaction(() => {
      store.attempts.fail(a.reference, errorKind);
      store.outbox.enqueue(notAppliedNotice(a, errorKind === "slot_unavailable", zone), this.d.nowIso());
    });
    this.d.log.info({ calcom: a.kind, reference: a.reference, errorKind }, "open Cal.com write not applied");
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
