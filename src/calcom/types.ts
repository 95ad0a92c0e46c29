import { type EventTypeSettings, settingsOf } from "./event-type-settings.js";
import type { BookingOutput, EventTypeOutput } from "./schemas.js";

/** Keys of the metadata sent with every booking: an opaque reference and where it came from. */
export const METADATA_REFERENCE_KEY = "bookingReference";
export const METADATA_SOURCE_KEY = "source";
export const METADATA_SOURCE = "telecalbot";

/** Cal.com's booking statuses (what "active" means is the domain's: src/bookings/status.ts). */
export type BookingStatus = "accepted" | "pending" | "cancelled" | "rejected";

/** The event type the bot books, as Cal.com describes it (never constants). */
export interface EventTypeInfo {
  id: number;
  slug: string;
  title: string;
  /** The default length. */
  lengthInMinutes: number;
  /** Every length a booker may pick, ascending (just the default when it offers one). */
  lengthOptions: readonly number[];
  /** How the meeting happens, e.g. `{ type: "integration", integration: "cal-video" }`. */
  locations: ReadonlyArray<Record<string, unknown> & { type: string }>;
  minimumBookingNoticeMinutes: number;
  hidden: boolean;
  bookingRequiresAuthentication: boolean;
  bookingUrl: string | undefined;
  /** Settings that decide whether the bot can serve it (src/calcom/event-type-check.ts). */
  settings: EventTypeSettings;
}

export interface AvailableSlot {
  startUtc: string;
  endUtc: string;
}

export interface BookingAttendee {
  name: string;
  email: string;
  timeZone: string;
  language: string | undefined;
}

export interface Booking {
  uid: string;
  title: string;
  /** Cal.com's status; a value newer than this bot is kept as-is. */
  status: BookingStatus | (string & {});
  startUtc: string;
  endUtc: string;
  durationMinutes: number;
  /** Cal.com's location (often the video link), or null when it has none. */
  location: string | null;
  attendee: BookingAttendee | undefined;
  /** The bot's opaque reference from metadata, when Cal.com echoes it. */
  reference: string | undefined;
  rescheduledFromUid: string | undefined;
  rescheduledToUid: string | undefined;
  /** Why it was cancelled (also a host's "please reschedule" note); undefined when Cal.com has none. */
  cancellationReason?: string | undefined;
  /** Who cancelled it in the web app; undefined for API cancels and reschedule requests. */
  cancelledByEmail?: string | undefined;
}

export function toEventTypeInfo(e: EventTypeOutput): EventTypeInfo {
  return {
    id: e.id,
    slug: e.slug,
    title: e.title,
    lengthInMinutes: e.lengthInMinutes,
    lengthOptions: lengthOptionsOf(e),
    locations: e.locations,
    minimumBookingNoticeMinutes: e.minimumBookingNotice ?? 0,
    hidden: e.hidden ?? false,
    bookingRequiresAuthentication: e.bookingRequiresAuthentication ?? false,
    bookingUrl: e.bookingUrl,
    settings: settingsOf(e),
  };
}

/** The offered lengths, sorted, always including the default (Cal.com lists it among them). */
function lengthOptionsOf(e: EventTypeOutput): number[] {
  const all = new Set([e.lengthInMinutes, ...(e.lengthInMinutesOptions ?? [])]);
  return [...all].filter((n) => Number.isInteger(n) && n > 0).sort((a, b) => a - b);
}

export function toBooking(b: BookingOutput): Booking {
  // The first attendee Cal.com shows with an email (a seated booking may show none).
  const a = (b.attendees ?? []).find((x) => typeof x.email === "string" && x.email !== "");
  const ref = b.metadata?.[METADATA_REFERENCE_KEY];
  return {
    uid: b.uid,
    title: b.title ?? "",
    status: b.status,
    startUtc: b.start,
    endUtc: b.end,
    durationMinutes: b.duration ?? Math.round((Date.parse(b.end) - Date.parse(b.start)) / 60_000),
    location: b.location ?? b.meetingUrl ?? null,
    attendee: a && {
      name: a.name ?? "",
      email: a.email ?? "",
      timeZone: a.timeZone ?? "UTC",
      language: a.language ?? undefined,
    },
    reference: typeof ref === "string" ? ref : undefined,
    rescheduledFromUid: b.rescheduledFromUid ?? undefined,
    rescheduledToUid: b.rescheduledToUid ?? undefined,
    cancellationReason: b.cancellationReason?.trim() || undefined,
    cancelledByEmail: b.cancelledByEmail?.trim() || undefined,
  };
}
