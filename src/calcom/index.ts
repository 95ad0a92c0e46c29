// Public surface of the Cal.com module: the bot imports from here only.
export type { CalcomApi, CreateBookingBody, ListBookingsQuery, Me } from "./api.js";
export type { CancelInput, CreateBookingInput, RescheduleInput } from "./booking-inputs.js";
export { newReference } from "./booking-inputs.js";
export type { Attempt, AttemptKind, AttemptState, StoredBooking } from "./booking-journal.js";
export type { Calcom, CalcomDeps } from "./client.js";
export { createCalcom, createCalcomApi } from "./client.js";
export type { CalcomErrorKind } from "./errors.js";
export { CalcomError, EventTypeConfigError, isCalcomError } from "./errors.js";
export { resolveEventType } from "./event-type.js";
export type { FetchOptions } from "./http.js";
export type { ReconcileReport } from "./reconcile.js";
export type { AvailableSlot, Booking, BookingAttendee, BookingStatus, EventTypeInfo } from "./types.js";
export { isActive } from "./types.js";
export { apiVersionFor, DEFAULT_BOOKINGS_API_VERSION } from "./versions.js";
