import type { StoredBooking } from "../db/bookings.js";
import type { NewOutboxEntry } from "../db/outbox.js";
import { entry, type Notice } from "../notices/notice.js";
import type { BookingChange } from "./changes.js";

/**
 * Who learns of a change the sponsor made in Cal.com: the member, in their language and zone, and
 * every admin (nobody made it through the bot). Each entry is keyed by the change itself — the
 * booking and, for a move, where it went — so the sync pass, /mybookings and the reminder check
 * queue it once, and a restart between finding and sending loses nothing (the outbox keeps it).
 */
export function changeNotices(
  local: StoredBooking,
  change: BookingChange,
  adminIds: readonly number[],
): NewOutboxEntry[] {
  const to = (fact: string, member: Notice, admin: Notice) => [
    entry(fact, local.telegramId, member),
    ...adminIds.map((id) => entry(fact, id, admin)),
  ];
  const uid = local.uid;
  switch (change.kind) {
    case "hostCancelled":
    case "gone":
      return to(
        `calendar:cancelled:${uid}`,
        { kind: "hostCancelled", uid, reason: change.kind === "gone" ? undefined : change.reason },
        { kind: "adminHostCancelled", uid },
      );
    case "rescheduleRequested":
      return to(
        `calendar:rescheduleRequested:${uid}`,
        { kind: "rescheduleRequested", uid, reason: change.reason },
        { kind: "adminRescheduleRequested", uid },
      );
    case "hostMoved": {
      const fromStartUtc = local.startUtc;
      const next = change.to.uid;
      return to(
        `calendar:moved:${uid}>${next}@${change.to.startUtc}`,
        { kind: "hostMoved", uid: next, fromStartUtc },
        { kind: "adminHostMoved", uid: next, fromStartUtc },
      );
    }
    default:
      // Confirmed / declined are told by recordConfirmationOutcome (src/bookings/confirmations.ts);
      // a refreshed record tells nobody anything.
      return [];
  }
}
