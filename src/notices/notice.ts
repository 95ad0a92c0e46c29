import type { RefusalCode } from "../calcom/event-type-check.js";
import type { NewOutboxEntry } from "../db/outbox.js";

/**
 * What people must learn, as facts the domain queues in the outbox (in the same transaction as
 * the change) and the bot renders at delivery time in the recipient's language and zone.
 */
export type Notice =
  /** The member's booking or move went through: result with the calendar file. */
  | { kind: "booked"; uid: string; replaceMessageId?: number | undefined }
  | { kind: "moved"; uid: string; fromStartUtc: string; replaceMessageId?: number | undefined }
  /**
   * The member's write, left open after an ambiguous try, was not applied in the end (`taken`:
   * the time went to someone else meanwhile). Its result replaces the summary they confirmed.
   */
  | {
      kind: "notApplied";
      action: "create" | "reschedule" | "cancel";
      startUtc: string;
      timeZone: string;
      taken: boolean;
      replaceMessageId?: number | undefined;
    }
  /** The member's cancel went through. */
  | { kind: "cancelled"; uid: string; replaceMessageId?: number | undefined }
  /** Admins: a booking made, moved or cancelled through the bot. */
  | { kind: "adminBooked"; uid: string }
  | { kind: "adminMoved"; uid: string; fromStartUtc: string }
  | { kind: "adminCancelled"; uid: string }
  /** The member: the sponsor changed the meeting in Cal.com (found by the sync, src/bookings/sync.ts). */
  | { kind: "hostCancelled"; uid: string; reason?: string | undefined }
  | { kind: "hostMoved"; uid: string; fromStartUtc: string }
  | { kind: "rescheduleRequested"; uid: string; reason?: string | undefined }
  /** Admins: the same changes, which nobody made through the bot. */
  | { kind: "adminHostCancelled"; uid: string }
  | { kind: "adminHostMoved"; uid: string; fromStartUtc: string }
  | { kind: "adminRescheduleRequested"; uid: string }
  /** The member: their booking (or, with `fromStartUtc`, their move) waits for the sponsor's confirmation. */
  | { kind: "requested"; uid: string; fromStartUtc?: string; replaceMessageId?: number | undefined }
  /** Admins: a booking or move that needs their confirmation (with Confirm / Decline). */
  | { kind: "adminRequested"; uid: string; fromStartUtc?: string }
  /** The member: the sponsor confirmed (with the calendar file) or declined (with their reason, if any). */
  | { kind: "confirmed"; uid: string }
  | { kind: "declined"; uid: string; reason?: string }
  /** Admins: a request was decided, in Cal.com or by another admin in Telegram (`by`). */
  | { kind: "adminConfirmed"; uid: string; by?: number }
  | { kind: "adminDeclined"; uid: string; by?: number }
  /** Admins: a stranger asks for access (with Approve / Reject). */
  | { kind: "accessRequested"; telegramId: number }
  /** The admin whose invite let someone in (every admin, if that one is no longer an admin). */
  | { kind: "inviteUsed"; telegramId: number; note: string | null }
  /** The member: an admin's decision about their access. */
  | { kind: "accessDecided"; decision: "approved" | "rejected" | "revoked" }
  /** Admins: the event type has settings the bot cannot serve; members cannot book until changed. */
  | { kind: "eventTypeRefused"; refusals: Array<{ code: RefusalCode; detail: string }> };

export type NoticeKind = Notice["kind"];

/** Notices admins get, plain text that may be merged into one message while they wait. */
export const MERGEABLE: ReadonlySet<NoticeKind> = new Set([
  "adminBooked",
  "adminMoved",
  "adminCancelled",
  "adminConfirmed",
  "adminDeclined",
]);

/** One outbox entry: `notice` for `chatId`, reporting `fact` (the same fact is queued once per chat). */
export function entry(fact: string, chatId: number, notice: Notice): NewOutboxEntry {
  const { kind, ...payload } = notice;
  return { fact, chatId, kind, payload };
}

/** Reads an entry back as its notice (the kind and payload were written by `entry`). */
export function noticeOf(e: { kind: string; payload: unknown }): Notice {
  return { kind: e.kind, ...(e.payload as object) } as Notice;
}
