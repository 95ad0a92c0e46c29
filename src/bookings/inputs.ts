import { randomBytes } from "node:crypto";
import { CalcomError, type CalcomErrorKind } from "../calcom/errors.js";
import { iso } from "../clock.js";

export interface CreateBookingInput {
  /** Caller's idempotency key: the same reference never produces a second booking. See newReference(). */
  reference: string;
  telegramId: number;
  startUtc: string;
  name: string;
  /** The user's own address; omit to use the plus-addressed fallback mailbox. */
  email?: string | undefined;
  timeZone: string;
  language: string;
  /** The length the member picked (event types with several lengths); omitted: the default. */
  lengthMinutes?: number | undefined;
  /** The dialog message the result replaces (the summary the member confirmed). */
  replaceMessageId?: number | undefined;
}

export interface RescheduleInput {
  uid: string;
  telegramId: number;
  newStartUtc: string;
  /** The zone the member picked the new time in (their records follow it). */
  timeZone?: string | undefined;
  reason?: string | undefined;
  reference?: string | undefined;
  replaceMessageId?: number | undefined;
}

export interface CancelInput {
  uid: string;
  telegramId: number;
  reason: string;
  reference?: string | undefined;
  replaceMessageId?: number | undefined;
}

/** The reason Cal.com records when a member cancels through the bot. */
export const MEMBER_CANCEL_REASON = "Cancelled by the attendee in Telegram";

/** The reason Cal.com records when an admin cancels a revoked member's meetings from /revoke. */
export const SPONSOR_CANCEL_REASON = "Cancelled by the sponsor in Telegram";

/** A fresh opaque reference for one booking request (e.g. one confirmation summary). */
export function newReference(): string {
  return `tcb_${randomBytes(12).toString("base64url")}`;
}

// The user caused these: replaying the same reference must not send the same doomed request again.
export const FINAL: ReadonlySet<string> = new Set<CalcomErrorKind>([
  "slot_unavailable",
  "booking_limit",
  "invalid_email",
  "invalid_input",
]);

export function utc(instant: string, operation: string): string {
  const t = Date.parse(instant);
  if (Number.isNaN(t))
    throw new CalcomError(
      { kind: "invalid_input", operation, code: "bad_start" },
      `not a date-time: ${instant}`,
    );
  return iso(t);
}

export function isAlreadyCancelled(e: CalcomError): boolean {
  const t = (e.apiMessage ?? "").toLowerCase();
  return e.status === 400 && t.includes("cancel") && t.includes("already");
}
