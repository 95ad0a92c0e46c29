import type { LengthChoice } from "../calcom/availability-cache.js";
import type { CalcomClient } from "../calcom/client.js";
import { assessEventType, refusalsOf } from "../calcom/event-type-check.js";
import type { AvailableSlot, Booking, EventTypeInfo } from "../calcom/types.js";
import { type Clock, iso, nowIso } from "../clock.js";
import type { StoredBooking } from "../db/bookings.js";
import type { Store } from "../db/index.js";
import type { Logger } from "../log.js";
import { Confirmations } from "./confirmations.js";
import { FallbackEmails } from "./fallback-email.js";
import type { CancelInput, CreateBookingInput, RescheduleInput } from "./inputs.js";
import { firstCheckAt, OpenWrites } from "./open-writes.js";
import { type ReconcileReport, reconcilePendingAttempts } from "./reconcile.js";
import { isActive } from "./status.js";
import { BookingSync, type SyncReport } from "./sync.js";
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
  /** Notices were queued outside a member's own update (a change found in Cal.com): deliver them. */
  noticesQueued?: (() => void) | undefined;
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
  private readonly sync: BookingSync;
  /** Admins' Confirm / Decline of bookings that require confirmation, and their outcomes. */
  readonly confirmations: Confirmations;
  private hostEmail: Promise<string | undefined> | undefined;

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
      hostEmail: () => this.sponsorEmail(),
      firstCheckAt,
    });
    this.open = new OpenWrites({
      attempts: d.store.attempts,
      writes: this.writes,
      clock: d.clock,
      log: d.log,
    });
    this.sync = new BookingSync({
      api: d.calcom.api,
      store: d.store,
      eventTypeId: () => d.calcom.eventTypes.current()?.id,
      adminIds: d.adminIds,
      invalidateAvailability: () => d.calcom.availability.invalidate(),
      noticesQueued: () => d.noticesQueued?.(),
      clock: d.clock,
      log: d.log,
    });
    this.confirmations = new Confirmations({
      api: d.calcom.api,
      adopt: (uid, fresh) => this.sync.adopt(uid, fresh),
      store: d.store,
      adminIds: d.adminIds,
      clock: d.clock,
      log: d.log,
    });
  }

  /** The API key owner's (the sponsor's) Cal.com email, asked once; undefined while Cal.com cannot say. */
  private sponsorEmail(): Promise<string | undefined> {
    this.hostEmail ??= this.d.calcom.api.me().then(
      (me) => me.email,
      (err: unknown) => {
        this.d.log.warn(
          { err },
          "could not read the sponsor's Cal.com account; moving without rescheduledBy",
        );
        this.hostEmail = undefined;
        return undefined;
      },
    );
    return this.hostEmail;
  }

  /**
   * The event type has a setting the bot cannot serve (calcom/event-type-check.ts): no booking or
   * moving. Unknown (Cal.com down at a first start): not refused — booking says the calendar is unreachable.
   */
  get refusesBooking(): boolean {
    const eventType = this.knownEventType();
    return eventType !== undefined && refusalsOf(assessEventType(eventType)).length > 0;
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

  /** Free slots of that length (default: the event type's) to the end of the booking window (UTC, cached for everyone). */
  availableSlots(
    opts?: { bookingUidToReschedule?: string | undefined } & LengthChoice,
  ): Promise<AvailableSlot[]> {
    return this.d.calcom.availability.get(opts);
  }

  /** Whether free slots of that length are cached and fresh (availableSlots() will not wait on Cal.com). */
  slotsReady(opts?: LengthChoice): boolean {
    return this.d.calcom.availability.isFresh(opts);
  }

  /** Warms the slot cache of that length in the background; never throws. */
  prefetch(opts?: LengthChoice): void {
    this.d.calcom.availability.prefetch(opts);
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
   * Re-reads a booking from Cal.com and brings the bot's record up to date (the sponsor may have
   * cancelled or moved it there), telling the member once as the sync pass does. Returns the
   * bot's record as it now stands (a moved booking's old record is cancelled; the new one is kept).
   */
  refreshBooking(uid: string): Promise<StoredBooking | undefined> {
    return this.sync.refresh(uid);
  }

  /** One sync pass over every coming booking the bot made (src/bookings/sync.ts). */
  syncWithCalendar(): Promise<SyncReport> {
    return this.sync.pass();
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

  /** A move or cancel of this booking is unsettled (sent, its outcome not known yet). */
  isBeingChanged(uid: string): boolean {
    return this.d.store.attempts.writingOn(uid);
  }

  storedBooking(uid: string): StoredBooking | undefined {
    return this.d.store.bookings.get(uid);
  }

  /**
   * Whether Cal.com's reschedule keeps this booking's length: it always books the event type's
   * default length (input.service.ts transformInputRescheduleBooking: `eventType.length`), so a
   * meeting of another of several offered lengths cannot be moved without changing it. With no
   * event type known (Cal.com down, none remembered) the move goes on, to be told the calendar is
   * unreachable at its first step — as it is with a remembered one.
   */
  moveKeepsLength(b: { startUtc: string; endUtc: string }): boolean {
    const eventType = this.knownEventType();
    if (eventType === undefined || eventType.lengthOptions.length < 2) return true;
    const minutes = Math.round((Date.parse(b.endUtc) - Date.parse(b.startUtc)) / 60_000);
    return minutes === eventType.lengthInMinutes;
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
