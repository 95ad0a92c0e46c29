import { z } from "zod";

/**
 * Response schemas from Cal.com's OpenAPI document (shared/calcom/openapi-v2-booking-subset.json).
 * Unknown fields are tolerated (z.object strips them) so a Cal.com release that adds fields does
 * not break the bot; a field the bot relies on that the document marks required is required here,
 * so a broken answer becomes a typed error instead of `undefined` deep in the bot. Fields the bot
 * never reads are not checked: enforcing them would only add ways to fail.
 */

/** Any ISO-8601 date-time with an offset, normalised to UTC `…Z`. */
export const isoInstant = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)) && /T\d{2}:\d{2}/.test(s), "not an ISO date-time")
  .transform((s) => new Date(s).toISOString());

export const successEnvelope = <T extends z.ZodType>(data: T) =>
  z.object({ status: z.literal("success"), data });

/** `{"status":"error","error":{"code","message"}}`, or the bare `{"statusCode","message"}` of an unhandled 500. */
export const errorEnvelopeSchema = z.object({
  status: z.string().optional(),
  statusCode: z.number().optional(),
  message: z.unknown().optional(),
  error: z
    .union([
      z.object({
        code: z.unknown().optional(),
        message: z.unknown().optional(),
        details: z.unknown().optional(),
      }),
      z.string(),
    ])
    .optional(),
});

// MeOutput
export const meSchema = z.object({
  id: z.number(),
  username: z.string().nullable(),
  email: z.string(),
  timeZone: z.string(),
});

const locationSchema = z.looseObject({ type: z.string() });

// EventTypeOutput_2024_06_14
export const eventTypeSchema = z.object({
  id: z.number(),
  slug: z.string(),
  title: z.string(),
  lengthInMinutes: z.number().positive(),
  lengthInMinutesOptions: z.array(z.number()).optional(),
  locations: z.array(locationSchema).default([]),
  minimumBookingNotice: z.number().optional(),
  hidden: z.boolean().optional(),
  bookingRequiresAuthentication: z.boolean().optional(),
  ownerId: z.number().optional(),
  bookingUrl: z.string().optional(),
  bookerActiveBookingsLimit: z.object({ maximumActiveBookings: z.number().optional() }).nullish(),
  // Settings the bot may not be able to serve; read loosely (src/calcom/event-type-settings.ts).
  bookingFields: z.array(z.unknown()).optional(),
  requiresBookerEmailVerification: z.unknown().optional(),
  seats: z.unknown().optional(),
  recurrence: z.unknown().optional(),
  disableCancelling: z.unknown().optional(),
  disableRescheduling: z.unknown().optional(),
  bookingLimitsCount: z.unknown().optional(),
  bookingLimitsDuration: z.unknown().optional(),
});
export type EventTypeOutput = z.infer<typeof eventTypeSchema>;

/**
 * Documented as an array; some Cal.com builds answer a single object when eventSlug is given.
 * Items are read one by one (readItems), so one event type of an unknown shape is skipped.
 */
export const eventTypesListSchema = successEnvelope(
  z.union([z.array(z.unknown()), eventTypeSchema.transform((e) => [e])]),
);
export const eventTypeByIdSchema = successEnvelope(eventTypeSchema);

// GET /v2/slots 2024-09-04: { "2026-01-06": [{ start }] }; a bare string item is tolerated too.
const slotItem = z.union([z.object({ start: isoInstant }).transform((s) => s.start), isoInstant]);
export const slotsSchema = successEnvelope(z.record(z.string(), z.array(slotItem)));

/**
 * BookingAttendee / SeatedAttendee as OutputBookingsService_2024_08_13 builds them
 * (apps/api/v2/src/ee/bookings/2024-08-13/services/output.service.ts): `language` is the stored
 * `Attendee.locale`, null when none was stored (a booking made on the web, an older build); the
 * other fields are read tolerantly too, as the bot can do without them.
 */
const attendeeSchema = z.object({
  name: z.string().nullish(),
  email: z.string().nullish(),
  timeZone: z.string().nullish(),
  language: z.string().nullish(),
});

/**
 * BookingOutput_2024_08_13, and the recurring and seated shapes of the same service (output.service.ts:
 * getOutputBooking, getOutputRecurringBooking, getOutputSeatedBooking). What the real server emits
 * and the bot tolerates: `eventType`/`eventTypeId` null once the event type is deleted (the
 * relation is optional), `location`/`meetingUrl` null or absent when none is stored, attendees
 * without a language, a seated booking's attendees (SeatedAttendee, maybe none shown) and a
 * recurring one's `recurringBookingUid`. Only uid, status, start and end are required: without
 * them a booking means nothing to the bot.
 */
export const bookingSchema = z.object({
  id: z.number().optional(),
  uid: z.string().min(1),
  title: z.string().nullish(),
  status: z.string(),
  start: isoInstant,
  end: isoInstant,
  duration: z.number().nullish(),
  location: z.string().nullish(),
  meetingUrl: z.string().nullish(),
  attendees: z.array(attendeeSchema).nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish().catch(undefined),
  rescheduledFromUid: z.string().nullish(),
  rescheduledToUid: z.string().nullish(),
  cancellationReason: z.string().nullish(),
  // "" when unset on recent builds, absent on older ones; the canceller's email for web-app cancels.
  cancelledByEmail: z.string().nullish(),
  eventType: z.object({ id: z.number(), slug: z.string().nullish() }).nullish(),
  eventTypeId: z.number().nullish(),
  recurringBookingUid: z.string().nullish(),
});
export type BookingOutput = z.infer<typeof bookingSchema>;

export const bookingEnvelopeSchema = successEnvelope(bookingSchema);

export const bookingsListSchema = z.object({
  status: z.literal("success"),
  // Read item by item (readItems): one booking of a shape the bot cannot read is skipped, not fatal.
  data: z.array(z.unknown()),
  pagination: z.object({ totalItems: z.number(), hasNextPage: z.boolean() }).partial().optional(),
});
