// Public surface of the Cal.com API client: the rest of the project imports from here only.
export type { CalcomApi, CreateBookingBody, ListBookingsQuery, Me } from "./api.js";
export type { AvailabilityCache } from "./availability-cache.js";
export type { CalcomClient, CalcomDeps } from "./client.js";
export { connectCalcom, createCalcomApi } from "./client.js";
export type { CalcomErrorKind } from "./errors.js";
export { CalcomError, EventTypeConfigError, isCalcomError, isTransient } from "./errors.js";
export type { EventTypeSource, RememberedEventType } from "./event-type.js";
export { resolveEventType } from "./event-type.js";
export { assessEventType, type RefusalCode, refusalsOf, type SettingLine } from "./event-type-check.js";
export type { FetchOptions } from "./http.js";
export type { AvailableSlot, Booking, BookingAttendee, BookingStatus, EventTypeInfo } from "./types.js";
export { apiVersionFor, DEFAULT_BOOKINGS_API_VERSION } from "./versions.js";
