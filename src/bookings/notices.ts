import type { Attempt } from "../db/booking-attempts.js";
import type { NewOutboxEntry } from "../db/outbox.js";
import { entry } from "../notices/notice.js";

/**
 * Who learns of a write Cal.com applied: the member (the result, replacing the summary they
 * confirmed when the dialog gave its message) and every admin. Keyed by the attempt's reference,
 * so the dialog's own path, a retry and start-up reconciliation queue it once.
 */
export function writeNotices(
  a: Attempt,
  uid: string,
  oldStartUtc: string | undefined,
  adminIds: readonly number[],
): NewOutboxEntry[] {
  const fact = `${a.kind}:${a.reference}`;
  const replaceMessageId = a.messageId;
  const toAdmins = (notice: Parameters<typeof entry>[2]) => adminIds.map((id) => entry(fact, id, notice));
  if (a.kind === "create") {
    return [
      entry(fact, a.telegramId, { kind: "booked", uid, replaceMessageId }),
      ...toAdmins({ kind: "adminBooked", uid }),
    ];
  }
  if (a.kind === "reschedule") {
    const fromStartUtc = oldStartUtc ?? a.startUtc ?? "";
    return [
      entry(fact, a.telegramId, { kind: "moved", uid, fromStartUtc, replaceMessageId }),
      ...toAdmins({ kind: "adminMoved", uid, fromStartUtc }),
    ];
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
