import type { Logger } from "../log.js";
import { isCalcomError } from "./errors.js";
import type { CalcomHttp } from "./http.js";
import { readItems } from "./items.js";
import {
  bookingEnvelopeSchema,
  bookingSchema,
  bookingsListSchema,
  eventTypeByIdSchema,
  eventTypeSchema,
  eventTypesListSchema,
  meSchema,
  slotsSchema,
  successEnvelope,
} from "./schemas.js";
import { type Booking, type EventTypeInfo, toBooking, toEventTypeInfo } from "./types.js";

/** CreateBookingInput_2024_08_13, restricted to what the bot sends (unknown fields are a 400). */
export interface CreateBookingBody {
  start: string;
  eventTypeId: number;
  attendee: { name: string; email: string; timeZone: string; language?: string };
  /** Only for an event type with several lengths, one of them (else Cal.com answers 400). */
  lengthInMinutes?: number;
  metadata: Record<string, string>;
}

export interface ListBookingsQuery {
  attendeeEmail?: string;
  status?: string;
  eventTypeId?: number;
  afterStart?: string;
  beforeEnd?: string;
  sortStart?: "asc" | "desc";
  take?: number;
  skip?: number;
}

/** One page of a list: the items that parsed, and how many items Cal.com sent in all. */
export interface BookingsPage {
  bookings: Booking[];
  /** Items Cal.com returned, parsed or not (paging stops on a page shorter than `take`). */
  returned: number;
  /** Items that did not parse as a booking, by index (their uid, when they have one). */
  skipped: { index: number; uid: string | undefined }[];
}

export interface Me {
  id: number;
  username: string | null;
  email: string;
  timeZone: string;
}

/** One method per Cal.com endpoint the bot uses: path, version, body and schema; no policy. */
export class CalcomApi {
  constructor(
    private readonly http: CalcomHttp,
    private readonly log: Logger,
  ) {}

  async me(): Promise<Me> {
    const res = await this.http.send({
      operation: "getMe",
      endpoint: "me",
      method: "GET",
      path: "/me",
      schema: successEnvelope(meSchema),
    });
    return res.data;
  }

  async eventTypeById(id: number): Promise<EventTypeInfo> {
    const res = await this.http.send({
      operation: "getEventType",
      endpoint: "eventTypes",
      method: "GET",
      path: `/event-types/${id}`,
      schema: eventTypeByIdSchema,
    });
    return toEventTypeInfo(res.data);
  }

  /** Cal.com has answered an empty search with 404 "Event types not found": both mean none. */
  async eventTypesBySlug(username: string, eventSlug: string): Promise<EventTypeInfo[]> {
    try {
      const res = await this.http.send({
        operation: "listEventTypes",
        endpoint: "eventTypes",
        method: "GET",
        path: "/event-types",
        query: { username, eventSlug },
        schema: eventTypesListSchema,
      });
      return readItems(eventTypeSchema, res.data, this.log, "listEventTypes").map(toEventTypeInfo);
    } catch (e) {
      if (isCalcomError(e, "not_found")) return [];
      throw e;
    }
  }

  /** Free slot starts (UTC ISO, ascending) in [startUtc, endUtc]. */
  async slots(q: {
    eventTypeId: number;
    startUtc: string;
    endUtc: string;
    bookingUidToReschedule?: string | undefined;
    /** One of the event type's lengths when it offers several (the documented `duration`). */
    duration?: number | undefined;
  }): Promise<string[]> {
    const res = await this.http.send({
      operation: "getSlots",
      endpoint: "slots",
      method: "GET",
      path: "/slots",
      query: {
        eventTypeId: q.eventTypeId,
        start: q.startUtc,
        end: q.endUtc,
        bookingUidToReschedule: q.bookingUidToReschedule,
        duration: q.duration,
      },
      schema: slotsSchema,
    });
    return [...new Set(Object.values(res.data).flat())].sort();
  }

  async createBooking(body: CreateBookingBody): Promise<Booking> {
    const res = await this.http.send({
      operation: "createBooking",
      endpoint: "bookings",
      method: "POST",
      path: "/bookings",
      body,
      schema: bookingEnvelopeSchema,
      write: true,
    });
    return toBooking(res.data);
  }

  async getBooking(uid: string): Promise<Booking> {
    const res = await this.http.send({
      operation: "getBooking",
      endpoint: "bookings",
      method: "GET",
      path: `/bookings/${encodeURIComponent(uid)}`,
      schema: bookingEnvelopeSchema,
    });
    return toBooking(res.data);
  }

  /** The bookings of one list page that this bot can read (the rest skipped and logged). */
  async listBookings(q: ListBookingsQuery): Promise<Booking[]> {
    return (await this.listBookingsPage(q)).bookings;
  }

  /**
   * One page of bookings, read item by item (readItems): an item this bot cannot read is skipped
   * and logged, and reported in `skipped` so a caller never reads its absence as "gone".
   */
  async listBookingsPage(q: ListBookingsQuery): Promise<BookingsPage> {
    const res = await this.http.send({
      operation: "listBookings",
      endpoint: "bookings",
      method: "GET",
      path: "/bookings",
      query: { ...q },
      schema: bookingsListSchema,
    });
    const skipped: BookingsPage["skipped"] = [];
    const read = readItems(bookingSchema, res.data, this.log, "listBookings", (item, index) =>
      skipped.push({ index, uid: uidOf(item) }),
    );
    return { bookings: read.map(toBooking), returned: res.data.length, skipped };
  }

  async cancelBooking(uid: string, cancellationReason: string): Promise<Booking> {
    const res = await this.http.send({
      operation: "cancelBooking",
      endpoint: "bookings",
      method: "POST",
      path: `/bookings/${encodeURIComponent(uid)}/cancel`,
      body: { cancellationReason },
      schema: bookingEnvelopeSchema,
      write: true,
    });
    return toBooking(res.data);
  }

  /**
   * RescheduleBookingInput_2024_08_13. `rescheduledBy`: who moves it; the organizer's email makes
   * the new booking accepted even where the event type requires confirmation (docs/CALCOM-BEHAVIOUR.md §f).
   */
  async rescheduleBooking(
    uid: string,
    start: string,
    opts: { reason?: string | undefined; rescheduledBy?: string | undefined } = {},
  ): Promise<Booking> {
    const res = await this.http.send({
      operation: "rescheduleBooking",
      endpoint: "bookings",
      method: "POST",
      path: `/bookings/${encodeURIComponent(uid)}/reschedule`,
      body: {
        start,
        ...(opts.reason ? { reschedulingReason: opts.reason } : {}),
        ...(opts.rescheduledBy ? { rescheduledBy: opts.rescheduledBy } : {}),
      },
      schema: bookingEnvelopeSchema,
      write: true,
    });
    return toBooking(res.data);
  }

  /** POST /bookings/{uid}/confirm, no body → the booking, `accepted` (docs/CALCOM-BEHAVIOUR.md §a). */
  async confirmBooking(uid: string): Promise<Booking> {
    const res = await this.http.send({
      operation: "confirmBooking",
      endpoint: "bookings",
      method: "POST",
      path: `/bookings/${encodeURIComponent(uid)}/confirm`,
      schema: bookingEnvelopeSchema,
      write: true,
    });
    return toBooking(res.data);
  }

  /** POST /bookings/{uid}/decline `{reason?}` → the booking, `rejected` (the reason is not echoed). */
  async declineBooking(uid: string, reason?: string): Promise<Booking> {
    const res = await this.http.send({
      operation: "declineBooking",
      endpoint: "bookings",
      method: "POST",
      path: `/bookings/${encodeURIComponent(uid)}/decline`,
      body: reason ? { reason } : {},
      schema: bookingEnvelopeSchema,
      write: true,
    });
    return toBooking(res.data);
  }
}

const uidOf = (item: unknown): string | undefined => {
  const uid = typeof item === "object" && item !== null ? (item as { uid?: unknown }).uid : undefined;
  return typeof uid === "string" ? uid : undefined;
};
