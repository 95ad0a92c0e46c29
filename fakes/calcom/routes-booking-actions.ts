import { decide, markCancelled, markRescheduleRequested, moveBooking } from "./actions.js";
import {
  badRequest,
  FakeHttpError,
  type FakeResponse,
  libraryHttpError,
  MESSAGES,
  notFound,
  ok,
  trpcError,
} from "./envelope.js";
import type { RouteContext } from "./routes.js";
import { bookingOrSeries } from "./routes-bookings.js";
import { bookingOutput } from "./shapes.js";
import { isActive } from "./state.js";
import type { FakeBooking } from "./types.js";
import { asObject, instant, optionalString, rejectUnknown, requireString } from "./validate.js";

// CancelBookingInput_2024_08_13 (+ CancelSeatedBookingInput_2024_08_13),
// RescheduleBookingInput_2024_08_13 (+ RescheduleSeatedBookingInput_2024_08_13).
const CANCEL_KEYS = ["cancellationReason", "cancelSubsequentBookings", "seatUid"];
const RESCHEDULE_KEYS = ["start", "rescheduledBy", "reschedulingReason", "emailVerificationCode", "seatUid"];

function uidParam(ctx: RouteContext): string {
  return ctx.params.uid as string;
}

/**
 * POST /v2/bookings/{uid}/cancel: BookingsService_2024_08_13.cancelBooking →
 * InputBookingsService_2024_08_13.createCancelBookingRequest → handleCancelBooking. The caller is
 * the API key's owner, i.e. the host.
 */
export function cancelBooking(ctx: RouteContext): FakeResponse {
  const { state } = ctx;
  const uid = uidParam(ctx);
  const body = asObject(ctx.body ?? {}, "body");
  rejectUnknown(body, CANCEL_KEYS);
  const reason = optionalString(body, "cancellationReason");
  const seatUid = optionalString(body, "seatUid");
  const subsequent = body.cancelSubsequentBookings === true;
  if (seatUid !== undefined) {
    const owner = state.visibleBookings().find((b) => b.seats?.some((s) => s.seatUid === seatUid));
    if (!owner) throw badRequest("Invalid seatUid: this seat does not exist or has already been cancelled.");
    if (owner.uid !== uid) throw badRequest("Invalid seatUid: this seat does not belong to this booking.");
  }
  // transformInputCancelBooking: a recurring uid means "all remaining occurrences".
  const series = state.recurrence(uid);
  const isRecurringUid = series.length > 0 && !state.booking(uid);
  if (isRecurringUid && subsequent) {
    throw badRequest(
      "Cannot cancel subsequent bookings for recurring event - you have to provide uid of one of the individual bookings of a recurring booking.",
    );
  }
  const target = isRecurringUid ? series[0] : state.booking(uid);
  if (!target) throw notFound(`Booking with uid=${uid} not found`);
  if (target.status === "cancelled") throw badRequest(MESSAGES.cancelledAlready(uid));
  const et = state.eventType(target.eventTypeId);
  // handleCancelBooking.ts, in its order
  if (et?.disableCancelling && state.legacyDisableCancelling) {
    throw libraryHttpError(400, MESSAGES.cancelDisabled);
  }
  if (!reason?.trim()) throw libraryHttpError(400, MESSAGES.hostReasonRequired);
  if (target.end < state.now()) throw libraryHttpError(400, MESSAGES.cancelEnded);
  if (seatUid !== undefined && target.seats) {
    // cancelAttendeeSeat: only that attendee leaves
    target.seats = target.seats.filter((s) => s.seatUid !== seatUid);
    if (target.seats[0]) target.attendee = target.seats[0].attendee;
    target.updatedAt = state.now();
  } else if (target.recurringBookingUid && (isRecurringUid || subsequent)) {
    const from = subsequent ? target.start : state.now();
    for (const b of state.recurrence(target.recurringBookingUid)) {
      if (b.start >= from && b.status !== "cancelled") markCancelled(state, b, reason);
    }
  } else {
    markCancelled(state, target, reason);
  }
  if (subsequent) {
    if (!target.recurringBookingUid) {
      throw badRequest(`Booking with bookingUid=${uid} is not part of a recurring booking.`);
    }
    return ok(bookingOrSeries(state, target.recurringBookingUid));
  }
  return ok(bookingOrSeries(state, uid));
}

/**
 * POST /v2/bookings/{uid}/reschedule (BookingsService_2024_08_13.rescheduleBooking). Who
 * reschedules: rescheduledBy, when it is not the attendee's email, resolved to a Cal.com user,
 * else the API key's owner (`bookingRequest.userId ?? authUser?.id`). The organizer's reschedule
 * is accepted even where confirmation is required (getRequiresConfirmationFlags.ts).
 */
export function rescheduleBooking(ctx: RouteContext): FakeResponse {
  const { state } = ctx;
  const uid = uidParam(ctx);
  const old = state.booking(uid);
  // shouldRescheduleIndividualSeat
  if (!old) throw notFound(MESSAGES.notFoundInDb(uid));
  const body = asObject(ctx.body, "body");
  rejectUnknown(body, RESCHEDULE_KEYS);
  const start = instant(requireString(body, "start"), "start");
  const reason = optionalString(body, "reschedulingReason");
  const rescheduledBy = optionalString(body, "rescheduledBy");
  const seatUid = optionalString(body, "seatUid");
  const et = state.eventType(old.eventTypeId);
  if (!et) throw notFound(`Booking with uid=${uid} is missing event type`);
  if (et.seats && seatUid === undefined) {
    throw badRequest(
      `Booking with uid=${uid} is a seated booking which means you have to provide seatUid in the request body to specify which seat specifically you want to reschedule. First, fetch the booking using https://cal.com/docs/api-reference/v2/bookings/get-a-booking and then within the attendees array you will find the seatUid of the booking you want to reschedule. Second, provide the seatUid in the request body to specify which seat specifically you want to reschedule using the reschedule endpoint https://cal.com/docs/api-reference/v2/bookings/reschedule-a-booking#option-2`,
    );
  }
  // canRescheduleBooking
  if (old.status === "cancelled" && !old.rescheduled) throw badRequest(MESSAGES.rescheduleCancelled(uid));
  if (old.status === "cancelled") throw badRequest(MESSAGES.rescheduleRescheduled(uid, old.rescheduledToUid));
  // input.service.ts createRescheduleBookingRequest: only a rescheduledBy other than the
  // attendee's email is looked up as a user; then the key's owner, in builds that fall back to it.
  const byUser =
    rescheduledBy !== undefined && rescheduledBy !== old.attendee.email
      ? state.userIdByEmail(rescheduledBy)
      : undefined;
  const actingUser = byUser ?? (state.rescheduleByKeyOwner ? state.owner.id : undefined);
  const isOrganizer = actingUser === state.owner.id;
  // RescheduleNoticeValidator: within disableRescheduling.minutesBefore only the organizer may move it
  if (
    !isOrganizer &&
    et.minimumRescheduleNotice &&
    old.start - state.now() < et.minimumRescheduleNotice * 60_000
  ) {
    // ErrorWithCode(ErrorCode.Forbidden) → 403; the enum value is not in the stored errorCodes.ts
    throw new FakeHttpError(
      403,
      "Forbidden",
      MESSAGES.rescheduleNotice,
      { message: MESSAGES.rescheduleNotice },
      "envelope",
    );
  }
  const refusal = state.refusal(et, start, old.attendee.email, { ignoreUid: old.uid });
  if (refusal) throw badRequest(refusal);
  const status = state.needsConfirmation(et, start) && !isOrganizer ? "pending" : "accepted";
  if (seatUid !== undefined && old.seats) {
    // A seated reschedule moves that seat to the slot's (possibly new) booking.
    const seat = old.seats.find((s) => s.seatUid === seatUid);
    if (!seat) throw notFound(`Seat with uid=${seatUid} does not exist.`);
    old.seats = old.seats.filter((s) => s !== seat);
    old.updatedAt = state.now();
    const there = state.seatedAt(et, start);
    if (there?.seats) {
      there.seats.push(seat);
      return ok({ ...bookingOutput(there, state), seatUid }, 201);
    }
    const next = state.addBooking({
      eventTypeId: et.id,
      start,
      end: start + et.lengthInMinutes * 60_000,
      status,
      attendee: seat.attendee,
      seats: [seat],
      location: old.location,
      rescheduledFromUid: old.uid,
    });
    return ok({ ...bookingOutput(next, state), seatUid }, 201);
  }
  const next = moveBooking(state, old, start, {
    status,
    ...(reason === undefined ? {} : { reason }),
    ...(rescheduledBy === undefined ? {} : { rescheduledBy }),
  });
  return ok(bookingOutput(next, state), 201);
}

function confirmOrDecline(ctx: RouteContext, confirmed: boolean): FakeResponse {
  const { state } = ctx;
  const uid = uidParam(ctx);
  const b = state.booking(uid);
  // BookingsService_2024_08_13.confirmBooking / declineBooking
  if (!b) throw notFound(MESSAGES.notFoundInDb(uid));
  let reason: string | undefined;
  if (!confirmed) {
    const body = asObject(ctx.body ?? {}, "body");
    reason = optionalString(body, "reason");
  }
  // confirm.handler.ts: checked for confirm and decline alike
  if (b.status === "accepted") throw trpcError(400, MESSAGES.alreadyConfirmed);
  decide(state, b, confirmed, reason);
  return ok(bookingOutput(b, state));
}

/** POST /v2/bookings/{uid}/confirm → 200 GetBookingOutput_2024_08_13, status accepted. */
export const confirmBooking = (ctx: RouteContext) => confirmOrDecline(ctx, true);
/** POST /v2/bookings/{uid}/decline {reason?} → 200, status rejected (the reason is not shown). */
export const declineBooking = (ctx: RouteContext) => confirmOrDecline(ctx, false);

/**
 * POST /v2/bookings/{uid}/request-reschedule (2026-02-25 controller only) → 200 {status:"success"}.
 * Unknown uid → 404, cancelled or rejected → 400 (request-reschedule.e2e-spec.ts; the messages are
 * not in the stored source, so these texts are the fake's).
 */
export function requestReschedule(ctx: RouteContext): FakeResponse {
  const { state } = ctx;
  const uid = uidParam(ctx);
  const b: FakeBooking | undefined = state.booking(uid);
  if (!b) throw notFound(MESSAGES.notFoundInDb(uid));
  // Nest's ValidationPipe whitelists: unknown properties are dropped, not refused.
  const body = asObject(ctx.body ?? {}, "body");
  const reason = optionalString(body, "rescheduleReason");
  if (!isActive(b)) throw badRequest(`Booking with uid=${uid} is cancelled or rejected`);
  markRescheduleRequested(state, b, reason);
  return { status: 200, body: { status: "success" } };
}
