import { randomBytes } from "node:crypto";
import { workingStarts } from "./availability.js";
import { MESSAGES } from "./envelope.js";
import type {
  FakeBooking,
  FakeCalcomOptions,
  FakeEventType,
  FakeSeat,
  OutputQuirks,
  WorkingHours,
} from "./types.js";

export interface FakeOwner {
  id: number;
  username: string;
  email: string;
  name: string;
  timeZone: string;
}

const DAY_MS = 86_400_000;

export const newUid = (): string => randomBytes(11).toString("base64url");

/** Everything the fake Cal.com knows: its owner, event types, schedule and bookings. */
export class FakeCalcomState {
  readonly owner: FakeOwner;
  /** Other Cal.com accounts (email → id). */
  readonly otherUsers = new Map<string, number>();
  readonly eventTypes: FakeEventType[];
  readonly bookings = new Map<string, FakeBooking>();
  workingHours: WorkingHours;
  outputQuirks: OutputQuirks;
  legacyDisableCancelling: boolean;
  rescheduleByKeyOwner: boolean;
  private nextId = 5000;

  constructor(
    options: FakeCalcomOptions,
    readonly now: () => number,
  ) {
    this.owner = {
      id: options.owner?.id ?? 42,
      username: options.owner?.username ?? "sponsor",
      email: options.owner?.email ?? "sponsor@mail.ru",
      name: options.owner?.name ?? "Sponsor",
      timeZone: options.owner?.timeZone ?? "Europe/Moscow",
    };
    (options.otherUsers ?? []).forEach((email, i) => {
      this.otherUsers.set(email.toLowerCase(), 900 + i);
    });
    const specs = options.eventTypes ?? [{}];
    this.eventTypes = specs.map((e, i) => ({
      id: e.id ?? 1001 + i,
      slug: e.slug ?? (i === 0 ? "step" : `event-${i}`),
      title: e.title ?? "Step meeting",
      lengthInMinutes: e.lengthInMinutes ?? 60,
      ownerUsername: e.ownerUsername ?? this.owner.username,
      minimumBookingNotice: e.minimumBookingNotice ?? 60,
      bookingWindowDays: e.bookingWindowDays ?? 60,
      hidden: e.hidden ?? false,
      locations: e.locations ?? [{ type: "integration", integration: "cal-video" }],
      maxActiveBookingsPerAttendee: e.maxActiveBookingsPerAttendee,
      lengthInMinutesOptions: e.lengthInMinutesOptions,
      slotInterval: e.slotInterval,
      requiresConfirmation: e.requiresConfirmation ?? e.confirmationPolicy !== undefined,
      confirmationPolicy: e.confirmationPolicy,
      bookingFields: e.bookingFields ?? [],
      requiresBookerEmailVerification: e.requiresBookerEmailVerification ?? false,
      seats: e.seats,
      recurrence: e.recurrence,
      disableCancelling: e.disableCancelling ?? false,
      disableRescheduling: e.disableRescheduling ?? false,
      minimumRescheduleNotice: e.minimumRescheduleNotice,
      bookingLimitsCount: e.bookingLimitsCount,
      bookingLimitsDuration: e.bookingLimitsDuration,
      onlyShowFirstAvailableSlot: e.onlyShowFirstAvailableSlot ?? false,
      disableGuests: e.disableGuests ?? true,
    }));
    for (const et of this.eventTypes) {
      // EventTypeConstraintsValidator: seats with recurrence is refused by Cal.com itself.
      if (et.seats && et.recurrence) throw new Error(`event type ${et.id}: recurring_event_seats_error`);
    }
    this.workingHours = {
      days: options.workingHours?.days ?? [1, 2, 3, 4, 5],
      startHour: options.workingHours?.startHour ?? 9,
      endHour: options.workingHours?.endHour ?? 17,
      timeZone: options.workingHours?.timeZone ?? "UTC",
    };
    this.outputQuirks = { ...options.outputQuirks };
    this.legacyDisableCancelling = options.legacyDisableCancelling ?? false;
    this.rescheduleByKeyOwner = options.rescheduleByKeyOwner ?? true;
  }

  eventType(id: number | null): FakeEventType | undefined {
    return id === null ? undefined : this.eventTypes.find((e) => e.id === id);
  }

  /** Committed by now on the fake clock (a late commit is invisible until then). */
  isVisible(b: FakeBooking): boolean {
    return b.visibleAt === undefined || b.visibleAt <= this.now();
  }

  visibleBookings(): FakeBooking[] {
    return [...this.bookings.values()].filter((b) => this.isVisible(b));
  }

  /** A visible booking by uid. */
  booking(uid: string): FakeBooking | undefined {
    const b = this.bookings.get(uid);
    return b && this.isVisible(b) ? b : undefined;
  }

  /** The occurrences of a recurring booking, by its recurringBookingUid, sorted by start. */
  recurrence(recurringUid: string): FakeBooking[] {
    return this.visibleBookings()
      .filter((b) => b.recurringBookingUid === recurringUid)
      .sort((a, b) => a.start - b.start);
  }

  /**
   * Whether a booking starting at `start` needs confirmation: "always", or "time" with the start
   * within the threshold (packages/features/bookings/lib/handleNewBooking/getRequiresConfirmationFlags.ts).
   */
  needsConfirmation(et: FakeEventType, start: number): boolean {
    if (!et.requiresConfirmation) return false;
    const t = et.confirmationPolicy?.type === "time" ? et.confirmationPolicy.noticeThreshold : undefined;
    if (!t) return true;
    const unitMs = t.unit === "hours" ? 3_600_000 : 60_000;
    return (start - this.now()) / unitMs <= t.count;
  }

  /** Id of the Cal.com user with this email (the owner or one of otherUsers). */
  userIdByEmail(email: string): number | undefined {
    if (email.toLowerCase() === this.owner.email.toLowerCase()) return this.owner.id;
    return this.otherUsers.get(email.toLowerCase());
  }

  /** The active seated booking of `et` at `start` (one booking holds all seats of a slot). */
  seatedAt(et: FakeEventType, start: number): FakeBooking | undefined {
    if (!et.seats) return undefined;
    return this.visibleBookings().find(
      (b) => b.eventTypeId === et.id && b.start === start && b.seats !== undefined && isActive(b),
    );
  }

  /**
   * Free starts in [from, to]: working hours, notice, window, minus the host's busy time. A seated
   * event's start stays free while its booking has seats left.
   */
  freeStarts(
    et: FakeEventType,
    from: number,
    to: number,
    o: { ignoreUid?: string; lengthMinutes?: number } = {},
  ): number[] {
    const now = this.now();
    const lo = Math.max(from, now + et.minimumBookingNotice * 60_000);
    const hi = Math.min(to, now + et.bookingWindowDays * DAY_MS);
    if (lo > hi) return [];
    const length = o.lengthMinutes ?? et.lengthInMinutes;
    const step = et.slotInterval ?? length;
    return workingStarts(this.workingHours, lo, hi, step, length).filter((t) => {
      const seated = this.seatedAt(et, t);
      if (seated && et.seats) return (seated.seats?.length ?? 0) < et.seats.seatsPerTimeSlot;
      return !this.busy(t, t + length * 60_000, o.ignoreUid);
    });
  }

  /** Why a booking at `start` is refused (Cal.com's message), or undefined when it can be made. */
  refusal(
    et: FakeEventType,
    start: number,
    email: string,
    o: { ignoreUid?: string; lengthMinutes?: number } = {},
  ): string | undefined {
    const now = this.now();
    if (start < now) return MESSAGES.past;
    if (start < now + et.minimumBookingNotice * 60_000 || start > now + et.bookingWindowDays * DAY_MS) {
      return MESSAGES.outOfBounds;
    }
    const limit = et.maxActiveBookingsPerAttendee;
    // The booker limit is not checked on reschedules (RegularBookingService: !rescheduleUid).
    if (limit !== undefined && o.ignoreUid === undefined && this.activeFor(email, et.id).length >= limit) {
      return MESSAGES.bookerLimit;
    }
    const length = o.lengthMinutes ?? et.lengthInMinutes;
    // On a grid GET /v2/slots offers (a 90-minute booking may start on a 30-minute slot), ending by
    // close. Slots for a `duration` step by it (slots/util.ts: slotInterval || duration || length),
    // so a start on the requested length's grid is accepted as well as the default length's one.
    const steps = new Set([et.slotInterval ?? et.lengthInMinutes, et.slotInterval ?? length]);
    const inHours = [...steps].some((step) =>
      workingStarts(this.workingHours, start, start, step, length).includes(start),
    );
    if (!inHours) return MESSAGES.unavailable;
    if (this.seatedAt(et, start)) return undefined; // joining the seated booking; fullness checked by the caller
    if (this.busy(start, start + length * 60_000, o.ignoreUid)) return MESSAGES.unavailable;
    return undefined;
  }

  /** Adds a booking directly (e.g. someone booked on the web), bypassing every check. */
  addBooking(b: Partial<FakeBooking> & { start: number }): FakeBooking {
    const et =
      (b.eventTypeId === undefined ? this.eventTypes[0] : this.eventType(b.eventTypeId)) ??
      (this.eventTypes[0] as FakeEventType);
    const now = this.now();
    const attendee = b.attendee ?? {
      name: "Guest",
      email: "guest@mail.ru",
      timeZone: "Europe/Moscow",
      language: "ru",
    };
    const booking: FakeBooking = {
      id: this.nextId++,
      uid: b.uid ?? newUid(),
      eventTypeId: b.eventTypeId === undefined ? et.id : b.eventTypeId,
      title: b.title ?? `${et.title} between ${this.owner.name} and ${attendee.name}`,
      description: b.description === undefined ? "" : b.description,
      status: b.status ?? "accepted",
      start: b.start,
      end: b.end ?? b.start + et.lengthInMinutes * 60_000,
      attendee,
      metadata: b.metadata ?? {},
      location: b.location === undefined ? "https://app.cal.com/video/fake" : b.location,
      createdAt: b.createdAt ?? now,
      updatedAt: b.updatedAt ?? now,
    };
    const optional: Array<keyof FakeBooking> = [
      "responses",
      "guests",
      "cancellationReason",
      "cancelledBy",
      "reschedulingReason",
      "rescheduledFromUid",
      "rescheduledToUid",
      "rescheduled",
      "rescheduledBy",
      "rejectionReason",
      "recurringBookingUid",
      "seats",
      "visibleAt",
    ];
    for (const k of optional) {
      if (b[k] !== undefined) (booking as unknown as Record<string, unknown>)[k] = b[k];
    }
    if (et.seats && booking.seats === undefined && b.eventTypeId !== null) {
      booking.seats = [newSeat(attendee)];
    }
    this.bookings.set(booking.uid, booking);
    return booking;
  }

  activeFor(email: string, eventTypeId: number): FakeBooking[] {
    const now = this.now();
    return this.visibleBookings().filter(
      (b) =>
        b.eventTypeId === eventTypeId &&
        attendeesOf(b).some((a) => a.email.toLowerCase() === email.toLowerCase()) &&
        isActive(b) &&
        b.end > now,
    );
  }

  /**
   * Busy times hold ACCEPTED bookings, and PENDING ones only where their event type blocks
   * unconfirmed slots (packages/features/bookings/repositories/BookingRepository.ts
   * findAllExistingBookingsForEventTypeBetween; apps/web/test/lib/getSchedule.test.ts "a slot counts
   * as being busy when the eventType is requiresConfirmation and requiresConfirmationWillBlockSlot").
   */
  blocks(b: FakeBooking): boolean {
    if (!this.isVisible(b)) return false;
    if (b.status === "accepted") return true;
    if (b.status !== "pending") return false;
    return this.eventType(b.eventTypeId)?.confirmationPolicy?.blockUnconfirmedBookingsInBooker === true;
  }

  private busy(start: number, end: number, ignoreUid?: string): boolean {
    for (const b of this.bookings.values()) {
      if (b.uid !== ignoreUid && this.blocks(b) && b.start < end && start < b.end) return true;
    }
    return false;
  }
}

export function newSeat(
  attendee: FakeBooking["attendee"],
  responses: Record<string, unknown> = {},
): FakeSeat {
  return { seatUid: randomBytes(12).toString("hex"), attendee, responses, metadata: {} };
}

/** Every attendee: the seats of a seated booking, else the booker. */
export function attendeesOf(b: FakeBooking): FakeBooking["attendee"][] {
  return b.seats ? b.seats.map((s) => s.attendee) : [b.attendee];
}

export function isActive(b: FakeBooking): boolean {
  return b.status === "accepted" || b.status === "pending";
}
