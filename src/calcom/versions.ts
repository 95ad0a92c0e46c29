/**
 * The `cal-api-version` each Cal.com endpoint needs, in one place. A missing or wrong value makes
 * Cal.com silently fall back to its 2024-04-15 code: /v2/slots answers 404, bookings answer 500 and
 * the bookings list ignores its attendeeEmail filter. So every request takes its version from here.
 */
export type Endpoint = "me" | "eventTypes" | "slots" | "bookings";

export const DEFAULT_BOOKINGS_API_VERSION = "2026-02-25";

const FIXED: Record<Exclude<Endpoint, "bookings">, string | undefined> = {
  me: undefined,
  eventTypes: "2024-06-14",
  slots: "2024-09-04",
};

/** The header value for an endpoint; undefined means "send no cal-api-version". */
export function apiVersionFor(
  endpoint: Endpoint,
  bookingsVersion = DEFAULT_BOOKINGS_API_VERSION,
): string | undefined {
  return endpoint === "bookings" ? bookingsVersion : FIXED[endpoint];
}
