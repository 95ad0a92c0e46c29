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
  metadata: Record<string, string>;
}

export interface ListBookingsQuery {
  attendeeEmail?: string;
  status?: string;
  afterStart?: string;
  beforeEnd?: string;
  sortStart?: "asc" | "desc";
  take?: number;
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

  async listBookings(q: ListBookingsQuery): Promise<Booking[]> {
    const res = await this.http.send({
      operation: "listBookings",
      endpoint: "bookings",
      method: "GET",
      path: "/bookings",
      query: { ...q },
      schema: bookingsListSchema,
    });
    return readItems(bookingSchema, res.data, this.log, "listBookings").map(toBooking);
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

  async rescheduleBooking(uid: string, start: string, reschedulingReason?: string): Promise<Booking> {
    const res = await this.http.send({
      operation: "rescheduleBooking",
      endpoint: "bookings",
      method: "POST",
      path: `/bookings/${encodeURIComponent(uid)}/reschedule`,
      body: reschedulingReason ? { start, reschedulingReason } : { start },
      schema: bookingEnvelopeSchema,
      write: true,
    });
    return toBooking(res.data);
  }
}
