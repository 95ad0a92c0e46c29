/** Cal.com API v2 answers: `{status:"success",data}` and the error envelopes of apps/api/v2/src/filters. */

export interface FakeResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** Answer later (real ms) or never (the socket is held until close): a slow or lost answer. */
  answer?: { delayMs: number } | "never";
}

/**
 * How an error is rendered:
 * - "nest": a NestJS HttpException through HttpExceptionFilter — envelope with `details`;
 * - "envelope": envelope without details (TRPCExceptionFilter; ErrorWithCodeExceptionFilter, which
 *   also repeats `message` at the top, passed in `extra`);
 * - "bare": what Nest's base filter makes of a library HttpError — `{statusCode, message}`.
 */
export type ErrorForm = "nest" | "envelope" | "bare";

/** Thrown by handlers; becomes one of Cal.com's error bodies. */
export class FakeHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra top-level fields, e.g. the `message` ErrorWithCodeExceptionFilter repeats. */
    readonly extra: Record<string, unknown> = {},
    readonly form: ErrorForm = "nest",
  ) {
    super(message);
  }
}

export const ok = (data: unknown, status = 200, extra: Record<string, unknown> = {}): FakeResponse => ({
  status,
  body: { status: "success", data, ...extra },
});

// Reason phrases Nest puts in HttpException.getResponse().error.
const PHRASES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

export function errorBody(
  path: string,
  code: string,
  message: string,
  now: number,
  extra: Record<string, unknown> = {},
  details?: unknown,
) {
  return {
    status: "error",
    timestamp: new Date(now).toISOString(),
    path,
    error: details === undefined ? { code, message } : { code, message, details },
    ...extra,
  };
}

/** The body of a FakeHttpError (apps/api/v2/src/filters/http-exception.filter.ts and siblings). */
export function renderError(e: FakeHttpError, path: string, now: number): unknown {
  if (e.form === "bare") return { statusCode: e.status, message: e.message, ...e.extra };
  const details =
    e.form === "nest"
      ? { message: e.message, error: PHRASES[e.status] ?? "Error", statusCode: e.status }
      : undefined;
  return errorBody(path, e.code, e.message, now, e.extra, details);
}

/** What an unhandled exception looks like: NestJS's bare body, no envelope. */
export const bareInternalError = { statusCode: 500, message: "Internal server error" };

export const badRequest = (message: string) => new FakeHttpError(400, "BadRequestException", message);
export const notFound = (message: string) => new FakeHttpError(404, "NotFoundException", message);
export const conflict = (message: string) => new FakeHttpError(409, "ConflictException", message);
/** A TRPCError through TRPCExceptionFilter (code name "TRPCError"; status from TRPC_ERROR_MAP). */
export const trpcError = (status: number, message: string) =>
  new FakeHttpError(status, "TRPCError", message, {}, "envelope");
/** A library HttpError: bare `{statusCode, message}` (Nest BaseExceptionFilter). */
export const libraryHttpError = (status: number, message: string) =>
  new FakeHttpError(status, "HttpError", message, {}, "bare");

/** Cal.com's texts for refused bookings (ErrorsBookingsService_2024_08_13 and the services named). */
export const MESSAGES = {
  unavailable: "User either already has booking at this time or is not available",
  outOfBounds:
    'The event type can\'t be booked at the "start" time provided. This could be because it\'s too soon (violating the minimum booking notice) or too far in the future (outside the event\'s scheduling window). Try fetching available slots first using the GET /v2/slots endpoint and then make a booking with "start" time equal to one of the available slots: https://cal.com/docs/api-reference/v2/slots',
  past: "Attempting to book a meeting in the past.",
  bookerLimit:
    "Attendee with this email can't book because the maximum number of active bookings has been reached.",
  undeliverable: "This email address cannot receive mail. Please use a valid email.",
  invalidApiKey: "ApiAuthStrategy - api key - Invalid API Key",
  throttled: "Too many requests. Please try again later.",
  // B/services/input.service.ts validateBookingLengthInMinutes
  lengthNotAllowed:
    "Can't specify 'lengthInMinutes' because event type does not have multiple possible lengths. Please, remove the 'lengthInMinutes' field from the request.",
  lengthNotOffered: (options: readonly number[]) =>
    `Provided 'lengthInMinutes' is not one of the possible lengths for the event type. The possible lengths are: ${options.join(", ")}`,
  // B/services/bookings.service.ts hasRequiredBookingFieldsResponses
  missingField: (slug: string, eventTypeId: number) =>
    `Missing required booking field response: ${slug} - it is required by the event type booking fields, but missing in the bookingFieldsResponses. You can fetch the event type with ID ${eventTypeId} to see the required fields.`,
  missingPhone:
    'Missing attendee phone number - it is required by the event type. Pass it as "attendee.phoneNumber" string in the request.',
  // B/services/bookings.service.ts createSeatedBooking
  seatsFull: "No more seats left at this seated booking.",
  // packages/trpc/server/routers/viewer/bookings/confirm.handler.ts
  alreadyConfirmed: "Booking already confirmed",
  // packages/features/bookings/lib/handleCancelBooking.ts
  cancelDisabled: "This event type does not allow cancellations",
  hostReasonRequired: "Cancellation reason is required when you are the host",
  cancelEnded: "Cannot cancel a booking that has already ended",
  // packages/features/bookings/lib/service/validation/RescheduleNoticeValidator.ts
  rescheduleNotice: "Rescheduling is not allowed within the minimum notice period before the event",
  notFoundInDb: (uid: string) => `Booking with uid=${uid} was not found in the database`,
  cancelledAlready: (uid: string) =>
    `Can't cancel booking with uid=${uid} because it has been cancelled already. Please provide uid of a booking that is not cancelled.`,
  rescheduleCancelled: (uid: string) =>
    `Can't reschedule booking with uid=${uid} because it has been cancelled. Please provide uid of a booking that is not cancelled.`,
  rescheduleRescheduled: (uid: string, to: string | undefined) =>
    `Can't reschedule booking with uid=${uid} because it has been cancelled and rescheduled already to booking with uid=${to}. You probably want to reschedule ${to} instead by passing it within the request URL.`,
};
