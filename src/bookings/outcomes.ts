import { CalcomError, type CalcomErrorKind } from "../calcom/errors.js";
import type { Messages } from "../i18n/index.js";

/**
 * A write whose outcome is not known yet: an ambiguous try (timeout, reset, 5xx) Cal.com may still
 * commit, so it stays open and is looked up on a schedule (open-writes.ts) — never re-sent
 * meanwhile. `another`: refused because another create of the member's is open.
 */
export class WriteStillOpen extends Error {
  constructor(readonly another: boolean) {
    super(another ? "another create of this member is still open" : "write still open");
  }
}

/** What went wrong with a booking write, as a JSON-safe kind (a dialog's replay log holds it). */
export type FailureKind = CalcomErrorKind | "no_access" | "member_cap" | "still_open" | "write_open";

export function failureKind(err: unknown): FailureKind {
  if (err instanceof WriteStillOpen) return err.another ? "write_open" : "still_open";
  return err instanceof CalcomError ? err.kind : "unavailable";
}

/**
 * The one mapping from a failed booking write to what the member is told. `retryOffered`: the
 * message sits above a Retry button (the dialogs), or stands alone (a cancel from a list);
 * `existing`: the write was about a booking the member has (a move or cancel), not a new one.
 */
export function failureText(
  kind: string,
  t: Messages,
  opts: { retryOffered: boolean; existing: boolean },
): string {
  switch (kind) {
    case "slot_unavailable":
      return t.booking.slotTaken;
    case "invalid_email":
      return t.booking.emailRefused;
    case "booking_limit":
      return t.booking.bookingLimit;
    case "not_found":
      return opts.existing ? t.myBookings.notFound : t.confirmations.setupProblem;
    case "no_access":
      return t.access.notApproved;
    case "member_cap":
      return t.lists.capReached;
    case "still_open":
      return t.calendar.stillAnswering;
    case "write_open":
      return t.calendar.previousOpen;
    case "unavailable":
    case "rate_limited":
      return opts.retryOffered ? t.booking.calcomDown : t.myBookings.calcomDown;
    case "auth":
      // Only a refused key raises the admins' alarm (CalcomHttp → onAuthFailure): only then are they told.
      return t.booking.contactAdmin;
    default:
      return t.confirmations.setupProblem;
  }
}
