import { newReference } from "../../../bookings/inputs.js";
import { type FailureKind, failureKind } from "../../../bookings/outcomes.js";
import { isTransientKind } from "../../../calcom/errors.js";
import type { Booking } from "../../../calcom/types.js";
import type { Messages } from "../../../i18n/index.js";
import type { BotDeps } from "../../context.js";
import { ACTION } from "./actions.js";
import type { Button, Dialog, Next } from "./dialog.js";

/** "Booking…" appears only when Cal.com takes longer than this (the tap's toast says it at once). */
const SHOW_WRITING_AFTER_MS = 1_000;

export type WriteOutcome = { ok: true; booking: Booking } | { ok: false; kind: FailureKind };

/** How one confirmation is shown and what it writes (booking a time, or moving a booking). */
export interface Confirmation {
  /** The summary the member confirms. */
  summary: string;
  /** A notice above the summary the first time it is shown (e.g. why we are back here). */
  notice?: string | undefined;
  /** The summary's buttons besides Confirm (Edit, Back, Cancel…). */
  rows: Button[][];
  /** Shown under the summary while Cal.com is asked (and as the Confirm tap's toast). */
  writing: string;
  /**
   * The Cal.com write; `reference` is the same for every retry of this confirmation, and the
   * result replaces message `messageId` (the summary) when it is delivered.
   */
  write(reference: string, messageId: number | undefined): Promise<Booking>;
  /** The write adds a booking (not a move): it counts against the member's cap. */
  adds: boolean;
}

/** What the member did with the summary: confirmed and got an outcome, or tapped another button. */
export type Confirmed =
  | { kind: "written"; outcome: WriteOutcome }
  | { kind: "button"; action: string }
  | { kind: "cancel" };

/**
 * The shared "confirm and write" step: the summary with Confirm, then the journalled write.
 * While Cal.com is down or throttling it says so under the summary and offers Retry — the same
 * reference, so safe even if an attempt did reach Cal.com — or Cancel.
 */
export async function confirmAndWrite(
  dialog: Dialog,
  deps: BotDeps,
  t: Messages,
  c: Confirmation,
): Promise<Confirmed> {
  // One reference per confirmation: a retry or a second tap reuses it, so Cal.com writes once.
  const reference = await dialog.run(() => newReference());
  const rows: Button[][] = [
    [{ text: t.buttons.confirm, action: ACTION.confirm }, ...(c.rows[0] ?? [])],
    ...c.rows.slice(1),
  ];
  const choice = await dialog.ask({ text: c.notice ? `${c.notice}\n\n${c.summary}` : c.summary, rows });
  if (choice.kind !== "button" || choice.action === ACTION.cancel) return { kind: "cancel" };
  if (choice.action !== ACTION.confirm) return { kind: "button", action: choice.action };
  return dialog.loop({}, async (): Promise<Next<object, Confirmed>> => {
    const writing = { text: `${c.summary}\n\n${c.writing}`, rows: [] };
    const outcome = await attemptWrite(dialog, deps, writing, c.adds, (messageId) =>
      c.write(reference, messageId),
    );
    if (outcome.ok || !isTransientKind(outcome.kind)) return { done: { kind: "written", outcome } };
    const retry = await dialog.ask({
      text: `${t.booking.calcomDown}\n\n${c.summary}`,
      rows: [
        [{ text: t.buttons.retry, action: ACTION.retry }],
        [{ text: t.buttons.cancel, action: ACTION.cancel }],
      ],
    });
    if (retry.kind !== "button" || retry.action !== ACTION.retry) return { done: { kind: "cancel" } };
    return { again: {} };
  });
}

/**
 * Runs a Cal.com write once (never again on replay) for a member still allowed to book — access
 * and (for a new booking) the member's cap are checked right before Cal.com is asked, as access
 * may have been revoked, or the cap reached, while the dialog was open. Errors come back as a
 * JSON-safe kind.
 */
function attemptWrite(
  dialog: Dialog,
  deps: BotDeps,
  writing: { text: string; rows: Button[][] },
  adds: boolean,
  write: (messageId: number | undefined) => Promise<Booking>,
): Promise<WriteOutcome> {
  const messageId = dialog.currentMessageId;
  const memberId = dialog.memberId;
  return dialog.runShowingIfSlow(writing, SHOW_WRITING_AFTER_MS, async (): Promise<WriteOutcome> => {
    const { access, bookings } = deps.services;
    if (!access.mayBook(memberId)) return { ok: false, kind: "no_access" };
    if (adds && !bookings.mayBookMore(memberId)) return { ok: false, kind: "member_cap" };
    try {
      const booking = await write(messageId);
      // The result (and the admins' notice) is in the outbox, written with the booking: deliver it.
      deps.deliverNotices();
      return { ok: true, booking };
    } catch (err) {
      deps.log.warn({ err }, "booking write failed");
      return { ok: false, kind: failureKind(err) };
    }
  });
}
