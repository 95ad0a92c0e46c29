import type { CalcomClient } from "../calcom/client.js";
import type { AvailableSlot, Booking, EventTypeInfo } from "../calcom/types.js";
import { type Clock, iso, nowIso } from "../clock.js";
import type { StoredBooking } from "../db/bookings.js";
import type { Store } from "../db/index.js";
import type { Logger } from "../log.js";
import { FallbackEmails } from "./fallback-email.js";
import type { CancelInput, CreateBookingInput, RescheduleInput } from "./inputs.js";
import { firstCheckAt, OpenWrites } from "./open-writes.js";
import { type ReconcileReport, reconcilePendingAttempts } from "./reconcile.js";
import { isActive } from "./status.js";
import { BookingWrites } from "./write-protocol.js";

export interface BookingServiceDeps {
  calcom: CalcomClient;
  store: Store;
  clock: Clock;
  log: Logger;
  /** Admins are told of every booking, move and cancel. */
  adminIds: readonly number[];
  /** The operator's mailbox for members who skip email (CALCOM_FALLBACK_EMAIL). */
  fallbackMailbox: string | undefined;
  /** How many upcoming bookings one member may hold (MAX_UPCOMING_BOOKINGS_PER_USER), and who is exempt. */
  cap: { perMember: number; exempt: (telegramId: number) => boolean };
}

/** A meeting that has begun can no longer be cancelled or moved. */
const hasBegun = (b: { startUtc: string }, now: number) => Date.parse(b.startUtc) <= now;

/** Why a member may not change a booking (each has its own alert text). */
export type NotChangeable = "notFound" | "alreadyCancelled" | "alreadyStarted";

/**
 * Bookings as the bot knows them: Cal.com (through the client) is the source of truth, the
 * bookings table is the bot's record of what it made and for whom. Features go through here for
 * free times, writes (the journalled protocol), lists and "may this member change this booking".
 */
export class BookingService {
  private readonly writes: BookingWrites;
  private readonly open: OpenWrites;
  private readonly emails: FallbackEmails;

  constructor(private readonly d: BookingServiceDeps) {
    const now = () => nowIso(d.clock);
    this.emails = new FallbackEmails(d.store.emailTags, d.fallbackMailbox, now);
    this.writes = new BookingWrites({
      api: d.calcom.api,
      store: d.store,
      adminIds: d.adminIds,
      nowIso: now,
      emails: this.emails,
      eventTypes: d.calcom.eventTypes,
      availability: d.calcom.availability,
      log: d.log,
      firstCheckAt,
    });
    this.open = new OpenWrites({
      attempts: d.store.attempts,
      writes: this.writes,
      clock: d.clock,
      log: d.log,
    });
  }

  /** The booked event type; CalcomError "unavailable" while none is known (Cal.com down at a first start). */
  get eventType(): EventTypeInfo {
    return this.d.calcom.eventType;
  }

  /** The event type if known (from Cal.com, now or on an earlier run). */
  knownEventType(): EventTypeInfo | undefined {
    return this.d.calcom.eventTypes.current();
  }

  /** False when no fallback mailbox is configured: every member must give an email. */
  get emailOptional(): boolean {
    return this.emails.emailOptional;
  }

  /** Free slots from now to the end of the booking window (UTC, cached for everyone). */
  availableSlots(opts?: { bookingUidToReschedule?: string | undefined }): Promise<AvailableSlot[]> {
    return this.d.calcom.availability.get(opts);
  }

  /** Whether free slots are cached and fresh (availableSlots() will not wait on Cal.com). */
  slotsReady(): boolean {
    return this.d.calcom.availability.isFresh();
  }

  /** Warms the slot cache in the background; never throws. */
  prefetch(): void {
    this.d.calcom.availability.prefetch();
  }

  invalidateAvailability(): void {
    this.d.calcom.availability.invalidate();
  }

  /** The plus-addressed fallback address for a member who skips email (undefined without a mailbox). */
  fallbackEmailFor(telegramId: number): string | undefined {
    return this.emails.forUser(telegramId);
  }

  isFallbackEmail(email: string): boolean {
    return this.emails.isFallback(email);
  }

  createBooking(input: CreateBookingInput): Promise<Booking> {
    return this.writes.create(input);
  }

  rescheduleBooking(input: RescheduleInput): Promise<Booking> {
    return this.writes.reschedule(input);
  }

  cancelBooking(input: CancelInput): Promise<Booking> {
    return this.writes.cancel(input);
  }

  /** Cal.com's current view of one booking (no local change). */
  getBooking(uid: string): Promise<Booking> {
    return this.d.calcom.api.getBooking(uid);
  }

  /**
   * Re-reads a booking from Cal.com and brings the bot's record up to date (e.g. the host
   * cancelled or moved it there). A move made on Cal.com's side cancels the old uid and points
   * at the new one, which belongs to the same member: it is recorded so lists and reminders follow.
   */
  async refreshBooking(uid: string): Promise<Booking> {
    const { api } = this.d.calcom;
    const { bookings } = this.d.store;
    const b = await api.getBooking(uid);
    const row = bookings.get(uid);
    if (!row) return b;
    const now = nowIso(this.d.clock);
    bookings.upsert(
      { ...row, startUtc: b.startUtc, endUtc: b.endUtc, status: b.status, location: b.location ?? undefined },
      now,
    );
    if (b.rescheduledToUid && !bookings.get(b.rescheduledToUid)) {
      const moved = await api.getBooking(b.rescheduledToUid);
      bookings.upsert(
        {
          ...row,
          uid: moved.uid,
          startUtc: moved.startUtc,
          endUtc: moved.endUtc,
          status: moved.status,
          location: moved.location ?? undefined,
          rescheduledFromUid: uid,
        },
        now,
      );
    }
    return b;
  }

  /** Cal.com's upcoming bookings for this attendee email, re-checked here (a wrong version ignores the filter). */
  async listUpcomingBookings(attendeeEmail: string): Promise<Booking[]> {
    const now = this.d.clock.now();
    const wanted = attendeeEmail.trim().toLowerCase();
    const list = await this.d.calcom.api.listBookings({
      attendeeEmail,
      status: "upcoming",
      afterStart: iso(now),
      sortStart: "asc",
      take: 100,
    });
    return list.filter(
      (b) => b.attendee?.email.trim().toLowerCase() === wanted && isActive(b) && Date.parse(b.endUtc) > now,
    );
  }

  /** The member's active bookings that have not ended, soonest first (the bot's records). */
  upcomingBookingsOf(telegramId: number): StoredBooking[] {
    return this.d.store.bookings.upcomingFor(telegramId, nowIso(this.d.clock));
  }

  /** The member's active bookings that have not begun yet, soonest first: what /mybookings lists. */
  comingBookingsOf(telegramId: number): StoredBooking[] {
    const now = this.d.clock.now();
    return this.upcomingBookingsOf(telegramId).filter((b) => !hasBegun(b, now));
  }

  /**
   * The one rule on how many bookings a member may hold: fewer coming bookings than the cap, or
   * exempt (admins). Checked before a booking dialog starts and again right before Cal.com is asked.
   */
  mayBookMore(telegramId: number): boolean {
    const { cap } = this.d;
    return cap.exempt(telegramId) || this.comingBookingsOf(telegramId).length < cap.perMember;
  }

  /** Every active booking made through the bot that has not ended (for admins); all of them by default. */
  upcomingBookings(limit?: number): StoredBooking[] {
    // SQLite reads a negative LIMIT as "no limit".
    return this.d.store.bookings.upcomingAll(nowIso(this.d.clock), limit ?? -1);
  }

  storedBooking(uid: string): StoredBooking | undefined {
    return this.d.store.bookings.get(uid);
  }

  /** The member's booking if they may still move or cancel it, else why not. */
  changeable(uid: string, telegramId: number): StoredBooking | NotChangeable {
    const booking = this.d.store.bookings.get(uid);
    if (!booking || booking.telegramId !== telegramId) return "notFound";
    if (!isActive(booking)) return "alreadyCancelled";
    if (hasBegun(booking, this.d.clock.now())) return "alreadyStarted";
    return booking;
  }

  /**
   * Looks up the writes left open after an ambiguous try that are due, settling what it can;
   * returns how many settled (their notices are queued). Never throws.
   */
  settleOpenWrites(): Promise<number> {
    return this.open.pass();
  }

  /** Settles writes a crash or a lost answer left open; safe to run again. */
  reconcilePendingAttempts(): Promise<ReconcileReport> {
    return reconcilePendingAttempts(this.d.store.attempts, this.writes, this.d.log, this.d.clock.now());
  }
}
