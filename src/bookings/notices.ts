import type { Booking } from "../calcom/types.js";
import type { Attempt } from "../db/booking-attempts.js";
import type { NewOutboxEntry } from "../db/outbox.js";
import { entry, type Notice } from "../notices/notice.js";
import { SPONSOR_CANCEL_REASON } from "./inputs.js";
import { isAwaitingConfirmation } from "./status.js";

/**
 * Who learns of a write Cal.com applied: the member (the result, replacing the summary they
 * confirmed when the dialog gave its message) and every admin. Keyed by the attempt's reference,
 * so the dialog's own path, a retry and start-up reconciliation queue it once. A booking or move
 * Cal.com left `pending` is a request: the member is told it waits for the sponsor (no calendar
 * file), the admins get it with Confirm / Decline.
 */
export function writeNotices(
  a: Attempt,
  b: Pick<Booking, "uid" | "status">,
  oldStartUtc: string | undefined,
  adminIds: readonly number[],
): NewOutboxEntry[] {
  const fact = `${a.kind}:${a.reference}`;
  const { uid } = b;
  const replaceMessageId = a.messageId;
  const toAdmins = (notice: Notice) => adminIds.map((id) => entry(fact, id, notice));
  const fromStartUtc = oldStartUtc ?? a.startUtc ?? "";
  if (a.kind !== "cancel" && isAwaitingConfirmation(b)) {
    const moved = a.kind === "reschedule" ? { fromStartUtc } : {};
    return [
      entry(fact, a.telegramId, { kind: "requested", uid, ...moved, replaceMessageId }),
      ...toAdmins({ kind: "adminRequested", uid, ...moved }),
    ];
  }
  if (a.kind === "create") {
    return [
      entry(fact, a.telegramId, { kind: "booked", uid, replaceMessageId }),
      ...toAdmins({ kind: "adminBooked", uid }),
    ];
  }
  if (a.kind === "reschedule") {
    return [
      entry(fact, a.telegramId, { kind: "moved", uid, fromStartUtc, replaceMessageId }),
      ...toAdmins({ kind: "adminMoved", uid, fromStartUtc }),
    ];
  }
  // The admin who cancelled sees the count in their own message; the member hears who did it.
  if (a.reason === SPONSOR_CANCEL_REASON) {
    return [entry(fact, a.telegramId, { kind: "hostCancelled", uid })];
  }
  return [
    entry(fact, a.telegramId, { kind: "cancelled", uid, replaceMessageId }),
    ...toAdmins({ kind: "adminCancelled", uid }),
  ];
}

/**
 * The member learns that a write left open (outcome unknown after an ambiguous try) was not
 * applied in the end; keyed by its reference, so it is told once.
 */
export function notAppliedNotice(a: Attempt, taken: boolean, timeZone: string): NewOutboxEntry[] {
  return [
    entry(`notApplied:${a.reference}`, a.telegramId, {
      kind: "notApplied",
      action: a.kind,
      startUtc: a.startUtc ?? "",
      timeZone,
      taken,
      replaceMessageId: a.messageId,
    }),
  ];
}
