/** Cal.com API v2 answers: `{status:"success",data}` and the error envelope of apps/api/v2/src/filters. */

export interface FakeResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** Thrown by handlers; becomes Cal.com's error envelope (HttpExceptionFilter). */
export class FakeHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra top-level fields, e.g. the `message` ErrorWithCodeExceptionFilter repeats. */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const ok = (data: unknown, status = 200, extra: Record<string, unknown> = {}): FakeResponse => ({
  status,
  body: { status: "success", data, ...extra },
});

export function errorBody(
  path: string,
  code: string,
  message: string,
  now: number,
  extra: Record<string, unknown> = {},
) {
  return {
    status: "error",
    timestamp: new Date(now).toISOString(),
    path,
    error: { code, message },
    ...extra,
  };
}

/** What an unhandled exception looks like: NestJS's bare body, no envelope. */
export const bareInternalError = { statusCode: 500, message: "Internal server error" };

export const badRequest = (message: string) => new FakeHttpError(400, "BadRequestException", message);
export const notFound = (message: string) => new FakeHttpError(404, "NotFoundException", message);

/** Cal.com's texts for refused bookings (ErrorsBookingsService_2024_08_13). */
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
};
