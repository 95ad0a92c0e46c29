import { decide, markCancelled, markRescheduleRequested, moveBooking } from "./actions.js";
import type { FakeCalcomState } from "./state.js";
import type { FakeBooking } from "./types.js";

/**
 * What the host does in Cal.com's web app, for tests (not over HTTP, no availability checks).
 * Each action changes the booking as the corresponding Cal.com handler does and bumps updatedAt.
 */
export interface FakeHost {
  /** Host cancels (handleCancelBooking from the web app): cancelled, reason, cancelledBy = host. */
  cancel(uid: string, reason?: string): FakeBooking;
  /** Host moves it: a new accepted booking (returned); the old one cancelled with rescheduledToUid. */
  reschedule(uid: string, start: number | string, o?: { reason?: string }): FakeBooking;
  /** "Request reschedule": cancelled, rescheduled = true, cancellationReason = reason, no new booking. */
  requestReschedule(uid: string, reason?: string): FakeBooking;
  /** Accept a pending booking (and the pending rest of its series). */
  confirm(uid: string): FakeBooking;
  /** Reject a pending booking; the reason is stored but no v2 output shows it. */
  decline(uid: string, reason?: string): FakeBooking;
  /** The booking row is gone: absent from lists, GET answers 404. */
  delete(uid: string): void;
}

export function createHost(state: FakeCalcomState): FakeHost {
  const get = (uid: string): FakeBooking => {
    const b = state.bookings.get(uid);
    if (!b) throw new Error(`fake Cal.com host: no booking ${uid}`);
    return b;
  };
  return {
    cancel(uid, reason) {
      const b = get(uid);
      markCancelled(state, b, reason, state.owner.email);
      return b;
    },
    reschedule(uid, start, o = {}) {
      const t = typeof start === "number" ? start : Date.parse(start);
      if (Number.isNaN(t)) throw new Error(`fake Cal.com host: bad start ${String(start)}`);
      return moveBooking(state, get(uid), t, {
        status: "accepted",
        rescheduledBy: state.owner.email,
        ...(o.reason === undefined ? {} : { reason: o.reason }),
      });
    },
    requestReschedule(uid, reason) {
      const b = get(uid);
      markRescheduleRequested(state, b, reason);
      return b;
    },
    confirm(uid) {
      const b = get(uid);
      decide(state, b, true);
      return b;
    },
    decline(uid, reason) {
      const b = get(uid);
      decide(state, b, false, reason);
      return b;
    },
    delete(uid) {
      get(uid);
      state.bookings.delete(uid);
    },
  };
}
