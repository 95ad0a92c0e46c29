import type { Clock } from "../clock.js";
import type { Config } from "../config.js";
import type { Db } from "../db/open.js";
import type { Logger } from "../log.js";
import { CalcomApi } from "./api.js";
import { AvailabilityCache } from "./availability-cache.js";
import type { CancelInput, CreateBookingInput, RescheduleInput } from "./booking-inputs.js";
import { BookingJournal, type StoredBooking } from "./booking-journal.js";
import { BookingWrites } from "./booking-writes.js";
import type { CalcomError } from "./errors.js";
import { resolveEventType } from "./event-type.js";
import { FallbackEmails } from "./fallback-email.js";
import { CalcomHttp, type FetchOptions } from "./http.js";
import { type ReconcileReport, reconcilePendingAttempts } from "./reconcile.js";
import { type AvailableSlot, type Booking, type EventTypeInfo, isActive } from "./types.js";

export interface CalcomDeps {
  config: Pick<Config, "calcom" | "availabilityCacheTtlSeconds" | "bookingWindowDays">;
  db: Db;
  clock: Clock;
  log: Logger;
  /** Cal.com refused the API key (401/403); called at most once. The bot alerts the admins. */
  onAuthFailure?: ((error: CalcomError) => void) | undefined;
  fetchOptions?: FetchOptions | undefined;
}

/** Everything the bot may ask of Cal.com. The only way into Cal.com. */
export interface Calcom {
  /** The booked event type as Cal.com describes it (title, duration, locations). */
  readonly eventType: EventTypeInfo;
  /** False when no fallback mailbox is configured: the bot must ask every user for an email. */
  readonly emailOptional: boolean;
  /** Free slots from now to the end of the booking window (UTC, cached for everyone). */
  availableSlots(opts?: { bookingUidToReschedule?: string | undefined }): Promise<AvailableSlot[]>;
  /** Whether free slots are cached and fresh (availableSlots() will not wait on Cal.com). */
  slotsReady(): boolean;
  /** Warms the slot cache in the background; never throws. */
  prefetch(): void;
  invalidateAvailability(): void;
  /** The plus-addressed fallback address for a user who skips email (undefined without a mailbox). */
  fallbackEmailFor(telegramId: number): string | undefined;
  isFallbackEmail(email: string): boolean;
  createBooking(input: CreateBookingInput): Promise<Booking>;
  rescheduleBooking(input: RescheduleInput): Promise<Booking>;
  cancelBooking(input: CancelInput): Promise<Booking>;
  getBooking(uid: string): Promise<Booking>;
  /** Re-reads a booking from Cal.com and updates the local row (e.g. the host cancelled it in Cal.com). */
  refreshBooking(uid: string): Promise<Booking>;
  /** Cal.com's upcoming bookings for this attendee email, re-checked here (a wrong version ignores the filter). */
  listUpcomingBookings(attendeeEmail: string): Promise<Booking[]>;
  /** The user's upcoming bookings from the local table (no Cal.com call). */
  upcomingBookingsOf(telegramId: number): StoredBooking[];
  /** Every upcoming booking made through the bot (local table; for admins). */
  upcomingBookings(limit?: number): StoredBooking[];
  storedBooking(uid: string): StoredBooking | undefined;
  /** Settles writes left pending by a crash; call once at start-up. */
  reconcilePendingAttempts(): Promise<ReconcileReport>;
  close(): Promise<void>;
}

/** Low-level pieces without the start-up lookup, for tools such as the doctor. */
export function createCalcomApi(deps: Omit<CalcomDeps, "db">): { http: CalcomHttp; api: CalcomApi } {
  const http = new CalcomHttp({
    apiUrl: deps.config.calcom.apiUrl,
    apiKey: deps.config.calcom.apiKey,
    bookingsApiVersion: deps.config.calcom.bookingsApiVersion,
    clock: deps.clock,
    log: deps.log,
    onAuthFailure: deps.onAuthFailure,
    fetchOptions: deps.fetchOptions,
  });
  return { http, api: new CalcomApi(http) };
}

/**
 * Builds the Cal.com client and looks the event type up once. Throws EventTypeConfigError when it
 * is missing or ambiguous (start-up must stop), CalcomError when Cal.com is down or refuses the key.
 */
export async function createCalcom(deps: CalcomDeps): Promise<Calcom> {
  const { http, api } = createCalcomApi(deps);
  let eventType: EventTypeInfo;
  try {
    eventType = await resolveEventType(api, deps.config.calcom);
  } catch (e) {
    await http.close();
    throw e;
  }
  deps.log.info(
    { eventTypeId: eventType.id, slug: eventType.slug, lengthInMinutes: eventType.lengthInMinutes },
    "Cal.com event type found",
  );
  const nowIso = () => new Date(deps.clock.now()).toISOString();
  const journal = new BookingJournal(deps.db, nowIso);
  const emails = new FallbackEmails(deps.db, deps.config.calcom.fallbackEmail, nowIso);
  const availability = new AvailabilityCache({
    fetchSlots: (start, end, bookingUidToReschedule) =>
      api.slots({ eventTypeId: eventType.id, startUtc: start, endUtc: end, bookingUidToReschedule }),
    clock: deps.clock,
    ttlMs: deps.config.availabilityCacheTtlSeconds * 1000,
    windowDays: deps.config.bookingWindowDays,
    durationMinutes: eventType.lengthInMinutes,
    log: deps.log,
  });
  const sleep = deps.fetchOptions?.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const writes = new BookingWrites({
    api,
    journal,
    emails,
    eventType,
    availability,
    log: deps.log,
    resendDelay: () => sleep(http.backoff(1)),
  });

  return {
    eventType,
    emailOptional: emails.emailOptional,
    availableSlots: (opts) => availability.get(opts),
    slotsReady: () => availability.isFresh(),
    prefetch: () => availability.prefetch(),
    invalidateAvailability: () => availability.invalidate(),
    fallbackEmailFor: (telegramId) => emails.forUser(telegramId),
    isFallbackEmail: (email) => emails.isFallback(email),
    createBooking: (input) => writes.create(input),
    rescheduleBooking: (input) => writes.reschedule(input),
    cancelBooking: (input) => writes.cancel(input),
    getBooking: (uid) => api.getBooking(uid),
    async refreshBooking(uid) {
      const b = await api.getBooking(uid);
      const row = journal.getBooking(uid);
      if (row) {
        journal.upsert({
          ...row,
          startUtc: b.startUtc,
          endUtc: b.endUtc,
          status: b.status,
          location: b.location ?? undefined,
        });
        // Moved on Cal.com's side (by the host): the old uid is cancelled and points at the new
        // one, which belongs to the same user — record it so lists and reminders follow.
        if (b.rescheduledToUid && !journal.getBooking(b.rescheduledToUid)) {
          const moved = await api.getBooking(b.rescheduledToUid);
          journal.upsert({
            ...row,
            uid: moved.uid,
            startUtc: moved.startUtc,
            endUtc: moved.endUtc,
            status: moved.status,
            location: moved.location ?? undefined,
            rescheduledFromUid: uid,
          });
        }
      }
      return b;
    },
    async listUpcomingBookings(attendeeEmail) {
      const now = deps.clock.now();
      const wanted = attendeeEmail.trim().toLowerCase();
      const list = await api.listBookings({
        attendeeEmail,
        status: "upcoming",
        afterStart: new Date(now).toISOString(),
        sortStart: "asc",
        take: 100,
      });
      return list.filter(
        (b) => b.attendee?.email.trim().toLowerCase() === wanted && isActive(b) && Date.parse(b.endUtc) > now,
      );
    },
    upcomingBookingsOf: (telegramId) => journal.upcomingFor(telegramId, nowIso()),
    upcomingBookings: (limit = 100) => journal.upcomingAll(nowIso(), limit),
    storedBooking: (uid) => journal.getBooking(uid),
    reconcilePendingAttempts: () => reconcilePendingAttempts(journal, writes, deps.log),
    close: () => http.close(),
  };
}
