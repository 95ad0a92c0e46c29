import type { Booking } from "../calcom/types.js";
import type { StoredBooking } from "../db/bookings.js";
import { confirmationOutcome, isActive } from "./status.js";

/**
 * What happened to one of the bot's bookings on Cal.com's side, found by comparing the bot's
 * record with Cal.com's booking. One comparison for the sync pass, /mybookings and the reminder
 * check (src/bookings/sync.ts applies it).
 *
 * How Cal.com shows each change (API v2 2024-08-13 output, `B/services/output.service.ts`;
 * docs/CALCOM-BEHAVIOUR.md §d–f):
 * - moved: the old booking is `cancelled` with `rescheduledToUid` (the new booking's uid; output
 *   only when the booking was rescheduled); a start that changed under the same uid is a move too;
 * - cancelled by the host: `cancelled`, `cancelledByEmail` set (the web app passes the canceller;
 *   `handleCancelBooking.ts`), `cancellationReason` the host's reason;
 * - reschedule requested: `cancelled`, no `rescheduledToUid`, **no** `cancelledByEmail`
 *   (`requestReschedule.handler.ts` sets status, `rescheduled` and `cancellationReason` only; the
 *   output does not show `rescheduled`). An API cancel by another tool looks the same and is told
 *   the same way: the meeting is off and a new time is one tap away;
 * - a pending request decided: `pending` → `accepted` (confirmed) or `rejected` (declined);
 * - gone: Cal.com answers 404 for the uid (the booking row was deleted).
 */
export type BookingChange =
  | { kind: "hostCancelled"; uid: string; reason: string | undefined }
  | { kind: "rescheduleRequested"; uid: string; reason: string | undefined }
  | { kind: "hostMoved"; uid: string; to: Booking }
  | { kind: "confirmed"; uid: string }
  | { kind: "declined"; uid: string }
  | { kind: "gone"; uid: string }
  /** Nothing the member must learn (e.g. a new video link): the record just follows. */
  | { kind: "refreshed"; uid: string; remote: Booking };

/** Cal.com's answer for one booking: the booking, or "gone" (404). */
export type RemoteState = Booking | "gone";

/**
 * The change from `local` to `remote`, or undefined when they agree. `successor` is the live end
 * of a move chain (`remote.rescheduledToUid` followed), when the caller found it; a move whose
 * successor is unknown is left for a later look (nothing is said on half the facts).
 */
export function compare(
  local: StoredBooking,
  remote: RemoteState,
  successor?: Booking | undefined,
): BookingChange | undefined {
  const uid = local.uid;
  if (!isActive(local)) return undefined;
  if (remote === "gone") return { kind: "gone", uid };
  if (remote.rescheduledToUid !== undefined) {
    return successor ? { kind: "hostMoved", uid, to: successor } : undefined;
  }
  if (remote.status === "cancelled") {
    const reason = remote.cancellationReason;
    return remote.cancelledByEmail
      ? { kind: "hostCancelled", uid, reason }
      : { kind: "rescheduleRequested", uid, reason };
  }
  const outcome = confirmationOutcome(local, remote);
  if (outcome === "rejected") return { kind: "declined", uid };
  // Rejected without having been a request (not something Cal.com's UI offers): the time is off.
  if (remote.status === "rejected") return { kind: "hostCancelled", uid, reason: undefined };
  if (Date.parse(remote.startUtc) !== Date.parse(local.startUtc))
    return { kind: "hostMoved", uid, to: remote };
  if (outcome === "accepted") return { kind: "confirmed", uid };
  const same =
    remote.status === local.status &&
    Date.parse(remote.endUtc) === Date.parse(local.endUtc) &&
    (remote.location === null || remote.location === local.location);
  return same ? undefined : { kind: "refreshed", uid, remote };
}
