/** Operation names (the same names the client logs), used for counters, latency and faults. */
export const FAKE_OPS = [
  "getMe",
  "listEventTypes",
  "getEventType",
  "getSlots",
  "createBooking",
  "getBooking",
  "listBookings",
  "cancelBooking",
  "rescheduleBooking",
  "confirmBooking",
  "declineBooking",
  "requestReschedule",
] as const;
export type FakeOp = (typeof FAKE_OPS)[number];

/**
 * A custom booking question, as the v2 event-type output shows it
 * (ET/transformers/internal-to-api/booking-fields.ts). The system fields (name, email, location,
 * title, notes, guests, rescheduleReason) are always added by the fake; list only custom ones.
 */
export interface FakeBookingField {
  slug: string;
  type:
    | "phone"
    | "address"
    | "text"
    | "number"
    | "textarea"
    | "multiemail"
    | "boolean"
    | "select"
    | "multiselect"
    | "checkbox"
    | "radio"
    | "url";
  required: boolean;
  hidden?: boolean;
  label?: string;
  placeholder?: string;
  /** Option values (select, multiselect, checkbox, radio). */
  options?: string[];
}

/** openapi Seats_2024_06_14. */
export interface FakeSeats {
  seatsPerTimeSlot: number;
  showAttendeeInfo: boolean;
  showAvailabilityCount: boolean;
}

/** openapi Recurrence_2024_06_14. */
export interface FakeRecurrence {
  interval: number;
  occurrences: number;
  frequency: "weekly" | "monthly" | "yearly";
}

/** ET/transformers/internal-to-api/requires-confirmation.ts (input side of the same shape). */
export interface FakeConfirmationPolicy {
  type: "always" | "time";
  /** For "time": confirmation is needed only when booked within count × unit of the start. */
  noticeThreshold?: { unit: "minutes" | "hours"; count: number };
  /** Pending bookings hold their slot (internal requiresConfirmationWillBlockSlot). Default false. */
  blockUnconfirmedBookingsInBooker?: boolean;
}

export type FakeIntervalLimits = Partial<Record<"day" | "week" | "month" | "year", number>>;

export interface FakeEventType {
  id: number;
  slug: string;
  title: string;
  lengthInMinutes: number;
  ownerUsername: string;
  /** Minutes between now and the earliest bookable start. */
  minimumBookingNotice: number;
  /** How far ahead the event can be booked. */
  bookingWindowDays: number;
  hidden: boolean;
  locations: Array<Record<string, unknown> & { type: string }>;
  /** Cal.com's "limit active bookings per booker"; undefined = no limit. */
  maxActiveBookingsPerAttendee: number | undefined;
  /** Offered lengths (internal metadata.multipleDuration); undefined = only lengthInMinutes. */
  lengthInMinutesOptions: number[] | undefined;
  /** Minutes between slot starts; undefined = the slot length. */
  slotInterval: number | undefined;
  /** Shorthand for confirmationPolicy {type:"always"}. */
  requiresConfirmation: boolean;
  confirmationPolicy: FakeConfirmationPolicy | undefined;
  bookingFields: FakeBookingField[];
  requiresBookerEmailVerification: boolean;
  seats: FakeSeats | undefined;
  recurrence: FakeRecurrence | undefined;
  disableCancelling: boolean;
  disableRescheduling: boolean;
  /** disableRescheduling.minutesBefore (internal minimumRescheduleNotice). */
  minimumRescheduleNotice: number | undefined;
  /** Shown in the output only; the fake does not enforce them. */
  bookingLimitsCount: FakeIntervalLimits | undefined;
  bookingLimitsDuration: FakeIntervalLimits | undefined;
  onlyShowFirstAvailableSlot: boolean;
  disableGuests: boolean;
}

export interface WorkingHours {
  /** ISO weekdays (1 = Monday … 7 = Sunday). Default Monday–Friday. */
  days: number[];
  startHour: number;
  endHour: number;
  /** Zone the hours are expressed in. Default UTC. */
  timeZone: string;
}

export type FakeBookingStatus = "accepted" | "pending" | "cancelled" | "rejected";

export interface FakeAttendee {
  name: string;
  email: string;
  timeZone: string;
  /** Attendee.locale; null when Cal.com stored none (the output then says language: null). */
  language: string | null;
  phoneNumber?: string;
}

export interface FakeSeat {
  seatUid: string;
  attendee: FakeAttendee;
  /** The seat's bookingFieldsResponses (BookingSeat.data.responses). */
  responses: Record<string, unknown>;
  metadata: Record<string, string>;
}

export interface FakeBooking {
  id: number;
  uid: string;
  /** null: the event type was deleted (output eventType: null, eventTypeId: null). */
  eventTypeId: number | null;
  title: string;
  description: string | null;
  status: FakeBookingStatus;
  start: number;
  end: number;
  /** The booker (first attendee). For seated bookings the first seat's attendee. */
  attendee: FakeAttendee;
  metadata: Record<string, unknown>;
  /** null: no location (output location/meetingUrl null). */
  location: string | null;
  createdAt: number;
  updatedAt: number;
  /** bookingFieldsResponses beyond name and email. */
  responses?: Record<string, unknown>;
  guests?: string[];
  cancellationReason?: string;
  /** Who cancelled (email); API v2 cancels leave it unset. */
  cancelledBy?: string;
  reschedulingReason?: string;
  rescheduledFromUid?: string;
  rescheduledToUid?: string;
  /** Booking.rescheduled: cancelled because it was rescheduled or a reschedule was requested. */
  rescheduled?: boolean;
  /** Booking.rescheduledBy: email given as rescheduledBy. */
  rescheduledBy?: string;
  /** Stored by decline; no v2 output shows it. */
  rejectionReason?: string;
  /** Booking.recurringEventId: shared by the occurrences of one recurring booking. */
  recurringBookingUid?: string;
  /** Seated bookings: one entry per seat. */
  seats?: FakeSeat[];
  /** Fake clock time from which lists, lookups and availability see it (a late commit). */
  visibleAt?: number;
}

/**
 * What to do to a request instead of (or after) answering it normally. `afterCommit` applies the
 * operation first, then misbehaves: "booking accepted but never answered".
 */
export type Fault =
  | { type: "status"; status: number; envelope?: boolean; afterCommit?: boolean }
  | { type: "rate_limit"; resetSeconds?: number; retryAfterSeconds?: number }
  | { type: "drop"; afterCommit?: boolean }
  | { type: "hang"; afterCommit?: boolean }
  | { type: "body"; status?: number; body: unknown; afterCommit?: boolean };

export interface RecordedRequest {
  op: FakeOp | "unknown";
  method: string;
  path: string;
  query: Record<string, string>;
  /** Request headers; the Authorization value is replaced by whether it was the right key. */
  headers: Record<string, string>;
  body: unknown;
  at: number;
  /** When the answer was sent (or the connection closed without one). */
  endedAt?: number;
}

/**
 * Older shapes and odd values real builds emit, switchable for all booking outputs
 * (B/services/output.service.ts, its versions).
 */
export interface OutputQuirks {
  /** attendees[].language null, as when Attendee.locale is not stored. */
  attendeeLanguageNull?: boolean;
  /** eventType null and eventTypeId null, as after the event type was deleted. */
  eventTypeNull?: boolean;
  /** location and meetingUrl "null" (no location stored) or "absent" (left out). */
  location?: "null" | "absent";
  /**
   * cancellationReason/cancelledByEmail: "always" — on every booking, "" when unset (recent
   * build, default); "cancelled" — only on cancelled bookings (earlier build); "set" — only when
   * non-empty (earliest build).
   */
  cancellationFields?: "always" | "cancelled" | "set";
  /** The pagination field name: returnedItems (openapi, default) or itemsReturned (earlier build). */
  paginationReturnedKey?: "returnedItems" | "itemsReturned";
}

/** "503": every request gets 503 from the edge; "refused": nothing listens on the port. */
export type OutageMode = "503" | "refused";

export interface FakeCalcomOptions {
  apiKey?: string;
  /** Time source for availability, notice and booking checks. Default Date.now. */
  now?: () => number;
  owner?: { id?: number; username?: string; email?: string; name?: string; timeZone?: string };
  /** Other Cal.com accounts by email (rescheduledBy resolves to them; they are not the organizer). */
  otherUsers?: string[];
  eventTypes?: Array<Partial<FakeEventType>>;
  workingHours?: Partial<WorkingHours>;
  /** cal-api-version values the bookings endpoints accept. Default 2024-08-13 and 2026-02-25. */
  bookingsVersions?: string[];
  /** Latency added to every request (ms). Default 0. */
  latencyMs?: number;
  /** Cal.com's throttler; false turns it off. Default 120 requests / 60 s, 60 s block. */
  rateLimit?: { limit: number; windowMs: number; blockMs: number } | false;
  /** Domains refused with email_domain_cannot_receive_mail, on top of the reserved ones. */
  undeliverableDomains?: string[];
  /**
   * disableCancelling as older handleCancelBooking builds: refused even for the host's key. Default
   * false: the current build lets the event-type owner / booking host cancel.
   */
  legacyDisableCancelling?: boolean;
  /**
   * Who reschedules when the body names nobody else. Default true, the current build
   * (`B/services/bookings.service.ts` rescheduleBooking: `userId: bookingRequest.userId ?? authUser?.id`):
   * the API key's owner, so the host's key gets `accepted` even where confirmation is required.
   * false: earlier builds (`handleNewBooking({ userId: bookingRequest.userId, … })`): without a
   * `rescheduledBy` naming a Cal.com user nobody is the organizer, and the new booking is `pending`.
   */
  rescheduleByKeyOwner?: boolean;
  outputQuirks?: OutputQuirks;
  /** Start in an outage (see FakeCalcom.setOutage). */
  outage?: OutageMode;
  port?: number;
}
