import { randomBytes } from "node:crypto";
import { workingStarts } from "./availability.js";
import { MESSAGES } from "./envelope.js";
import type { FakeBooking, FakeCalcomOptions, FakeEventType, WorkingHours } from "./types.js";

export interface FakeOwner {
  id: number;
  username: string;
  email: string;
  name: string;
  timeZone: string;
}

const DAY_MS = 86_400_000;

/** Everything the fake Cal.com knows: its owner, event types, schedule and bookings. */
export class FakeCalcomState {
  readonly owner: FakeOwner;
  readonly eventTypes: FakeEventType[];
  readonly bookings = new Map<string, FakeBooking>();
  workingHours: WorkingHours;
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
    }));
    this.workingHours = {
      days: options.workingHours?.days ?? [1, 2, 3, 4, 5],
      startHour: options.workingHours?.startHour ?? 9,
      endHour: options.workingHours?.endHour ?? 17,
      timeZone: options.workingHours?.timeZone ?? "UTC",
    };
  }

  eventType(id: number): FakeEventType | undefined {
    return this.eventTypes.find((e) => e.id === id);
  }

  /** Free starts in [from, to]: working hours, notice, window, minus the host's active bookings. */
  freeStarts(et: FakeEventType, from: number, to: number, ignoreUid?: string): number[] {
    const now = this.now();
    const lo = Math.max(from, now + et.minimumBookingNotice * 60_000);
    const hi = Math.min(to, now + et.bookingWindowDays * DAY_MS);
    if (lo > hi) return [];
    const lengthMs = et.lengthInMinutes * 60_000;
    return workingStarts(et, this.workingHours, lo, hi).filter((t) => !this.busy(t, t + lengthMs, ignoreUid));
  }

  /** Why a booking at `start` is refused (Cal.com's message), or undefined when it can be made. */
  refusal(et: FakeEventType, start: number, email: string, ignoreUid?: string): string | undefined {
    const now = this.now();
    if (start < now) return MESSAGES.past;
    if (start < now + et.minimumBookingNotice * 60_000 || start > now + et.bookingWindowDays * DAY_MS) {
      return MESSAGES.outOfBounds;
    }
    const limit = et.maxActiveBookingsPerAttendee;
    if (limit !== undefined && ignoreUid === undefined && this.activeFor(email, et.id).length >= limit) {
      return MESSAGES.bookerLimit;
    }
    const lengthMs = et.lengthInMinutes * 60_000;
    const inHours = workingStarts(et, this.workingHours, start, start).includes(start);
    if (!inHours || this.busy(start, start + lengthMs, ignoreUid)) return MESSAGES.unavailable;
    return undefined;
  }

  /** Adds a booking directly (e.g. someone booked on the web), bypassing every check. */
  addBooking(b: Partial<FakeBooking> & { start: number }): FakeBooking {
    const et = this.eventTypes[0] as FakeEventType;
    const now = this.now();
    const booking: FakeBooking = {
      id: this.nextId++,
      uid: b.uid ?? randomBytes(11).toString("base64url"),
      eventTypeId: b.eventTypeId ?? et.id,
      title: b.title ?? `${et.title} between ${this.owner.name} and ${b.attendee?.name ?? "Guest"}`,
      status: b.status ?? "accepted",
      start: b.start,
      end: b.end ?? b.start + et.lengthInMinutes * 60_000,
      attendee: b.attendee ?? {
        name: "Guest",
        email: "guest@mail.ru",
        timeZone: "Europe/Moscow",
        language: "ru",
      },
      metadata: b.metadata ?? {},
      location: b.location ?? "https://app.cal.com/video/fake",
      createdAt: b.createdAt ?? now,
      updatedAt: b.updatedAt ?? now,
      ...(b.rescheduledFromUid ? { rescheduledFromUid: b.rescheduledFromUid } : {}),
    };
    this.bookings.set(booking.uid, booking);
    return booking;
  }

  activeFor(email: string, eventTypeId: number): FakeBooking[] {
    const now = this.now();
    return [...this.bookings.values()].filter(
      (b) =>
        b.eventTypeId === eventTypeId &&
        b.attendee.email.toLowerCase() === email.toLowerCase() &&
        isActive(b) &&
        b.end > now,
    );
  }

  private busy(start: number, end: number, ignoreUid?: string): boolean {
    for (const b of this.bookings.values()) {
      if (b.uid !== ignoreUid && isActive(b) && b.start < end && start < b.end) return true;
    }
    return false;
  }
}

export function isActive(b: FakeBooking): boolean {
  return b.status === "accepted" || b.status === "pending";
}
