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
] as const;
export type FakeOp = (typeof FAKE_OPS)[number];

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

export interface FakeBooking {
  id: number;
  uid: string;
  eventTypeId: number;
  title: string;
  status: FakeBookingStatus;
  start: number;
  end: number;
  attendee: { name: string; email: string; timeZone: string; language: string };
  metadata: Record<string, unknown>;
  location: string;
  createdAt: number;
  updatedAt: number;
  cancellationReason?: string;
  reschedulingReason?: string;
  rescheduledFromUid?: string;
  rescheduledToUid?: string;
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

export interface FakeCalcomOptions {
  apiKey?: string;
  /** Time source for availability, notice and booking checks. Default Date.now. */
  now?: () => number;
  owner?: { id?: number; username?: string; email?: string; name?: string; timeZone?: string };
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
  port?: number;
}
