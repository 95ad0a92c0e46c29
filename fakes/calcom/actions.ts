import type { FakeCalcomState } from "./state.js";
import type { FakeBooking } from "./types.js";

/** State changes shared by the HTTP routes and the host-side controls (no checks here). */

/** handleCancelBooking: status CANCELLED, cancellationReason, cancelledBy (unset by API v2). */
export function markCancelled(
  state: FakeCalcomState,
  b: FakeBooking,
  reason: string | undefined,
  cancelledBy?: string,
): void {
  b.status = "cancelled";
  if (reason !== undefined) b.cancellationReason = reason;
  if (cancelledBy !== undefined) b.cancelledBy = cancelledBy;
  b.updatedAt = state.now();
}

/**
 * A reschedule: a new booking (new uid, rescheduledFromUid, reschedulingReason), the old one
 * cancelled with rescheduled = true, rescheduledToUid and rescheduledBy
 * (B/controllers/e2e/reschedule-bookings.e2e-spec.ts). The new booking keeps the event type's
 * default length (B/services/input.service.ts transformInputRescheduleBooking).
 */
export function moveBooking(
  state: FakeCalcomState,
  old: FakeBooking,
  start: number,
  o: { status: FakeBooking["status"]; reason?: string; rescheduledBy?: string },
): FakeBooking {
  const et = state.eventType(old.eventTypeId);
  const lengthMs = (et?.lengthInMinutes ?? Math.round((old.end - old.start) / 60_000)) * 60_000;
  const next = state.addBooking({
    eventTypeId: old.eventTypeId,
    title: old.title,
    description: old.description,
    status: o.status,
    start,
    end: start + lengthMs,
    attendee: { ...old.attendee },
    metadata: { ...old.metadata },
    location: old.location,
    ...(old.responses ? { responses: { ...old.responses } } : {}),
    ...(old.guests ? { guests: [...old.guests] } : {}),
    ...(old.seats ? { seats: old.seats.map((s) => ({ ...s })) } : {}),
    rescheduledFromUid: old.uid,
    ...(o.reason === undefined ? {} : { reschedulingReason: o.reason }),
  });
  old.status = "cancelled";
  old.rescheduled = true;
  old.rescheduledToUid = next.uid;
  if (o.rescheduledBy !== undefined) old.rescheduledBy = o.rescheduledBy;
  old.updatedAt = state.now();
  return next;
}

/**
 * Request reschedule (packages/trpc/server/routers/viewer/bookings/requestReschedule.handler.ts):
 * CANCELLED, rescheduled = true, cancellationReason = the reason; no new booking, cancelledBy unset.
 */
export function markRescheduleRequested(state: FakeCalcomState, b: FakeBooking, reason: string | undefined) {
  b.status = "cancelled";
  b.rescheduled = true;
  if (reason !== undefined) b.cancellationReason = reason;
  b.updatedAt = state.now();
}

/**
 * confirm.handler.ts: confirm → ACCEPTED, decline → REJECTED with rejectionReason; with a
 * recurringEventId (API v2 passes the booking's own) the pending occurrences of the series follow.
 */
export function decide(state: FakeCalcomState, b: FakeBooking, confirmed: boolean, reason?: string): void {
  const series = b.recurringBookingUid
    ? state.recurrence(b.recurringBookingUid).filter((x) => x.status === "pending" || x.uid === b.uid)
    : [b];
  for (const x of series) {
    x.status = confirmed ? "accepted" : "rejected";
    if (!confirmed && reason !== undefined) x.rejectionReason = reason;
    x.updatedAt = state.now();
  }
}
