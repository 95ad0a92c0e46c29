import type { CalcomApi } from "../calcom/api.js";
import { CalcomError, isCalcomError } from "../calcom/errors.js";
import type { Booking } from "../calcom/types.js";
import { iso } from "../clock.js";
import type { Attempt } from "../db/booking-attempts.js";
import { isActive } from "./status.js";

/**
 * "Did Cal.com apply this write?" — asked after an ambiguous failure (timeout, reset, 5xx) and at
 * start-up for attempts a crash left unsettled. Each function returns the resulting booking, or
 * undefined when Cal.com shows the write was not applied; a failed lookup throws (still unknown).
 */

const MINUTE = 60_000;

function sameEmail(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * The attendee's bookings around a start time, re-checked here: a list call may ignore its filters.
 * An item on the page this bot cannot read may be the very booking looked for, so it means "cannot
 * tell" (throws, the write stays open), never "not there" — that would re-send a write that landed.
 */
async function bookingsAt(
  api: CalcomApi,
  email: string,
  startUtc: string,
  lengthMinutes: number,
): Promise<Booking[]> {
  const start = Date.parse(startUtc);
  const page = await api.listBookingsPage({
    attendeeEmail: email,
    afterStart: iso(start - MINUTE),
    beforeEnd: iso(start + (lengthMinutes + 1) * MINUTE),
    sortStart: "asc",
    take: 100,
  });
  if (page.skipped.length > 0) {
    throw new CalcomError({ kind: "unavailable", operation: "listBookings", code: "unreadable_item" });
  }
  return page.bookings.filter((b) => sameEmail(b.attendee?.email, email) && b.startUtc === startUtc);
}

/** Created by this attempt: same attendee, same start and our reference (or no metadata echoed at all). */
export async function findCreated(
  api: CalcomApi,
  a: Attempt,
  lengthMinutes: number,
): Promise<Booking | undefined> {
  if (a.attendeeEmail === undefined || a.startUtc === undefined) return undefined;
  const candidates = await bookingsAt(api, a.attendeeEmail, a.startUtc, lengthMinutes);
  return (
    candidates.find((b) => b.reference === a.reference) ??
    candidates.find((b) => b.reference === undefined && isActive(b))
  );
}

async function getOrUndefined(api: CalcomApi, uid: string): Promise<Booking | undefined> {
  try {
    return await api.getBooking(uid);
  } catch (e) {
    if (isCalcomError(e, "not_found")) return undefined;
    throw e;
  }
}

/**
 * The booking a reschedule produced: the old one points to it, or it points back to the old one —
 * at the time this attempt asked for (the sponsor may have moved the meeting in Cal.com meanwhile;
 * that move is theirs, for the sync to tell).
 */
export async function findRescheduled(
  api: CalcomApi,
  a: Attempt,
  lengthMinutes: number,
): Promise<Booking | undefined> {
  if (a.targetUid === undefined) return undefined;
  const old = await getOrUndefined(api, a.targetUid);
  if (old === undefined || isActive(old)) return undefined;
  if (old.rescheduledToUid) {
    const next = await getOrUndefined(api, old.rescheduledToUid);
    if (next && a.startUtc !== undefined && Date.parse(next.startUtc) === Date.parse(a.startUtc)) return next;
  }
  if (a.startUtc === undefined) return undefined;
  const email = a.attendeeEmail ?? old.attendee?.email;
  if (email === undefined) return undefined;
  const candidates = await bookingsAt(api, email, a.startUtc, lengthMinutes);
  return candidates.find((b) => b.rescheduledFromUid === a.targetUid);
}

/**
 * The cancelled booking, when the cancel went through. One moved away (`rescheduledToUid`: the
 * sponsor moved it in Cal.com first) was not cancelled — the meeting stands at its new time, and
 * the sync tells the member so.
 */
export async function findCancelled(api: CalcomApi, a: Attempt): Promise<Booking | undefined> {
  if (a.targetUid === undefined) return undefined;
  const b = await getOrUndefined(api, a.targetUid);
  return b && !isActive(b) && b.rescheduledToUid === undefined ? b : undefined;
}
